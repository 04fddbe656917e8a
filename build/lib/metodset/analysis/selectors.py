"""Reads of annual analyses and external evaluations.

The API other apps use (the portfolio, the year-end view, the compliance check):
`analysis_handed_in(association, year)` is the association's analysis of the year once a
meeting has adopted it (adopted, submitted or accepted), `analysis_document` in
`analysis.documents` its DOCX; `analysis_facts` and `evaluation_facts` are the bulk reads.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from metodset.analysis.models import (
    HANDED_IN,
    Analysis,
    AnalysisStatus,
    ExternalEvaluation,
    Owner,
    Section,
)
from metodset.associations.models import Association, AssociationKind
from metodset.core.dates import SchoolYear
from metodset.meetings.models import AgendaItem


def analysis_queryset() -> QuerySet[Analysis]:
    return Analysis.objects.select_related(
        "municipality",
        "association",
        "association__municipality",
        "adoption_decision__meeting",
        "submitted_by",
        "reviewed_by",
    )


def analysis_list(*, user, year: SchoolYear | None = None) -> QuerySet[Analysis]:
    """The analyses the user may see, of one school year if given; two queries in a list."""
    analyses = analysis_queryset().for_user(user)  # type: ignore[attr-defined]
    if year is not None:
        analyses = analyses.of_year(year)
    return analyses.order_by("-school_year", "owner", "association__name", "pk")


def association_analyses(association: Association) -> QuerySet[Analysis]:
    return analysis_queryset().filter(association=association).order_by("-school_year")


def sections(analysis: Analysis) -> list[Section]:
    return list(analysis.sections.order_by("position"))


def analysis_of(
    *, association: Association | None, year: SchoolYear, municipality=None
) -> Analysis | None:
    """The analysis of an association (or, with `municipality` and no association, of the
    methodical service) for a school year, whatever its state."""
    analyses = analysis_queryset().of_year(year)  # type: ignore[attr-defined]
    if association is not None:
        return analyses.filter(association=association).first()
    return analyses.filter(municipality=municipality, owner=Owner.SERVICE).first()


def analysis_handed_in(association: Association, year: SchoolYear) -> Analysis | None:
    """The association's analysis of the year adopted at a meeting (and maybe submitted or
    accepted), with its sections prefetched; None while it is a draft or returned.
    This is what the portfolio takes as its «analysis» item."""
    return (
        analysis_queryset()
        .filter(association=association, school_year=year.start_year, status__in=list(HANDED_IN))
        .prefetch_related(Prefetch("sections", queryset=Section.objects.order_by("position")))
        .first()
    )


def analysis_accepted(association: Association, year: SchoolYear) -> Analysis | None:
    """The association's analysis of the year once the methodist has accepted it."""
    analysis = analysis_handed_in(association, year)
    return analysis if analysis and analysis.status == AnalysisStatus.ACCEPTED else None


def adoption_choices(analysis: Analysis) -> QuerySet[AgendaItem]:
    """Decided questions of held meetings that may adopt the analysis: of its association, or
    of the municipality's methodical council for the service; of its year or the next."""
    from django.utils import timezone

    year = analysis.year
    choices = AgendaItem.objects.filter(
        meeting__school_year__in=[year.start_year, year.start_year + 1],
        meeting__date__lte=timezone.localdate(),
    ).exclude(decision="")
    if analysis.association_id:
        choices = choices.filter(meeting__association_id=analysis.association_id)
    else:
        choices = choices.filter(
            meeting__municipality_id=analysis.municipality_id,
            meeting__association__kind=AssociationKind.COUNCIL,
        )
    return choices.select_related("meeting").order_by("-meeting__date", "position")


def analysis_facts(association_ids: Iterable[int], year: SchoolYear) -> dict[int, dict]:
    """Per association, its analyses of the school year and the one before, in one query:
    {"current": status or None, "previous": status or None}."""
    ids = list(association_ids)
    facts = {pk: {"current": None, "previous": None} for pk in ids}
    rows = Analysis.objects.filter(
        association_id__in=ids, school_year__in=[year.start_year, year.previous.start_year]
    ).values_list("association_id", "school_year", "status")
    for association_id, school_year, status in rows:
        key = "current" if school_year == year.start_year else "previous"
        facts[association_id][key] = status  # type: ignore[assignment]
    return facts


# --- External evaluation -----------------------------------------------------------------


def evaluations_of(association: Association) -> QuerySet[ExternalEvaluation]:
    return ExternalEvaluation.objects.filter(association=association).select_related("recorded_by")


def evaluation_facts(association_ids: Iterable[int], year: SchoolYear) -> dict[int, dict]:
    """The latest external evaluation of each association in the school year, in one query;
    an association without one is absent."""
    found: dict[int, dict] = {}
    rows = (
        ExternalEvaluation.objects.filter(
            association_id__in=list(association_ids), school_year=year.start_year
        )
        .order_by("association_id", "-evaluated_on", "-pk")
        .values("association_id", "evaluated_on", "evaluator", "result")
    )
    for values in rows:
        row: dict = dict(values)
        found.setdefault(row.pop("association_id"), row)
    return found
