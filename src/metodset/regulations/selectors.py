"""Reads of the compliance pages: which associations, and their verdicts by rule."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.regulations.checks import check_many
from metodset.regulations.kinds import REGISTRY, Status


def matrix_associations(
    user, *, municipality: Municipality | None, kind: str = ""
) -> QuerySet[Association]:
    """The user's active associations (of one municipality and kind, if given), by name."""
    associations = Association.objects.for_user(user).active().select_related("municipality")
    if municipality is not None:
        associations = associations.filter(municipality=municipality)
    if kind:
        associations = associations.filter(kind=kind)
    return associations.order_by("municipality__name", "name", "pk")


def region_summary(
    municipalities: list[Municipality], associations: Iterable[Association], year: SchoolYear
) -> list[dict]:
    """For each municipality: how many associations, and how many verdicts of each status."""
    associations = list(associations)
    verdicts = check_many(associations, year)
    summary: dict[int, dict[str, Any]] = {
        m.pk: {
            "municipality": m,
            **dict.fromkeys([s.value for s in Status], 0),
            "associations": 0,
        }
        for m in municipalities
    }
    for a in associations:
        summary[a.municipality_id]["associations"] += 1
        for v in verdicts[a.pk]:
            summary[a.municipality_id][v.result.status.value] += 1
    return list(summary.values())


@dataclass
class Matrix:
    headers: list[str]  # one per rule (kind and clause) met in any association
    rows: list[dict]  # {"association", "results": one result (or None) per header}


def compliance_matrix(associations: list, year: SchoolYear, *, problems_only: bool) -> Matrix:
    """Associations × rules; `problems_only` keeps the rows with a violation or a risk."""
    verdicts = check_many(associations, year)
    columns: list[tuple[str, str]] = []
    for a in associations:
        for v in verdicts[a.pk]:
            key = (v.rule.kind, v.rule.clause)
            if key not in columns:
                columns.append(key)
    rows = []
    for a in associations:
        cells = {(v.rule.kind, v.rule.clause): v.result for v in verdicts[a.pk]}
        results = [cells.get(c) for c in columns]
        if problems_only and not any(
            r and r.status in (Status.VIOLATED, Status.AT_RISK) for r in results
        ):
            continue
        rows.append({"association": a, "results": results})
    headers = [f"{REGISTRY[kind].title} ({clause})" for kind, clause in columns]
    return Matrix(headers=headers, rows=rows)


def compliance_matrix_page(
    associations: QuerySet[Association],
    year: SchoolYear,
    *,
    problems_only: bool,
    page: str | int | None,
    per_page: int,
) -> tuple[Page[Any], Matrix]:
    """A page of the matrix. Only the page's associations are checked, so a page costs the
    same for 20 associations as for 2,000 (issue #19); «only with violations or risks» checks
    them all, as it must to know which, and pages the rows it keeps."""
    if problems_only:
        matrix = compliance_matrix(list(associations), year, problems_only=True)
        rows = Paginator(matrix.rows, per_page).get_page(page)
        return rows, Matrix(headers=matrix.headers, rows=list(rows.object_list))
    shown = Paginator(associations, per_page).get_page(page)
    return shown, compliance_matrix(list(shown.object_list), year, problems_only=False)
