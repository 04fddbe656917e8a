import datetime as dt

from django.db.models import Q
from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from metodset.api.pagination import Pagination
from metodset.api.schemas import ERRORS, ApiDate
from metodset.core.access import get_for_user, require_perm
from metodset.events import selectors, services
from metodset.events.models import (
    Event,
    EventForm,
    EventLevel,
    EventStatus,
    Participation,
    ParticipationRole,
    ParticipationStatus,
)

router = Router(tags=["Мероприятия"])


class EventOut(Schema):
    id: int
    municipality_id: int
    association_id: int | None
    level: EventLevel
    form: EventForm
    title: str
    description: str
    audience: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue_id: int | None
    online_url: str
    capacity: int | None
    status: EventStatus
    registered_count: int = 0


class ParticipationOut(Schema):
    id: int
    event_id: int
    teacher_id: int
    teacher_name: str = Field(alias="teacher.full_name")
    role: ParticipationRole
    status: ParticipationStatus
    registered_at: dt.datetime
    attended: bool | None


class EventFilter(FilterSchema):
    q: str | None = Field(None, description="Поиск по названию")
    form: EventForm | None = None
    level: EventLevel | None = None
    association_id: int | None = None
    starts_after: ApiDate | None = Field(None, q="starts_at__date__gte")
    starts_before: ApiDate | None = Field(None, q="starts_at__date__lte")

    def filter_q(self, value):
        return Q(title__icontains=value) if value else Q()


class RegistrationIn(Schema):
    teacher_id: int | None = Field(None, description="Пусто — зарегистрировать себя")
    role: ParticipationRole = ParticipationRole.PARTICIPANT


@router.get("/", response={200: list[EventOut], **ERRORS})
@paginate(Pagination, page_size=50)
def event_list(request, filters: Query[EventFilter]):
    return filters.filter(selectors.event_list(user=request.user)).order_by("-starts_at", "pk")


@router.get("/{pk}", response={200: EventOut, **ERRORS})
def event_get(request, pk: int):
    return get_for_user(selectors.event_list(user=request.user), request.user, pk)


@router.get("/{pk}/participants", response={200: list[ParticipationOut], **ERRORS})
def participant_list(request, pk: int):
    event = get_for_user(Event.objects.all(), request.user, pk, perm="events.manage_participants")
    return list(selectors.participants(event=event))


@router.post("/{pk}/registrations", response={201: ParticipationOut, **ERRORS})
def registration_create(request, pk: int, payload: RegistrationIn):
    from metodset.people.models import Teacher

    event = get_for_user(Event.objects.all(), request.user, pk)
    if payload.teacher_id is None:
        require_perm(request.user, "events.register_self", event)
        teacher = request.user.teacher_profile
        role = ParticipationRole.PARTICIPANT
    else:
        require_perm(request.user, "events.manage_participants", event)
        teacher = get_for_user(Teacher.objects.all(), request.user, payload.teacher_id)
        role = payload.role
    participation = services.participation_register(
        user=request.user, event=event, teacher=teacher, role=role
    )
    return 201, Participation.objects.select_related("teacher").get(pk=participation.pk)
