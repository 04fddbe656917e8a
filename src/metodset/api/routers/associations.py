from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from metodset.api.pagination import Pagination, audited
from metodset.api.schemas import ERRORS, PUT_ERRORS, ApiDate
from metodset.api.versions import ETAG_OPENAPI, ETAG_PUT_OPENAPI, IfMatch, Versioned
from metodset.associations import services
from metodset.associations.models import (
    Association,
    AssociationKind,
    AssociationStatus,
    HeadAppointment,
    Membership,
    in_force_q,
)
from metodset.core.access import get_for_user, require_perm
from metodset.privacy import services as privacy
from metodset.privacy.models import AccessKind

router = Router(tags=["Объединения"])


class AssociationOut(Schema):
    id: int
    municipality_id: int
    kind: AssociationKind
    name: str
    area: str
    teacher_category: str
    description: str
    parent_id: int | None
    organisation_id: int | None
    status: AssociationStatus
    founded_on: ApiDate
    liquidated_on: ApiDate | None
    creation_order_id: int | None
    liquidation_order_id: int | None


class MembershipOut(Schema):
    id: int
    association_id: int
    teacher_id: int
    teacher_name: str = Field(alias="teacher.full_name")
    joined_on: ApiDate
    left_on: ApiDate | None


class HeadAppointmentOut(Schema):
    id: int
    association_id: int
    teacher_id: int
    teacher_name: str = Field(alias="teacher.full_name")
    order_id: int | None
    starts_on: ApiDate
    ends_on: ApiDate
    terminated_on: ApiDate | None


class AssociationFilter(FilterSchema):
    q: str | None = Field(None, description="Поиск по названию и направлению")
    kind: AssociationKind | None = None
    status: AssociationStatus | None = None
    parent_id: int | None = None

    def filter_q(self, value):
        return Q(name__icontains=value) | Q(area__icontains=value) if value else Q()


class MembershipFilter(FilterSchema):
    association_id: int | None = None
    teacher_id: int | None = None
    on: ApiDate | None = Field(None, description="Только действующие на эту дату")

    def filter_on(self, value):
        if not value:
            return Q()
        return in_force_q(value)


@router.get("/", response={200: list[AssociationOut], **ERRORS})
@paginate(Pagination, page_size=50)
def association_list(request, filters: Query[AssociationFilter]):
    return filters.filter(Association.objects.for_user(request.user)).order_by("name", "pk")


@router.get("/{pk}", response={200: AssociationOut, **ERRORS}, openapi_extra=ETAG_OPENAPI)
def association_get(request, response: HttpResponse, pk: int):
    association = get_for_user(Association.objects.all(), request.user, pk)
    VERSION.tag(response, association)
    return association


def _log_members(request, memberships) -> None:
    people = [m.teacher for m in memberships]
    privacy.access_record(request=request, people=people, kind=AccessKind.API)


@router.get("/memberships/", response={200: list[MembershipOut], **ERRORS})
@paginate(audited(_log_members), page_size=100)
def membership_list(request, filters: Query[MembershipFilter]):
    # Names only: personal data of members is in /teachers/, scoped by role.
    memberships = Membership.objects.for_user(request.user).select_related("teacher")
    return filters.filter(memberships).order_by("association_id", "joined_on", "pk")


@router.get("/{pk}/heads", response={200: list[HeadAppointmentOut], **ERRORS})
def head_appointment_list(request, pk: int):
    association = get_for_user(Association.objects.all(), request.user, pk)
    return HeadAppointment.objects.filter(association=association).select_related("teacher")


class AssociationIn(Schema):
    kind: AssociationKind
    name: str = Field(min_length=1, max_length=400)
    area: str = Field(min_length=1, max_length=300)
    teacher_category: str = Field("", max_length=300)
    description: str = ""
    founded_on: ApiDate
    parent_id: int | None = None
    organisation_id: int | None = None
    creation_order_id: int | None = None


VERSION = Versioned(Association, AssociationIn)


class MemberIn(Schema):
    teacher_id: int
    joined_on: ApiDate


class LeaveIn(Schema):
    left_on: ApiDate


def _related(request, data: dict) -> dict:
    from metodset.acts.models import Order
    from metodset.orgs.models import Organisation

    for key, queryset in (
        ("parent_id", Association.objects.all()),
        ("organisation_id", Organisation.objects.all()),
        ("creation_order_id", Order.objects.all()),
    ):
        pk = data.pop(key)
        data[key.removesuffix("_id")] = (
            get_object_or_404(queryset.for_user(request.user), pk=pk) if pk else None
        )
    return data


@router.post("/", response={201: AssociationOut, **ERRORS})
def association_create(request, payload: AssociationIn):
    # Asked before the municipality, so that a coordinator hears 403, not 422.
    require_perm(request.user, "associations.add_association")
    if request.user.municipality is None:
        from ninja.errors import HttpError

        raise HttpError(
            422, "Администратор платформы создаёт объединения на странице муниципалитета."
        )
    association = services.association_create(
        user=request.user,
        municipality=request.user.municipality,
        **_related(request, payload.dict()),
    )
    return 201, association


@router.put("/{pk}", response={200: AssociationOut, **PUT_ERRORS}, openapi_extra=ETAG_PUT_OPENAPI)
def association_update(
    request, response: HttpResponse, pk: int, payload: AssociationIn, if_match: str | None = IfMatch
):
    # The service decides: the methodist changes everything, the head the description.
    association = get_for_user(Association.objects.all(), request.user, pk)
    data = VERSION.expect(_related(request, payload.dict()), if_match, association)
    with VERSION.conflicts():
        association = services.association_update(
            user=request.user, association=association, data=data
        )
    VERSION.tag(response, association)
    return association


@router.post("/{pk}/members", response={201: MembershipOut, **ERRORS})
def member_add(request, pk: int, payload: MemberIn):
    from metodset.people.models import Teacher

    association = get_for_user(Association.objects.all(), request.user, pk)
    teacher = get_object_or_404(
        Teacher.objects.filter(municipality_id=association.municipality_id), pk=payload.teacher_id
    )
    membership = services.member_add(
        user=request.user, association=association, teacher=teacher, joined_on=payload.joined_on
    )
    return 201, membership


@router.post("/memberships/{pk}/end", response={200: MembershipOut, **ERRORS})
def membership_end(request, pk: int, payload: LeaveIn):
    membership = get_for_user(
        Membership.objects.select_related("association", "teacher"), request.user, pk
    )
    return services.membership_end(
        user=request.user, membership=membership, left_on=payload.left_on
    )
