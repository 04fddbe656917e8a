from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from metodset.api.pagination import Pagination
from metodset.api.schemas import ERRORS, PUT_ERRORS
from metodset.api.versions import ETAG_OPENAPI, ETAG_PUT_OPENAPI, IfMatch, Versioned
from metodset.core.access import get_for_user, require_perm
from metodset.core.models import Municipality
from metodset.orgs import selectors, services
from metodset.orgs.models import Organisation, OrganisationKind

router = Router(tags=["Организации"])


class OrganisationOut(Schema):
    id: int
    municipality_id: int
    kind: OrganisationKind
    name: str
    short_name: str
    address: str
    phone: str
    email: str
    website: str
    director: str
    is_venue: bool
    venue_capacity: int | None


class OrganisationIn(Schema):
    kind: OrganisationKind
    name: str = Field(min_length=1, max_length=400)
    short_name: str = Field("", max_length=150)
    address: str = Field("", max_length=400)
    phone: str = Field("", max_length=60)
    email: str = ""
    website: str = ""
    director: str = Field("", max_length=200)
    is_venue: bool = False
    venue_capacity: int | None = Field(None, ge=0)


VERSION = Versioned(Organisation, OrganisationIn)


class OrganisationCreate(OrganisationIn):
    municipality_id: int | None = Field(
        None, description="Только для администратора платформы; иначе — муниципалитет пользователя."
    )


class OrganisationFilter(FilterSchema):
    q: str | None = Field(None, description="Поиск по наименованию и адресу")
    kind: OrganisationKind | None = None
    is_venue: bool | None = None
    municipality_id: int | None = None

    def filter_q(self, value):
        if not value:
            return Q()
        return (
            Q(name__icontains=value) | Q(short_name__icontains=value) | Q(address__icontains=value)
        )


@router.get("/", response={200: list[OrganisationOut], **ERRORS})
@paginate(Pagination, page_size=50)
def organisation_list(request, filters: Query[OrganisationFilter]):
    return filters.filter(selectors.organisation_list(user=request.user)).order_by("name", "pk")


@router.get("/{pk}", response={200: OrganisationOut, **ERRORS}, openapi_extra=ETAG_OPENAPI)
def organisation_get(request, response: HttpResponse, pk: int):
    organisation = get_for_user(Organisation.objects.all(), request.user, pk)
    VERSION.tag(response, organisation)
    return organisation


@router.post("/", response={201: OrganisationOut, **ERRORS})
def organisation_create(request, payload: OrganisationCreate):
    require_perm(request.user, "orgs.add_organisation")
    data = payload.dict()
    municipality_id = data.pop("municipality_id")
    if request.user.is_platform_admin and municipality_id:
        municipality = get_object_or_404(
            Municipality.objects.for_user(request.user), pk=municipality_id
        )
    else:
        municipality = request.user.municipality
    return 201, services.organisation_create(user=request.user, municipality=municipality, **data)


@router.put("/{pk}", response={200: OrganisationOut, **PUT_ERRORS}, openapi_extra=ETAG_PUT_OPENAPI)
def organisation_update(
    request,
    response: HttpResponse,
    pk: int,
    payload: OrganisationIn,
    if_match: str | None = IfMatch,
):
    organisation = get_for_user(
        Organisation.objects.all(), request.user, pk, perm="orgs.change_organisation"
    )
    data = VERSION.expect(payload.dict(), if_match, organisation)
    with VERSION.conflicts():
        organisation = services.organisation_update(
            user=request.user, organisation=organisation, data=data
        )
    VERSION.tag(response, organisation)
    return organisation


@router.delete("/{pk}", response={204: None, **ERRORS})
def organisation_delete(request, pk: int):
    organisation = get_for_user(
        Organisation.objects.all(), request.user, pk, perm="orgs.delete_organisation"
    )
    services.organisation_delete(user=request.user, organisation=organisation)
    return 204, None
