"""The annual analysis in the portfolio: the producer of the item whose source is
«analysis» and the year-end view's analysis column (portfolio.producers registry, which
imports this module the first time it needs either).

The item is ready once the year's analysis is adopted at a meeting (or further on: handed in,
accepted); a draft or a returned analysis does not yet count, as for the compliance rule.
"""

from __future__ import annotations

from metodset.analysis.documents import analysis_document
from metodset.analysis.models import Analysis, AnalysisStatus
from metodset.analysis.selectors import analysis_handed_in
from metodset.core.dates import SchoolYear
from metodset.portfolio.producers import STATES, File, file_name, register

# The analysis's statuses as the portfolio's (models.PortfolioStatus): adopted is not yet
# handed in to the methodical service.
AS_PORTFOLIO = {
    AnalysisStatus.DRAFT: "draft",
    AnalysisStatus.ADOPTED: "draft",
    AnalysisStatus.SUBMITTED: "submitted",
    AnalysisStatus.RETURNED: "returned",
    AnalysisStatus.ACCEPTED: "accepted",
}


def _ready(association, year: SchoolYear) -> str:
    analysis = analysis_handed_in(association, year)
    return f"{analysis} ({analysis.get_status_display()})" if analysis else ""


def _build(association, year: SchoolYear, user) -> list[File]:
    analysis = analysis_handed_in(association, year)
    if analysis is None:
        return []
    generated = analysis_document(analysis)
    return [File(file_name(generated.name, "docx"), generated.content)]


def analysis_states(association_ids: list[int], year: SchoolYear) -> dict[int, str]:
    """Per association, the status of its latest analysis of the year; one query."""
    rows = (
        Analysis.objects.filter(association_id__in=association_ids, school_year=year.start_year)
        .order_by("association_id", "pk")
        .values_list("association_id", "status")
    )
    return {pk: AS_PORTFOLIO[AnalysisStatus(status)] for pk, status in rows}


register("analysis", _ready, _build)
STATES["analysis"] = analysis_states
