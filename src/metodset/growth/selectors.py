"""Reads: one teacher's growth (the schedules are filtered lists, see filters.py)."""

from django.db.models import Prefetch

from metodset.growth.models import RouteStep
from metodset.people.models import Teacher


def teacher_growth(teacher: Teacher) -> dict:
    return {
        "courses": list(teacher.pd_courses.all()),
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
    }
