import datetime as dt

from django.db.models import Q
from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from metodset.api.schemas import ERRORS
from metodset.associations.models import (
    Association,
    AssociationKind,
    AssociationStatus,
    HeadAppointment,
    Membership,
)
from metodset.core.access import get_for_user

router = Router(tags=["Объединения"])


class AssociationOut(Schema):
    id: int
    municipality_id: int
    kind: AssociationKind
    name: str
    area: str
    teacher_category: str
    parent_id: int | None
    organisation_id: int | None
    status: AssociationStatus
    founded_on: dt.date
    liquidated_on: dt.date | None
    creation_order_id: int | None
    liquidation_order_id: int | None


class MembershipOut(Schema):
    id: int
    association_id: int
    teacher_id: int
    teacher_name: str = Field(alias="teacher.full_name")
    joined_on: dt.date
    left_on: dt.date | None


class HeadAppointmentOut(Schema):
    id: int
    association_id: int
    teacher_id: int
    teacher_name: str = Field(alias="teacher.full_name")
    order_id: int | None
    starts_on: dt.date
    ends_on: dt.date
    terminated_on: dt.date | None


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
    on: dt.date | None = Field(None, description="Только действующие на эту дату")

    def filter_on(self, value):
        if not value:
            return Q()
        return Q(joined_on__lte=value) & (Q(left_on__isnull=True) | Q(left_on__gt=value))


@router.get("/", response={200: list[AssociationOut], **ERRORS})
@paginate(PageNumberPagination, page_size=50)
def association_list(request, filters: Query[AssociationFilter]):
    return filters.filter(Association.objects.for_user(request.user)).order_by("name", "pk")


@router.get("/{pk}", response={200: AssociationOut, **ERRORS})
def association_get(request, pk: int):
    return get_for_user(Association.objects.all(), request.user, pk)


@router.get("/memberships/", response={200: list[MembershipOut], **ERRORS})
@paginate(PageNumberPagination, page_size=100)
def membership_list(request, filters: Query[MembershipFilter]):
    # Names only: personal data of members is in /teachers/, scoped by role.
    memberships = Membership.objects.for_user(request.user).select_related("teacher")
    return filters.filter(memberships).order_by("association_id", "joined_on", "pk")


@router.get("/{pk}/heads", response={200: list[HeadAppointmentOut], **ERRORS})
def head_appointment_list(request, pk: int):
    association = get_for_user(Association.objects.all(), request.user, pk)
    return HeadAppointment.objects.filter(association=association).select_related("teacher")
