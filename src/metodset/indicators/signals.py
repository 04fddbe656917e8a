"""Invalidate cached indicator values when their source data changes."""

from django.db.models.signals import post_delete, post_save

from metodset.indicators.compute import bump_version

SOURCES = [
    "associations.Membership",
    "events.Participation",
    "growth.Diagnostic",
    "growth.PDCourse",
    "growth.Route",
    "growth.RegionalMethodistStatus",
    "growth.Mentoring",
    "growth.Practice",
    "growth.Publication",
    "library.Practice",  # integration: accepted experience units (library app)
    "indicators.ExpertAssessment",
    "people.Teacher",
    "surveys.Survey",  # the satisfaction indicator counts closed surveys' answers
    "surveys.Response",
]


def connect() -> None:
    from django.apps import apps

    for label in SOURCES:
        model = apps.get_model(label)
        post_save.connect(bump_version, sender=model, dispatch_uid=f"indicators-save-{label}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"indicators-delete-{label}")
