"""Grounds for a proposal drawn from the member's records: competition results, events he
led or spoke at, PD courses, and what other apps add (PROPOSAL_GROUNDS in their
extensions.py: the bank's accepted practices). Each source returns printable lines."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from metodset.core.extensions import collect
from metodset.events.models import CompetitionEntry, Participation, ParticipationRole
from metodset.growth.models import PDCourse
from metodset.people.models import Teacher

LEADING_ROLES = (ParticipationRole.SPEAKER, ParticipationRole.MASTER, ParticipationRole.JURY)


def _date(day) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def competition_grounds(teacher: Teacher) -> list[str]:
    entries = (
        CompetitionEntry.objects.filter(teacher=teacher)
        .exclude(outcome="")
        .select_related("nomination__event")
        .order_by("-nomination__event__starts_at")
    )
    return [
        _("Competition «%(event)s» (%(nomination)s), %(date)s: %(outcome)s")
        % {
            "event": e.nomination.event.title,
            "nomination": e.nomination.name,
            "date": _date(e.nomination.event.starts_at.date()),
            "outcome": e.get_outcome_display(),
        }
        for e in entries
    ]


def event_grounds(teacher: Teacher) -> list[str]:
    rows = (
        Participation.objects.filter(teacher=teacher, role__in=LEADING_ROLES)
        .exclude(attended=False)
        .select_related("event")
        .order_by("-event__starts_at")
    )
    return [
        _("%(role)s: «%(event)s», %(date)s")
        % {
            "role": p.get_role_display().capitalize(),
            "event": p.event.title,
            "date": _date(p.event.starts_at.date()),
        }
        for p in rows
    ]


def pd_grounds(teacher: Teacher) -> list[str]:
    courses = PDCourse.objects.filter(teacher=teacher).order_by("-ends_on")
    return [
        _("PD course «%(program)s» (%(provider)s, %(hours)s h), %(date)s")
        % {
            "program": c.program,
            "provider": c.provider,
            "hours": c.hours,
            "date": _date(c.ends_on),
        }
        for c in courses
    ]


SOURCES: list[Callable[[Teacher], list[str]]] = [competition_grounds, event_grounds, pd_grounds]


def grounds_for(teacher: Teacher) -> list[str]:
    """Every line of the teacher's records a proposal may cite, a few queries per source."""
    lines: list[str] = []
    for source in [*SOURCES, *collect("PROPOSAL_GROUNDS")]:
        lines += source(teacher)
    return lines
