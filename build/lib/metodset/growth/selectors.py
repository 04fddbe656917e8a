"""Reads: one teacher's growth (the schedules are filtered lists, see filters.py)."""

from django.db.models import Prefetch

from metodset.events.models import CompetitionEntry, ParticipationStatus
from metodset.growth.models import RouteStep
from metodset.people.models import Teacher


def teacher_growth(teacher: Teacher) -> dict:
    courses = list(teacher.pd_courses.all())
    return {
        "courses": courses,
        "pd_certificates": [c for c in courses if c.certificate_number or c.certificate],
        "attestations": list(teacher.attestations.all()),
        "diagnostics": list(teacher.diagnostics.all()),
        "routes": list(
            teacher.routes.prefetch_related(
                Prefetch("steps", RouteStep.objects.order_by("deadline"))
            )
        ),
        "mentors": list(teacher.mentored_by.select_related("mentor")),
        "mentees": list(teacher.mentoring.select_related("teacher")),
        "regional": list(teacher.regional_methodist_statuses.all()),
        "needs": list(teacher.needs.select_related("need")),
        "themes": list(teacher.self_education_themes.all()),
        "practices": list(teacher.practices.all()),
        "publications": list(teacher.publications.all()),
        **teacher_events(teacher),
    }


def teacher_events(teacher: Teacher) -> dict:
    """The teacher's part in events: participations with their certificates, competition
    results. Two queries whatever their number."""
    participations = list(
        teacher.participations.exclude(status=ParticipationStatus.CANCELLED)
        .select_related("event", "teacher")
        .order_by("-event__starts_at", "-pk")
    )
    results = list(
        CompetitionEntry.objects.filter(teacher=teacher)
        .select_related("nomination__event", "nominated_by")
        .order_by("-nomination__event__starts_at", "nomination__name")
    )
    return {"participations": participations, "competition_results": results}
