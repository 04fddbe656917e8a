"""List pages: filtering, search, sorting and pagination in one place.

Every list page goes through `render_list`, so each costs the same fixed
number of queries (a count and a page) whatever the number of rows, and an
HTMX request gets only the `results` partial of the page's template.
"""

from collections.abc import Mapping

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_list(
    request: HttpRequest,
    *,
    queryset: QuerySet,
    filterset_class,
    template: str,
    sort_fields: Mapping[str, tuple[str, ...]],
    default_sort: str,
    context: dict | None = None,
) -> HttpResponse:
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    sort = request.GET.get("sort", default_sort)
    if sort.lstrip("-") not in sort_fields:
        sort = default_sort
    descending = sort.startswith("-")
    ordering = [f"-{field}" if descending else field for field in sort_fields[sort.lstrip("-")]] + [
        "pk"
    ]
    paginator = Paginator(rows.order_by(*ordering), settings.METODSET_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    full_context = {
        "filter": filterset,
        "page": page,
        "rows": page.object_list,
        "sort": sort,
        "total": paginator.count,
        **(context or {}),
    }
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#results"
    return render(request, template, full_context)
