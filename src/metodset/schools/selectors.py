"""Reads of the schools app: the risk list, the support dashboard, the lists.

The risk list of a school year applies the municipality's active criteria (RiskCriterion
rows) to the results of that year and the years before it. It is computed with a fixed
number of queries whatever the number of schools: the criteria, one aggregate of the
shares per school, year and procedure, the mean scores of two years for the drops (and the
names of the subjects that dropped), the bias flags, and the schools named; the rest is
arithmetic in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.growth.models import Mentoring
from metodset.orgs.models import Organisation
from metodset.people.models import Subject
from metodset.schools.models import (
    BiasFlag,
    CriterionKind,
    MeasureStatus,
    Observation,
    Procedure,
    Result,
    RiskCriterion,
    SupportMeasure,
    SupportPlan,
)

ANY = ""


def number(value: Decimal | float) -> str:
    """12.50 → «12,5», 12.00 → «12»: as the Russian reports write them."""
    text = f"{float(value):.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@dataclass
class RiskEntry:
    organisation: Organisation
    reasons: list[str] = field(default_factory=list)


def _procedure_label(code: str) -> str:
    return str(Procedure(code).label) if code else _("all procedures")


def _shares(municipality_id: int, years: list[int]) -> dict:
    """{(organisation, year, procedure or ANY): (share of «2», share of top marks)}, each
    weighted by the participants; ANY sums every procedure of the year."""
    sums: dict[tuple, list] = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
    rows = (
        Result.objects.filter(municipality_id=municipality_id, school_year__in=years)
        .values("organisation_id", "school_year", "procedure")
        .annotate(
            fails=Sum(F("fail_share") * F("participants")),
            tops=Sum(F("top_share") * F("participants")),
            people=Sum("participants"),
        )
        .order_by()
    )
    for row in rows:
        for procedure in (row["procedure"], ANY):
            entry = sums[(row["organisation_id"], row["school_year"], procedure)]
            entry[0] += Decimal(row["fails"] or 0)
            entry[1] += Decimal(row["tops"] or 0)
            entry[2] += row["people"] or 0
    return {
        key: (fails / people, tops / people)
        for key, (fails, tops, people) in sums.items()
        if people
    }


def _means(municipality_id: int, years: list[int], procedures: set[str] | None) -> dict:
    """{(organisation, procedure, subject, grade): {year: mean score}}; `procedures` None for
    every procedure. Plain columns, no join: the subjects are named afterwards."""
    means: dict[tuple, dict[int, Decimal]] = defaultdict(dict)
    rows = Result.objects.filter(municipality_id=municipality_id, school_year__in=years)
    if procedures is not None:
        rows = rows.filter(procedure__in=procedures)
    for org, procedure, subject, grade, year, mean in rows.values_list(
        "organisation_id", "procedure", "subject_id", "grade", "school_year", "mean_score"
    ).order_by():
        means[(org, procedure, subject, grade)][year] = mean
    return means


def _flags(municipality_id: int, years: list[int]) -> dict:
    """{(organisation, year): [(procedure, subject name or None)]}."""
    flags: dict[tuple, list] = defaultdict(list)
    rows = BiasFlag.objects.filter(
        municipality_id=municipality_id, school_year__in=years
    ).values_list("organisation_id", "school_year", "procedure", "subject__name")
    for org, year, procedure, subject in rows.order_by("procedure", "subject__name"):
        flags[(org, year)].append((procedure, subject))
    return flags


def _share_reasons(criterion, span, shares, found) -> None:
    index, below = (0, False) if criterion.kind == CriterionKind.FAIL_SHARE else (1, True)
    organisations = {org for (org, _y, procedure) in shares if procedure == criterion.procedure}
    for org in organisations:
        values = []
        for year in span:
            pair = shares.get((org, year, criterion.procedure))
            if pair is None:
                break
            value = pair[index]
            if (value >= criterion.threshold) if below else (value <= criterion.threshold):
                break
            values.append(f"{SchoolYear(year)} — {number(value)} %")
        else:
            if criterion.kind == CriterionKind.FAIL_SHARE:
                text = _("share of «2» (%(procedure)s) above %(threshold)s %%: %(values)s")
            else:
                text = _("share of top marks (%(procedure)s) below %(threshold)s %%: %(values)s")
            found[org].append(
                text
                % {
                    "procedure": _procedure_label(criterion.procedure),
                    "threshold": number(criterion.threshold),
                    "values": "; ".join(values),
                }
            )


def _drop_reasons(criterion, span, means, found) -> None:
    by_org: dict[int, dict[int, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for (org, procedure, subject, grade), by_year in means.items():
        if criterion.procedure and procedure != criterion.procedure:
            continue
        for year in span:
            now, before = by_year.get(year), by_year.get(year - 1)
            if now is not None and before is not None and before - now >= criterion.threshold:
                by_org[org][year].append((procedure, subject, grade, before, now))
    dropped = {org: years for org, years in by_org.items() if all(years.get(y) for y in span)}
    if not dropped:
        return
    ids = {drop[1] for years in dropped.values() for drop in years[span[-1]]}
    subjects = dict(Subject.objects.filter(pk__in=ids).values_list("pk", "name"))
    for org, years in dropped.items():
        drops = sorted(
            _("%(procedure)s, %(subject)s, grade %(grade)s: %(before)s → %(now)s")
            % {
                "procedure": Procedure(procedure).label,
                "subject": subjects.get(subject, ""),
                "grade": grade,
                "before": number(before),
                "now": number(now),
            }
            for procedure, subject, grade, before, now in years[span[-1]]
        )
        found[org].append(
            _("mean score dropped by %(threshold)s points or more: %(drops)s")
            % {"threshold": number(criterion.threshold), "drops": "; ".join(drops)}
        )


def _bias_reasons(criterion, span, flags, found) -> None:
    organisations = {org for (org, _year) in flags}
    for org in organisations:
        listed = []
        for year in span:
            entries = [
                (procedure, subject)
                for procedure, subject in flags.get((org, year), [])
                if not criterion.procedure or procedure == criterion.procedure
            ]
            if not entries:
                break
            listed.append(
                f"{SchoolYear(year)}: "
                + ", ".join(f"{Procedure(p).label}" + (f" ({s})" if s else "") for p, s in entries)
            )
        else:
            found[org].append(
                _("on the region's list of schools with signs of biased results: %(years)s")
                % {"years": "; ".join(listed)}
            )


def risk_list(municipality: Municipality | int, year: int) -> list[RiskEntry]:
    """The schools the municipality's active criteria name for the results of `year`
    (the start year of the school year), each with its reasons, by school name."""
    municipality_id = municipality if isinstance(municipality, int) else municipality.pk
    criteria = list(
        RiskCriterion.objects.filter(municipality_id=municipality_id, is_active=True).order_by(
            "name", "pk"
        )
    )
    if not criteria:
        return []
    depth = max(c.years for c in criteria)
    years = list(range(year - depth, year + 1))
    kinds = {c.kind for c in criteria}
    shares = (
        _shares(municipality_id, years[1:])
        if kinds & {CriterionKind.FAIL_SHARE, CriterionKind.LOW_TOP}
        else {}
    )
    drops = [c for c in criteria if c.kind == CriterionKind.DROP]
    means = {}
    if drops:
        reach = max(c.years for c in drops)
        procedures = None if any(not c.procedure for c in drops) else {c.procedure for c in drops}
        means = _means(municipality_id, list(range(year - reach, year + 1)), procedures)
    flags = _flags(municipality_id, years[1:]) if CriterionKind.BIASED in kinds else {}
    found: dict[int, list[str]] = defaultdict(list)
    for criterion in criteria:
        span = list(range(year - criterion.years + 1, year + 1))
        before = {org: len(reasons) for org, reasons in found.items()}
        if criterion.kind in (CriterionKind.FAIL_SHARE, CriterionKind.LOW_TOP):
            _share_reasons(criterion, span, shares, found)
        elif criterion.kind == CriterionKind.DROP:
            _drop_reasons(criterion, span, means, found)
        else:
            _bias_reasons(criterion, span, flags, found)
        for org, reasons in found.items():
            for index in range(before.get(org, 0), len(reasons)):
                reasons[index] = f"{criterion.name}: {reasons[index]}"
    organisations = Organisation.objects.filter(pk__in=list(found)).order_by("name")
    return [RiskEntry(org, found[org.pk]) for org in organisations]


def result_years(municipality_id: int) -> list[int]:
    """The school years with results, newest first."""
    return list(
        Result.objects.filter(municipality_id=municipality_id)
        .values_list("school_year", flat=True)
        .distinct()
        .order_by("-school_year")
    )


@dataclass
class PlanOutcome:
    plan: SupportPlan
    reasons: list[str]  # why the school was on the list of the year before the plan
    on_list_after: bool | None  # on the list of the plan's own year; None: no results yet


def support_dashboard(municipality: Municipality, year: int) -> list[PlanOutcome]:
    """The support plans of `year` and whether each school left the risk list: the list of
    the year before (why it was supported) against the list of the plan's own year."""
    plans = list(
        SupportPlan.objects.filter(municipality=municipality, school_year=year)
        .select_related("organisation")
        .annotate(
            measures_total=Count("measures", distinct=True),
            measures_done=Count(
                "measures", filter=Q(measures__status=MeasureStatus.DONE), distinct=True
            ),
            visits_total=Count("visits", distinct=True),
        )
        .order_by("organisation__name")
    )
    if not plans:
        return []
    before = {e.organisation.pk: e.reasons for e in risk_list(municipality.pk, year - 1)}
    after = {e.organisation.pk for e in risk_list(municipality.pk, year)}
    with_results = set(
        Result.objects.filter(
            municipality=municipality,
            school_year=year,
            organisation_id__in=[p.organisation_id for p in plans],
        ).values_list("organisation_id", flat=True)
    )
    return [
        PlanOutcome(
            plan,
            before.get(plan.organisation_id, []),
            (plan.organisation_id in after) if plan.organisation_id in with_results else None,
        )
        for plan in plans
    ]


def results_for_user(user) -> QuerySet[Result]:
    return Result.objects.for_user(user).select_related("organisation", "subject", "municipality")


def plan_measures(plan: SupportPlan) -> QuerySet[SupportMeasure]:
    """The plan's measures with their responsible and the mentoring pair or course they rely on;
    a course carries `course_enrolled`, the number of teachers enrolled on it."""
    return plan.measures.select_related(
        "methodist", "association", "mentoring__teacher", "mentoring__mentor", "course"
    ).annotate(course_enrolled=Count("course__enrolments", distinct=True))


def mentoring_choices(plan: SupportPlan) -> QuerySet[Mentoring]:
    """The mentoring pairs a measure of the plan may rely on: of its municipality, the mentee or
    the mentor working at its school, running during its school year."""
    year = plan.year
    return (
        Mentoring.objects.filter(teacher__municipality_id=plan.municipality_id)
        .filter(
            Q(teacher__organisation_id=plan.organisation_id)
            | Q(mentor__organisation_id=plan.organisation_id)
        )
        .filter(starts_on__lte=year.ends_on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=year.starts_on))
        .select_related("teacher", "mentor")
    )


def own_observations(user) -> QuerySet[Observation]:
    """The observations of the user's own lessons (through his teacher card), latest first:
    a fixed number of queries whatever their number."""
    if not getattr(user, "pk", None):
        return Observation.objects.none()
    return (
        Observation.objects.filter(teacher__user_id=user.pk)
        .select_related("visit__plan__organisation", "visit__visitor", "subject")
        .order_by("-visit__date", "-pk")
    )
