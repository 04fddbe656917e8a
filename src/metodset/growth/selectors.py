"""Reads: one teacher's growth (the schedules are filtered lists, see filters.py)."""

import datetime as dt

from django.db.models import Max, Prefetch, Q, QuerySet

from metodset.core.dates import years_ago
from metodset.events.models import CompetitionEntry, ParticipationStatus
from metodset.growth.models import PD_YEARS, RouteStep
from metodset.people.models import Teacher


def teacher_growth(teacher: Teacher) -> dict:
    courses = list(teacher.pd_courses.all())
    return {
        "courses": courses,
        "pd_certificates": [c for c in courses if c.certificate_number or c.certificate],
        "attestations": list(teacher.attestations.all()),
        "diagnostics": list(teacher.diagnostics.prefetch_related("competences")),
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


def pd_renewal_due(teachers: QuerySet[Teacher], by: dt.date) -> QuerySet[Teacher]:
    """Teachers whose PD is no longer current by `by` under the three-year rule: the last
    course ended on or before `by` less three years, or no course is recorded. Each is
    annotated with `last_pd_end` (None: no course)."""
    return (
        teachers.annotate(last_pd_end=Max("pd_courses__ends_on"))
        .filter(Q(last_pd_end__isnull=True) | Q(last_pd_end__lte=years_ago(by, PD_YEARS)))
        .order_by("last_name", "first_name", "pk")
    )
