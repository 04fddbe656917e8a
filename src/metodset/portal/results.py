"""The results the portal publishes (issue 14, item 3; 000 §1.6 «содержание, качество и
результаты»; 001 §2.2): an association's year in numbers on its passport, and the
municipality's competition and olympiad results.

Only counts and titles: events held, practices the bank published, members' publications
counted, members' competition entries and awards counted, students' olympiad results as the
organiser entered them (counts by school and grade, never children's names) and the
indicators. Nobody is named here beyond what the portal names elsewhere (the head, and the
authors of published bank practices on their own pages).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.events.models import (
    CompetitionEntry,
    Event,
    EventForm,
    EventStatus,
    Nomination,
    Outcome,
    StudentResult,
)
from metodset.growth.models import Publication
from metodset.indicators.catalogue import CATALOGUE, year_bounds
from metodset.indicators.compute import for_associations, members_during
from metodset.indicators.selectors import trend
from metodset.indicators.values import shown
from metodset.library.models import COUNTED_STATUSES, Practice, PracticeStatus, Visibility

RESULT_FORMS = (EventForm.COMPETITION, EventForm.STUDENT_OLYMPIAD, EventForm.STUDENT_COMPETITION)
TITLES_SHOWN = 10


@dataclass(frozen=True)
class Line:
    label: str
    value: int | str
    previous: int | str | None = None
    trend: str = ""  # "up" (better), "down" (worse) or ""


@dataclass
class PassportResults:
    year: SchoolYear
    numbers: list[Line] = field(default_factory=list)
    indicators: list[Line] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)


def _count_trend(now: int, before: int) -> str:
    return trend(now, before, True)


def _held(association: Association, year: SchoolYear) -> QuerySet[Event]:
    start, end = year_bounds(year)
    return Event.objects.filter(
        association=association,
        starts_at__gte=start,
        starts_at__lt=end,
        ends_at__lt=timezone.now(),
    ).exclude(status=EventStatus.CANCELLED)


def _in_year(year: SchoolYear) -> tuple[dt.date, dt.date]:
    return year.starts_on, year.ends_on


def _year_counts(association: Association, year: SchoolYear) -> dict[str, int]:
    members = members_during(year).filter(association=association).values("teacher_id")
    start, end = year_bounds(year)
    entries = CompetitionEntry.objects.filter(
        teacher_id__in=members,
        nomination__event__starts_at__gte=start,
        nomination__event__starts_at__lt=end,
    ).aggregate(
        entries=Count("pk"),
        awarded=Count("pk", filter=Q(outcome__in=[Outcome.WINNER, Outcome.PRIZE_WINNER])),
    )
    students = StudentResult.objects.filter(event__in=_held(association, year)).aggregate(
        participants=Sum("participants"), awarded=Sum("winners") + Sum("prize_winners")
    )
    return {
        "events": _held(association, year).count(),
        "practices": Practice.objects.filter(
            association=association,
            status__in=COUNTED_STATUSES,
            accepted_on__range=_in_year(year),
        ).count(),
        "publications": Publication.objects.filter(
            teacher_id__in=members, published_on__range=_in_year(year)
        ).count(),
        "entries": entries["entries"],
        "awarded": entries["awarded"],
        "students": students["participants"] or 0,
        "students_awarded": students["awarded"] or 0,
    }


def passport_results(association: Association, year: SchoolYear) -> PassportResults:
    """The association's results of `year` to date, each against the year before."""
    result = PassportResults(year)
    now, before = _year_counts(association, year), _year_counts(association, year.previous)
    labels = [
        ("events", _("Events held")),
        ("practices", _("Practices accepted for dissemination")),
        ("publications", _("Members' publications")),
        ("entries", _("Members' entries in professional competitions")),
        ("awarded", _("of them winners and prize-winners")),
        ("students", _("Students in the olympiads and competitions held")),
        ("students_awarded", _("of them winners and prize-winners")),
    ]
    for key, label in labels:
        result.numbers.append(
            Line(label, now[key], before[key], _count_trend(now[key], before[key]))
        )
    values = for_associations([association.pk], year)[association.pk]
    previous = for_associations([association.pk], year.previous)[association.pk]
    for code, indicator in CATALOGUE.items():
        value, last = values[code], previous[code]
        if value.value is None and last.value is None:
            continue
        result.indicators.append(
            Line(
                str(indicator.name),
                shown(value) if value.value is not None else "—",
                shown(last) if last.value is not None else "—",
                trend(value.value, last.value, indicator.higher_is_better),
            )
        )
    result.events = list(
        _held(association, year).order_by("-starts_at").select_related("venue")[:TITLES_SHOWN]
    )
    result.practices = list(
        Practice.objects.filter(
            association=association,
            status=PracticeStatus.PUBLISHED,
            visibility=Visibility.PUBLIC,
        ).order_by("-accepted_on", "title")[:TITLES_SHOWN]
    )
    return result


# --- The municipality's competition results ------------------------------------------------


def competition_results(municipality: Municipality, years: list[SchoolYear]) -> list[Event]:
    """Competitions and olympiads of `years` that have ended with results entered, newest
    first: each with its nominations (entries and awards counted) and its students' results
    summed. Three queries whatever their number."""
    start = year_bounds(min(years, key=lambda y: y.start_year))[0]
    end = year_bounds(max(years, key=lambda y: y.start_year))[1]
    nominations = Nomination.objects.annotate(
        entry_count=Count("entries"),
        winner_count=Count("entries", filter=Q(entries__outcome=Outcome.WINNER)),
        prize_count=Count("entries", filter=Q(entries__outcome=Outcome.PRIZE_WINNER)),
    ).order_by("name")
    students = StudentResult.objects.filter(event=OuterRef("pk")).order_by().values("event")
    awarded = CompetitionEntry.objects.filter(nomination__event=OuterRef("pk"), outcome__gt="")

    def total(column: str) -> Coalesce:
        summed = students.annotate(n=Sum(column)).values("n")
        return Coalesce(Subquery(summed, output_field=IntegerField()), 0)

    return list(
        Event.objects.filter(
            municipality=municipality,
            form__in=RESULT_FORMS,
            starts_at__gte=start,
            starts_at__lt=end,
            ends_at__lt=timezone.now(),
        )
        .exclude(status=EventStatus.CANCELLED)
        .filter(Exists(awarded) | Exists(StudentResult.objects.filter(event=OuterRef("pk"))))
        .annotate(
            student_participants=total("participants"),
            student_winners=total("winners"),
            student_prize_winners=total("prize_winners"),
        )
        .select_related("association")
        .prefetch_related(Prefetch("nominations", queryset=nominations, to_attr="results"))
        .order_by("-starts_at")
    )
