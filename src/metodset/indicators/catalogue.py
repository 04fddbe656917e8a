"""The effectiveness indicators the regulations name (000 §3.5, 001 §4.1), computed from data.

Each indicator is a small unit with a stable code: a population of teachers (the members
of an association during the school year, or the teachers of a municipality or region), a
numerator condition as an SQL subquery on that population, and a unit. Values are computed
with one aggregate query per indicator for a whole grouping (every association of a
municipality at once), never with a Python loop over rows. An indicator whose data the
product does not collect yet answers None ("нет данных").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from metodset.core.dates import SchoolYear
from metodset.core.extensions import Registry, keyed
from metodset.events.models import AttendanceSummary, YearAttendance
from metodset.growth.models import (
    Diagnostic,
    Mentoring,
    PDCourse,
    Practice,
    Publication,
    RegionalMethodistStatus,
    Route,
    RouteStatus,
)
from metodset.indicators.values import Amount, Mean, Value
from metodset.roadmaps.models import MeasureStatus, RoadmapMeasure


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    definition: str
    unit: str  # "%" or "чел."
    higher_is_better: bool = True
    clauses: str = ""

    def has(self, year: SchoolYear, teacher_ref: str, association_ref: str | None):
        """An Exists() true for a teacher who counts in the numerator, or None if not computable."""
        return None

    def among(self, year: SchoolYear, teacher_ref: str):
        """An Exists() narrowing the denominator (e.g. only young teachers), or None for all."""
        return None

    # The same two conditions as uncorrelated sets of teacher ids, for the computation of
    # many indicators in one scan of the population (compute._shares): `teacher IN (set)`,
    # which PostgreSQL hashes once. An indicator that answers None is computed with has().
    by_association = False  # members() gives (association_id, teacher_id) pairs

    def members(self, year: SchoolYear, association: bool):
        """The ids of the teachers who count in the numerator (as has()), or None."""
        return None

    def among_members(self, year: SchoolYear):
        """The ids of the teachers of the denominator (as among()), or None for all."""
        return None


def year_bounds(year: SchoolYear) -> tuple[dt.datetime, dt.datetime]:
    """The school year as local midnights [1 September, next 1 September): a plain range on a
    timestamp column, which PostgreSQL estimates and indexes, unlike a cast to a date."""
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(year.starts_on, dt.time(), zone),
        dt.datetime.combine(year.ends_on + dt.timedelta(days=1), dt.time(), zone),
    )


class Share(Indicator):
    pass


class EventParticipation(Share):
    """Read from the attendance summary, which counts the attended participations: the same
    teachers as the participations of the year's events, at a fraction of the cost
    (docs/performance.md). An association's value reads events.AttendanceSummary (teacher,
    school year, association); a municipality's or region's events.YearAttendance (its sum
    per teacher and school year: a quarter of the rows)."""

    def has(self, year, teacher_ref, association_ref):
        if not association_ref:
            return Exists(
                YearAttendance.objects.filter(
                    teacher_id=OuterRef(teacher_ref), school_year=year.start_year
                )
            )
        return Exists(
            AttendanceSummary.objects.filter(
                teacher_id=OuterRef(teacher_ref),
                school_year=year.start_year,
                association_id=OuterRef(association_ref),
            )
        )

    def members(self, year, association):
        if association:
            # (association, teacher) IN (pairs) is not hashed by PostgreSQL but run once per
            # member: an association's share stays a semi-join of its own (has()).
            return None
        # One row a teacher (YearAttendance), not one per organising association: hashing
        # the year's attendees is most of this indicator's cost.
        return YearAttendance.objects.filter(school_year=year.start_year).values("teacher_id")


class Diagnostics(Share):
    def has(self, year, teacher_ref, association_ref):
        return Exists(self.records(year).filter(teacher_id=OuterRef(teacher_ref)))

    def members(self, year, association):
        return self.records(year).values("teacher_id")

    def records(self, year):
        return Diagnostic.objects.filter(date__range=(year.starts_on, year.ends_on))


class FederalRegistryAfterDiagnostics(Share):
    def has(self, year, teacher_ref, association_ref):
        return Exists(self.records(year).filter(teacher_id=OuterRef(teacher_ref)))

    def members(self, year, association):
        return self.records(year).values("teacher_id")

    def records(self, year):
        return PDCourse.objects.filter(
            in_federal_registry=True,
            after_diagnostics=True,
            ends_on__range=(year.starts_on, year.ends_on),
        )


class HasRoute(Share):
    def has(self, year, teacher_ref, association_ref):
        return Exists(
            Route.objects.filter(teacher_id=OuterRef(teacher_ref), school_year=year.start_year)
        )

    def members(self, year, association):
        return Route.objects.filter(school_year=year.start_year).values("teacher_id")


class CompletedRoute(Share):
    def has(self, year, teacher_ref, association_ref):
        return Exists(
            Route.objects.filter(
                teacher_id=OuterRef(teacher_ref),
                school_year=year.start_year,
                status=RouteStatus.COMPLETED,
            )
        )

    def among(self, year, teacher_ref):
        return HasRoute.has(self, year, teacher_ref, None)

    def members(self, year, association):
        routes = Route.objects.filter(school_year=year.start_year, status=RouteStatus.COMPLETED)
        return routes.values("teacher_id")

    def among_members(self, year):
        return HasRoute.members(self, year, False)


def _regional_statuses(year: SchoolYear):
    return RegionalMethodistStatus.objects.filter(starts_on__lte=year.ends_on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=year.starts_on)
    )


def _regional(year: SchoolYear, teacher_ref: str):
    return Exists(_regional_statuses(year).filter(teacher_id=OuterRef(teacher_ref)))


class RegionalMethodist(Share):
    def has(self, year, teacher_ref, association_ref):
        return _regional(year, teacher_ref)

    def members(self, year, association):
        return _regional_statuses(year).values("teacher_id")


class TeachersPerRegionalMethodist(Indicator):
    """Not a share: teachers of the population per regional methodist among them."""

    def has(self, year, teacher_ref, association_ref):
        return _regional(year, teacher_ref)

    def members(self, year, association):
        return _regional_statuses(year).values("teacher_id")


class YoungSupported(Share):
    def has(self, year, teacher_ref, association_ref):
        return Exists(self._mentored(year).filter(teacher_id=OuterRef(teacher_ref)))

    def among(self, year, teacher_ref):
        return Exists(self._young(year).filter(pk=OuterRef(teacher_ref)))

    def members(self, year, association):
        return self._mentored(year).values("teacher_id")

    def among_members(self, year):
        return self._young(year).values("pk")

    def _mentored(self, year):
        return Mentoring.objects.filter(starts_on__lte=year.ends_on).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=year.starts_on)
        )

    def _young(self, year):
        from metodset.core.dates import years_ago
        from metodset.people.models import Teacher

        on = year.starts_on
        return Teacher.objects.filter(
            Q(birth_date__gt=years_ago(on, 35)) | Q(teaching_since__gt=years_ago(on, 3))
        )


class Tally(Indicator):
    """Not a share: how many records of the population's teachers are dated in the school year.

    Counted by a join from the population to the records of the school year only (distinct
    records, so a teacher who is a member twice in a year does not count his publication
    twice, nor a unit of two authors of one association twice); the denominator is the
    population per group, which the caller counts once for every indicator (`totals`).
    """

    relation = ""  # the related name from Teacher
    date_field = ""

    def _filter(self, year: SchoolYear, prefix: str) -> Q:
        dates = (year.starts_on, year.ends_on)
        return Q(**{f"{prefix}{self.relation}__{self.date_field}__range": dates})

    def grouped(self, rows, group, teacher, year, association, totals):
        prefix = "teacher__" if teacher == "teacher_id" else ""
        # filter() before annotate(): the count reads the join the filter made, so only the
        # year's records are joined, not every teacher's every record.
        hits = (
            rows.filter(self._filter(year, prefix))
            .order_by()
            .values(group)
            .annotate(hit=Count(f"{prefix}{self.relation}", distinct=True))
        )
        hit = {row[group]: row["hit"] for row in hits}
        return {pk: Amount(hit.get(pk, 0), total) for pk, total in totals.items()}

    def records(self, year: SchoolYear, teachers):
        """The records behind a value: those of `teachers` dated in the school year."""
        model = {"practices": Practice, "publications": Publication}[self.relation]
        return (
            model.objects.filter(teacher__in=teachers)
            .filter(**{f"{self.date_field}__range": (year.starts_on, year.ends_on)})
            .select_related("teacher")
            .order_by(f"-{self.date_field}", "title")
        )


class Practices(Tally):
    """Experience units accepted after expert review (library.Practice), counted once per
    unit among its authors; a teacher's own declaration (growth.Practice) counts no more."""

    # integration: the bank of pedagogical information (library app) owns the review.
    relation = "materials__practice"
    date_field = "accepted_on"

    def _filter(self, year: SchoolYear, prefix: str) -> Q:
        from metodset.library.models import COUNTED_STATUSES

        status = Q(**{f"{prefix}{self.relation}__status__in": COUNTED_STATUSES})
        return super()._filter(year, prefix) & status

    def records(self, year: SchoolYear, teachers):
        from metodset.library.models import COUNTED_STATUSES
        from metodset.library.models import Practice as AcceptedPractice

        return (
            AcceptedPractice.objects.filter(
                authors__in=teachers,
                status__in=COUNTED_STATUSES,
                accepted_on__range=(year.starts_on, year.ends_on),
            )
            .distinct()
            .prefetch_related("authors")
            .order_by("-accepted_on", "title")
        )


class Publications(Tally):
    relation = "publications"
    date_field = "published_on"


class Expert(Indicator):
    """A judgement entered by a methodist with its author (ExpertAssessment), not a count.

    An association's value is its assessment; a municipality's or region's is the mean of
    its associations' assessments (numerator: the sum, denominator: how many were assessed).
    """

    def assessments(self, year: SchoolYear):
        from metodset.indicators.models import ExpertAssessment

        return ExpertAssessment.objects.filter(code=self.code, school_year=year.start_year)

    def grouped(self, rows, group, teacher, year, association):
        path = "association_id" if group == "association_id" else f"association__{group}"
        counted = (
            self.assessments(year)
            .filter(**{f"{path}__in": rows.values(group)})
            .order_by()
            .values(path)
            .annotate(total=Count("pk"), hit=Sum("value"))
        )
        return {row[path]: Mean(row["hit"], row["total"]) for row in counted}


class RoadmapExecution(Expert):
    """Measures of the roadmaps done, of those due by today in the school year (roadmaps app).

    An association's roadmap gives the association's value; a municipality's counts every
    roadmap of it (the service's and the associations'), a region's every municipality's. A
    grouping without measures due keeps a methodist's expert assessment, where a regulation
    asks for one (ExpertAssessment), or has no data. Cancelled measures do not count.
    """

    PATHS = {
        "association_id": "roadmap__association_id",
        "municipality_id": "roadmap__municipality_id",
        "municipality__region_id": "roadmap__municipality__region_id",
    }

    def grouped(self, rows, group, teacher, year, association):
        path = self.PATHS[group]
        until = min(timezone.localdate(), year.ends_on)
        counted = (
            RoadmapMeasure.objects.filter(
                **{f"{path}__in": rows.values(group)},
                roadmap__school_year=year.start_year,
                due_on__lte=until,
            )
            .exclude(status=MeasureStatus.CANCELLED)
            .order_by()
            .values(path)
            .annotate(due=Count("pk"), done=Count("pk", filter=Q(status=MeasureStatus.DONE)))
        )
        measured = {row[path]: Value(row["done"], row["due"]) for row in counted if row["due"]}
        return super().grouped(rows, group, teacher, year, association) | measured


class Satisfaction(Indicator):
    """Counted over survey responses, not teachers: an anonymous response belongs to nobody."""

    def grouped(self, rows, group, teacher, year, association):
        from metodset.surveys.indicator import satisfaction_values

        return satisfaction_values(rows, group, year)


# The built-in indicators, declared in indicators/extensions.py; another app adds its own
# in its extensions.py (INDICATORS), and CATALOGUE holds them all by code.
BUILT_IN: list[Indicator] = [
    EventParticipation(
        "event_participation_share",
        _("Share of teachers who took part in the association's events"),
        _(
            "Members who attended at least one event of the association in the school "
            "year, of all members."
        ),
        "%",
        clauses="000 §3.5",
    ),
    Diagnostics(
        "diagnostics_share",
        _("Share of teachers who passed diagnostics of professional competencies"),
        _("Teachers with a diagnostic dated in the school year, of all teachers."),
        "%",
        clauses="001 §4.1",
    ),
    FederalRegistryAfterDiagnostics(
        "dpo_federal_registry_share",
        _(
            "Share of teachers who completed PD programmes from the federal registry "
            "chosen after diagnostics"
        ),
        _("Teachers who finished such a course in the school year, of all teachers."),
        "%",
        clauses="001 §4.1",
    ),
    HasRoute(
        "iom_share",
        _("Share of teachers with an individual educational route"),
        _("Teachers with an ИОМ for the school year, of all teachers."),
        "%",
        clauses="001 §4.1",
    ),
    CompletedRoute(
        "iom_completed_share",
        _("Share of teachers who completed their individual route"),
        _("Teachers whose ИОМ of the school year is completed, of those who have one."),
        "%",
        clauses="001 §4.1",
    ),
    RegionalMethodist(
        "regional_methodist_share",
        _("Share of teachers with regional methodist status"),
        _("Teachers with the status during the school year, of all teachers."),
        "%",
        clauses="001 §4.1",
    ),
    TeachersPerRegionalMethodist(
        "teachers_per_regional_methodist",
        _("Teachers per regional methodist"),
        _("All teachers divided by the teachers with regional methodist status."),
        "чел.",
        higher_is_better=False,
        clauses="001 §4.1",
    ),
    YoungSupported(
        "young_teachers_supported_share",
        _("Share of young teachers taking part in support (mentoring)"),
        _(
            "Teachers under 35 or in their first three years with a mentor during the "
            "school year, of all such teachers."
        ),
        "%",
        clauses="001 §4.1",
    ),
    Satisfaction(
        "satisfaction",
        _("Satisfaction of teachers with the association's work"),
        _(
            "Respondents of the closed satisfaction surveys opened in the school year who "
            "rate the association's work overall at 4–5 of 5 (or 8–10 of 10), of all who "
            "answered that question; for an association, its members' surveys."
        ),
        "%",
        clauses="000 §3.5",
    ),
    Practices(
        "dissemination_units",
        _("Experience units prepared for dissemination"),
        _(
            "Experience units (best practices) of the population's teachers accepted for "
            "dissemination in the school year; for an association, of its members."
        ),
        "шт.",
        clauses="000 §3.5",
    ),
    Publications(
        "publications",
        _("Members' publications on sites"),
        _(
            "Publications of the population's teachers dated in the school year; for an "
            "association, of its members."
        ),
        "шт.",
        clauses="000 §3.5",
    ),
    RoadmapExecution(
        "roadmap",
        _("A roadmap exists and is carried out"),
        _(
            "Measures of the roadmap done, of those due by today in the school year; for a "
            "municipality or region, of all their roadmaps. Without measures due, the "
            "expert assessment by a methodist (0–100 %) where a regulation asks for one: "
            "for a municipality or region the mean over the assessed associations."
        ),
        "%",
        clauses="001 §4.1.1",
    ),
]

CATALOGUE: Registry = Registry(lambda: keyed("INDICATORS", lambda i: i.code))
