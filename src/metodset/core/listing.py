"""List pages: filtering, search, sorting and pagination in one place.

Every list page goes through `render_list`, so each costs the same fixed
number of queries (a count and a page) whatever the number of rows, and an
HTMX request gets only the `results` partial of the page's template. With
`export`, `?export=xlsx` returns the same filtered, sorted rows as a workbook.
With `audit`, the rows shown or exported are reported once per request (the
personal-data access log: one bulk insert, so the count stays fixed).
"""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify

from metodset.core.xlsx import XlsxColumn, xlsx_response


@dataclass(frozen=True)
class ListAudit:
    """What a list shows of people, for whoever records it (core knows no domain app).

    `key` reduces a row to what `record` needs, so that a 30,000-row export keeps
    flat memory; `record(request, keys, exported)` is called once per request with
    the keys of the rows on the page, or of every exported row.
    """

    key: Callable[[Any], Any]
    record: Callable[[HttpRequest, list, bool], object]


def _tapped(rows: Iterable, key: Callable[[Any], Any], keys: list) -> Iterator:
    for row in rows:
        keys.append(key(row))
        yield row


ESTIMATE_ABOVE = 10_000  # rows: beyond this a list says «около N» on PostgreSQL


def planned_rows(queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of the rows a queryset returns (its planner's, no scan), or None
    on another database."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):  # a driver that does not decode json
        import json

        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatingPaginator(Paginator):
    """Counts exactly up to ESTIMATE_ABOVE rows (a count that stops there), and beyond that,
    on PostgreSQL, takes the planner's estimate instead of counting 100,000 rows on every
    request; `estimated` tells the page to say «около» (issue #19). Exact on SQLite."""

    estimated = False

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet) or connections[queryset.db].vendor != "postgresql":
            return super().count
        keys = queryset.order_by().values("pk")  # the rows alone, not their annotations
        bounded = keys[: ESTIMATE_ABOVE + 1].count()
        if bounded <= ESTIMATE_ABOVE:
            return bounded
        estimate = planned_rows(keys) or 0
        if estimate <= ESTIMATE_ABOVE:  # the planner misjudges this filter: count after all
            return keys.count()
        self.estimated = True
        return int(round(estimate, -2))  # hundreds: the page says «около», not an exact figure

    def page(self, number):
        """A list that fits on one page is read without LIMIT: with a LIMIT, PostgreSQL
        expects a search to match many rows and walks the sort order's index until the page
        is full (every row of the table for a search that matches one teacher, ≈ 300 ms on
        100,000); without it, it finds the few matches through the search's index and sorts
        them. The count has just said they fit; rows added since are cut in Python."""
        number = self.validate_number(number)
        if (
            number == 1
            and isinstance(self.object_list, QuerySet)
            and not self.estimated
            and self.count <= self.per_page
        ):
            return self._get_page(list(self.object_list)[: self.per_page], number, self)
        return super().page(number)


def _reverse(field: str) -> str:
    """The opposite order of a field that may itself be descending ("-teaching_since")."""
    return field[1:] if field.startswith("-") else f"-{field}"


def render_list(
    request: HttpRequest,
    *,
    queryset: QuerySet,
    filterset_class,
    template: str,
    sort_fields: Mapping[str, tuple[str, ...]],
    default_sort: str,
    context: dict | None = None,
    export: tuple[str, Sequence[XlsxColumn]] | None = None,
    audit: ListAudit | None = None,
) -> HttpResponse:
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    sort = request.GET.get("sort", default_sort)
    if sort.lstrip("-") not in sort_fields:
        sort = default_sort
    descending = sort.startswith("-")
    fields = sort_fields[sort.lstrip("-")]
    ordering = [_reverse(field) if descending else field for field in fields] + ["pk"]
    rows = rows.order_by(*ordering)
    if export and request.GET.get("export") == "xlsx":
        title, columns = export
        filename = (
            f"{slugify(title, allow_unicode=False) or 'export'}-{timezone.localdate():%Y%m%d}.xlsx"
        )
        exported = rows.iterator(chunk_size=2000)
        if audit is None:
            return xlsx_response(filename, title, columns, exported)
        keys: list = []
        response = xlsx_response(filename, title, columns, _tapped(exported, audit.key, keys))
        audit.record(request, keys, True)
        return response
    paginator = EstimatingPaginator(rows, settings.METODSET_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    if audit is not None:
        # Evaluates the page's queryset, which the template then reads from its cache.
        audit.record(request, [audit.key(row) for row in page.object_list], False)
    full_context = {
        "filter": filterset,
        "page": page,
        "rows": page.object_list,
        "sort": sort,
        "total": paginator.count,
        "total_estimated": paginator.estimated,
        "exportable": export is not None,
        **(context or {}),
    }
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#results"
    return render(request, template, full_context)
