import datetime as dt

from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from metodset.acts.models import Order
from metodset.api.pagination import Pagination
from metodset.api.schemas import ERRORS, ApiDate
from metodset.associations.models import Association
from metodset.core.access import get_for_user
from metodset.meetings.access import get_agenda_item_for_user
from metodset.plans import selectors, services
from metodset.plans.access import get_plan_for_user
from metodset.plans.models import ItemForm, ItemStatus, PlanStatus

router = Router(tags=["Планы работы"])


class PlanOut(Schema):
    id: int
    municipality_id: int
    association_id: int | None  # None: the methodical service's own plan (issue #14)
    school_year: int
    theme: str
    goal: str
    priorities: str
    tasks: str
    status: PlanStatus
    adopted_on: ApiDate | None
    adoption_decision_id: int | None
    agreed_at: dt.datetime | None
    approved_at: dt.datetime | None
    published_at: dt.datetime | None


class PlanItemOut(Schema):
    id: int
    date: ApiDate | None
    month: int | None
    form: ItemForm
    topic: str
    responsible_ids: list[int] = Field(default_factory=list)
    responsible_note: str
    venue_id: int | None
    expected_result: str
    status: ItemStatus
    status_reason: str
    meeting_id: int | None

    @staticmethod
    def resolve_responsible_ids(item) -> list[int]:
        return [teacher.pk for teacher in item.responsible.all()]


class PlanDetailOut(PlanOut):
    items: list[PlanItemOut]

    @staticmethod
    def resolve_items(plan) -> list:
        return list(selectors.plan_items(plan))


class PlanFilter(FilterSchema):
    association_id: int | None = None
    school_year: int | None = Field(None, ge=2000, le=2100)
    status: PlanStatus | None = None


class PlanIn(Schema):
    association_id: int
    school_year: int = Field(ge=2000, le=2100)
    theme: str = Field(min_length=1, max_length=600)
    goal: str = ""
    priorities: str = ""
    tasks: str = ""


class AdoptIn(Schema):
    decision_id: int = Field(description="The agenda question whose decision adopts the plan")


class ApproveIn(Schema):
    order_id: int | None = Field(None, description="The order of approval, where there is one")


class ReturnIn(Schema):
    reason: str = Field(min_length=1, max_length=1000)


class PlanItemIn(Schema):
    date: ApiDate | None = None
    month: int | None = Field(None, ge=1, le=12)
    form: ItemForm
    topic: str = Field(min_length=1)
    responsible_note: str = ""
    expected_result: str = ""


@router.get("/", response={200: list[PlanOut], **ERRORS})
@paginate(Pagination, page_size=50)
def plan_list(request, filters: Query[PlanFilter]):
    return filters.filter(selectors.plan_list(user=request.user)).order_by(
        "-school_year", "association__name", "pk"
    )


@router.get("/{pk}", response={200: PlanDetailOut, **ERRORS})
def plan_get(request, pk: int):
    return get_plan_for_user(request.user, pk)


@router.post("/", response={201: PlanOut, **ERRORS})
def plan_create(request, payload: PlanIn):
    association = get_for_user(Association.objects.all(), request.user, payload.association_id)
    data = payload.dict(exclude={"association_id"})
    plan = services.plan_create(user=request.user, association=association, **data)
    return 201, plan


@router.post("/{pk}/items", response={201: PlanItemOut, **ERRORS})
def plan_item_create(request, pk: int, payload: PlanItemIn):
    plan = get_plan_for_user(request.user, pk)
    item = services.plan_item_add(user=request.user, plan=plan, **payload.dict())
    return 201, item


@router.post("/{pk}/adopt", response={200: PlanOut, **ERRORS})
def plan_adopt(request, pk: int, payload: AdoptIn):
    plan = get_plan_for_user(request.user, pk)
    decision = get_agenda_item_for_user(request.user, payload.decision_id)
    return services.plan_adopt(user=request.user, plan=plan, decision=decision)


@router.post("/{pk}/agree", response={200: PlanOut, **ERRORS})
def plan_agree(request, pk: int):
    return services.plan_agree(user=request.user, plan=get_plan_for_user(request.user, pk))


@router.post("/{pk}/approve", response={200: PlanOut, **ERRORS})
def plan_approve(request, pk: int, payload: ApproveIn):
    plan = get_plan_for_user(request.user, pk)
    order = (
        get_for_user(Order.objects.all(), request.user, payload.order_id)
        if payload.order_id
        else None
    )
    return services.plan_approve(user=request.user, plan=plan, order=order)


@router.post("/{pk}/publish", response={200: PlanOut, **ERRORS})
def plan_publish(request, pk: int):
    return services.plan_publish(user=request.user, plan=get_plan_for_user(request.user, pk))


@router.post("/{pk}/return", response={200: PlanOut, **ERRORS})
def plan_return(request, pk: int, payload: ReturnIn):
    plan = get_plan_for_user(request.user, pk)
    return services.plan_return_to_draft(user=request.user, plan=plan, reason=payload.reason)
