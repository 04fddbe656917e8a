from django.db.models import Q
from django.http import HttpResponse
from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from metodset.acts import services
from metodset.acts.models import Order, OrderKind
from metodset.api.pagination import Pagination
from metodset.api.schemas import ERRORS, PUT_ERRORS, ApiDate
from metodset.api.versions import ETAG_OPENAPI, ETAG_PUT_OPENAPI, IfMatch, Versioned
from metodset.core.access import get_for_user, require_perm

router = Router(tags=["Приказы"])


class OrderOut(Schema):
    id: int
    municipality_id: int
    number: str
    date: ApiDate
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
@paginate(Pagination, page_size=50)
def order_list(request, filters: Query[OrderFilter]):
    return filters.filter(Order.objects.for_user(request.user)).order_by("-date", "-pk")


@router.get("/{pk}", response={200: OrderOut, **ERRORS}, openapi_extra=ETAG_OPENAPI)
def order_get(request, response: HttpResponse, pk: int):
    order = get_for_user(Order.objects.all(), request.user, pk)
    VERSION.tag(response, order)
    return order


class OrderIn(Schema):
    number: str = Field(min_length=1, max_length=40)
    date: ApiDate
    kind: OrderKind
    title: str = Field(min_length=1, max_length=500)
    issuer: str = Field("", max_length=300)
    text: str = ""


VERSION = Versioned(Order, OrderIn)


@router.post("/", response={201: OrderOut, **ERRORS})
def order_create(request, payload: OrderIn):
    require_perm(request.user, "acts.add_order")
    if request.user.municipality is None:
        from ninja.errors import HttpError

        raise HttpError(
            422, "Администратор платформы регистрирует приказы на странице муниципалитета."
        )
    return 201, services.order_create(
        user=request.user, municipality=request.user.municipality, **payload.dict()
    )


@router.put("/{pk}", response={200: OrderOut, **PUT_ERRORS}, openapi_extra=ETAG_PUT_OPENAPI)
def order_update(
    request, response: HttpResponse, pk: int, payload: OrderIn, if_match: str | None = IfMatch
):
    order = get_for_user(Order.objects.all(), request.user, pk, perm="acts.change_order")
    data = VERSION.expect(payload.dict(), if_match, order)
    with VERSION.conflicts():
        order = services.order_update(user=request.user, order=order, data=data)
    VERSION.tag(response, order)
    return order


@router.delete("/{pk}", response={204: None, **ERRORS})
def order_delete(request, pk: int):
    order = get_for_user(Order.objects.all(), request.user, pk, perm="acts.delete_order")
    services.order_delete(user=request.user, order=order)
    return 204, None
