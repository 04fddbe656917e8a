from collections.abc import Callable

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Page-number pagination with a bounded page number (a huge one cannot reach the database)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=500)


def audited(record: Callable[[HttpRequest, list], object]) -> type[Pagination]:
    """Pagination that reports the rows of each page (to the personal-data access log):
    the page is read once, here, and serialised from that list."""

    class Audited(Pagination):
        def paginate_queryset(self, queryset, pagination, request, **params):
            result = super().paginate_queryset(queryset, pagination, request, **params)
            result[self.items_attribute] = list(result[self.items_attribute])
            record(request, result[self.items_attribute])
            return result

    return Audited
