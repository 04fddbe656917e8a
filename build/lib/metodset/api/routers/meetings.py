import datetime as dt

from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from metodset.api.pagination import Pagination
from metodset.api.schemas import ERRORS, ApiDate, ApiTime
from metodset.associations.models import Association
from metodset.core.access import get_for_user, require_perm
from metodset.meetings import selectors, services
from metodset.meetings.access import get_meeting_for_user

router = Router(tags=["Заседания"])


class MeetingOut(Schema):
    id: int
    municipality_id: int
    association_id: int
    school_year: int
    number: int
    date: ApiDate
    starts_at: ApiTime | None
    venue_id: int | None
    place_note: str
    online_url: str
    chair_id: int | None
    secretary_id: int | None
    signed_at: dt.datetime | None


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    speakers: str
    discussion: str
    decision: str


class AttendanceOut(Schema):
    teacher_id: int
    teacher_name: str = Field(alias="teacher.full_name")
    present: bool
    # The reason is health data as often as not: null unless the caller may read it
    # (the chair, the secretary, whoever keeps the minutes, the methodists, the member).
    absence_reason: str | None = Field(
        None, alias="readable_reason", description="null: not yours to read; empty: none given"
    )


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    attendance: list[AttendanceOut]

    @staticmethod
    def resolve_agenda(meeting) -> list:
        return selectors.agenda(meeting)

    @staticmethod
    def resolve_attendance(meeting, context) -> list:
        viewer = context["request"].user
        sees_all = selectors.sees_absence_reasons(viewer, meeting)
        rows = list(meeting.attendance.select_related("teacher").order_by("teacher__last_name"))
        for row in rows:
            may_read = selectors.may_read_reason(viewer, row.teacher, sees_all=sees_all)
            row.readable_reason = row.absence_reason if may_read else None
        return rows


class MeetingFilter(FilterSchema):
    association_id: int | None = None
    school_year: int | None = Field(None, ge=2000, le=2100)


class MeetingIn(Schema):
    association_id: int
    date: ApiDate
    starts_at: ApiTime | None = None
    place_note: str = ""
    online_url: str = ""
    agenda: list[str] = Field(default_factory=list, max_length=50)


class AgendaItemIn(Schema):
    title: str = Field(min_length=1)
    speakers: str = ""
    discussion: str = ""
    decision: str = ""


@router.get("/", response={200: list[MeetingOut], **ERRORS})
@paginate(Pagination, page_size=50)
def meeting_list(request, filters: Query[MeetingFilter]):
    return filters.filter(selectors.meeting_list(user=request.user)).order_by(
        "-date", "-number", "pk"
    )


@router.get("/{pk}", response={200: MeetingDetailOut, **ERRORS})
def meeting_get(request, pk: int):
    return get_meeting_for_user(request.user, pk)


@router.post("/", response={201: MeetingOut, **ERRORS})
def meeting_create(request, payload: MeetingIn):
    association = get_for_user(Association.objects.all(), request.user, payload.association_id)
    require_perm(request.user, "meetings.add_meeting", association)
    meeting = services.meeting_schedule(
        user=request.user, association=association, **payload.dict(exclude={"association_id"})
    )
    return 201, meeting


@router.post("/{pk}/agenda", response={201: AgendaItemOut, **ERRORS})
def agenda_item_create(request, pk: int, payload: AgendaItemIn):
    meeting = get_meeting_for_user(request.user, pk, perm="meetings.change_meeting")
    return 201, services.agenda_item_add(user=request.user, meeting=meeting, **payload.dict())


@router.post("/{pk}/sign", response={200: MeetingOut, **ERRORS})
def minutes_sign(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk, perm="meetings.sign_minutes")
    return services.minutes_sign(user=request.user, meeting=meeting)
