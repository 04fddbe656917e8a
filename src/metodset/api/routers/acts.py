import datetime as dt

from django.db.models import Q
from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from metodset.acts.models import Order, OrderKind
from metodset.api.schemas import ERRORS
from metodset.core.access import get_for_user

router = Router(tags=["Приказы"])


class OrderOut(Schema):
    id: int
    municipality_id: int
    number: str
    date: dt.date
    issuer: str
    kind: OrderKind
    title: str
    text: str
    has_file: bool

    @staticmethod
    def resolve_has_file(obj: Order) -> bool:
        return bool(obj.file)


class OrderFilter(FilterSchema):
    q: str | None = Field(None, description="Поиск по номеру и заголовку")
    kind: OrderKind | None = None
    year: int | None = None

    def filter_q(self, value):
        return Q(number__icontains=value) | Q(title__icontains=value) if value else Q()


@router.get("/", response={200: list[OrderOut], **ERRORS})
@paginate(PageNumberPagination, page_size=50)
def order_list(request, filters: Query[OrderFilter]):
    return filters.filter(Order.objects.for_user(request.user)).order_by("-date", "-pk")


@router.get("/{pk}", response={200: OrderOut, **ERRORS})
def order_get(request, pk: int):
    return get_for_user(Order.objects.all(), request.user, pk)
