"""Reads about work plans: lists, the plan page, the plan as a document, compliance facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from metodset.associations.models import Association, AssociationKind, HeadAppointment
from metodset.core.dates import SchoolYear
from metodset.core.declension import initials_surname
from metodset.core.queries import subquery_count
from metodset.meetings.models import AgendaItem
from metodset.meetings.selectors import Person
from metodset.orgs.selectors import authority_head_on
from metodset.people.models import Teacher
from metodset.plans.models import ItemStatus, Plan, PlanItem, PlanOwner, PlanStatus


def plan_list(*, user, association: Association | None = None, service_of=None) -> QuerySet[Plan]:
    """Plans the user may see, with how many items they have and how many are done; of one
    association, or (`service_of` a municipality) of its methodical service."""
    plans = Plan.objects.for_user(user)
    if association is not None:
        plans = plans.filter(association=association)
    if service_of is not None:
        plans = plans.filter(municipality=service_of, owner=PlanOwner.SERVICE)
    return plans.select_related("association", "municipality").annotate(
        item_count=subquery_count(PlanItem.objects.all(), "plan"),
        done_count=subquery_count(PlanItem.objects.filter(status=ItemStatus.DONE), "plan"),
    )


def plan_items(plan: Plan) -> QuerySet[PlanItem]:
    """The items in date order with their venue, meeting and responsible teachers."""
    return (
        plan.items.select_related("venue", "meeting")
        .prefetch_related(
            Prefetch(
                "responsible",
                queryset=Teacher.objects.order_by("last_name", "first_name"),
            )
        )
        .order_by("sort_on", "pk")
    )


def adoption_choices(plan: Plan) -> QuerySet[AgendaItem]:
    """Decisions that can adopt the plan: agenda questions with a decision, of meetings of
    the association already held in the plan's school year or the one before it."""
    where = (
        {"meeting__association_id": plan.association_id}
        if plan.association_id
        else {  # the service's plan: the methodical council adopts it
            "meeting__municipality_id": plan.municipality_id,
            "meeting__association__kind": AssociationKind.COUNCIL,
        }
    )
    return (
        AgendaItem.objects.filter(
            **where,
            meeting__school_year__in=[plan.school_year, plan.school_year - 1],
            meeting__date__lte=timezone.localdate(),
        )
        .exclude(decision="")
        .select_related("meeting")
        .order_by("-meeting__date", "position")
    )


def previous_plan(association: Association, year: SchoolYear) -> Plan | None:
    return Plan.objects.filter(
        association=association, school_year=year.previous.start_year
    ).first()


def head_on(association: Association, on: dt.date) -> HeadAppointment | None:
    return (
        HeadAppointment.objects.on(on)
        .filter(association=association)
        .select_related("teacher__organisation")
        .order_by("-starts_on")
        .first()
    )


# --- The plan as a document -------------------------------------------------------------


@dataclass(frozen=True)
class PlanDocumentItem:
    number: int
    when: str  # «15.10.2025» or «октябрь»
    date: dt.date | None
    month: int | None
    form: str
    topic: str
    responsible: list[Person]
    responsible_note: str
    venue: str
    venue_address: str
    expected_result: str
    status: str
    status_code: str
    status_reason: str
    moved_to: dt.date | None
    meeting_number: int | None

    @property
    def responsible_names(self) -> str:
        """«Иванова М.П., Петров С.А., методист РМК»"""
        names = [p.short_name for p in self.responsible]
        if self.responsible_note:
            names.append(self.responsible_note)
        return ", ".join(names)


@dataclass
class PlanDocument:
    """Everything the plan prints, as plain values."""

    municipality: str
    region: str
    authority: str
    service: str
    association: str
    association_kind: str
    is_council: bool
    school_year: str
    theme: str
    goal: str
    priorities: list[str]
    tasks: list[str]
    status: str
    status_code: str
    head: Person | None
    items: list[PlanDocumentItem] = field(default_factory=list)
    adopted_on: dt.date | None = None
    adoption_meeting_number: int | None = None
    adoption_meeting_date: dt.date | None = None
    adoption_question: str = ""
    adoption_decision: str = ""
    agreed_at: dt.datetime | None = None
    agreed_by: str = ""
    approved_at: dt.datetime | None = None
    approved_by: str = ""
    approval_order_number: str = ""
    approval_order_date: dt.date | None = None
    approval_order_issuer: str = ""
    published_at: dt.datetime | None = None
    place_of_issue: str = ""  # the settlement where the authority sits: «с. Чоя»
    # Who signs УТВЕРЖДАЮ: the head of the education authority in office on the day of
    # approval (today while the plan awaits it), «И.О. Фамилия»; empty if none is recorded.
    approver_name: str = ""
    approver_position: str = ""

    @property
    def document_date(self) -> dt.date | None:
        """The date of the document (ГОСТ Р 7.0.97, 5.14): its approval, else its adoption."""
        if self.approval_order_date:
            return self.approval_order_date
        if self.approved_at:
            return timezone.localtime(self.approved_at).date()
        return self.adoption_meeting_date


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def plan_document_data(plan: Plan) -> PlanDocument:
    """The plan for a renderer, in five queries whatever its size.

    The plan with its association, municipality, adoption meeting, reviewers and order;
    the items with their venues; their responsible teachers; the head on the day the
    plan is printed (or on the last day of its school year, for a past year); the head of
    the education authority who approved it (or, until it is approved, who is in office).
    """
    plan = (
        Plan.objects.select_related(
            "association",
            "municipality__region",
            "adoption_decision__meeting",
            "agreed_by",
            "approved_by",
            "approval_order",
        )
        .filter(pk=plan.pk)
        .get()
    )
    association = plan.association
    municipality = plan.municipality
    items = list(
        plan.items.select_related("venue", "meeting")
        .prefetch_related(
            Prefetch(
                "responsible",
                queryset=Teacher.objects.select_related("organisation").order_by(
                    "last_name", "first_name"
                ),
            )
        )
        .order_by("sort_on", "pk")
    )
    appointment = (
        head_on(association, min(timezone.localdate(), plan.year.ends_on))
        if association is not None
        else None
    )
    decision = plan.adoption_decision
    order = plan.approval_order
    approved_on = timezone.localtime(plan.approved_at).date() if plan.approved_at else None
    approver = authority_head_on(municipality.pk, approved_on or timezone.localdate())
    return PlanDocument(
        municipality=municipality.name,
        region=municipality.region.name,
        authority=municipality.authority_name,
        service=municipality.service_name,
        association=plan.owner_name,
        association_kind=association.get_kind_display() if association else "",
        is_council=association is not None and association.kind == AssociationKind.COUNCIL,
        school_year=str(plan.year),
        theme=plan.theme,
        goal=plan.goal,
        priorities=_lines(plan.priorities),
        tasks=_lines(plan.tasks),
        status=plan.get_status_display(),
        status_code=plan.status,
        head=Person.of(appointment.teacher) if appointment else None,
        items=[
            PlanDocumentItem(
                number=number,
                when=item.when_label,
                date=item.date,
                month=item.month,
                form=item.get_form_display(),
                topic=item.topic,
                responsible=[Person.known(t) for t in item.responsible.all()],
                responsible_note=item.responsible_note,
                venue=str(item.venue) if item.venue else "",
                venue_address=item.venue.address if item.venue else "",
                expected_result=item.expected_result,
                status=item.get_status_display(),
                status_code=item.status,
                status_reason=item.status_reason,
                moved_to=item.moved_to,
                meeting_number=item.meeting.number if item.meeting else None,
            )
            for number, item in enumerate(items, start=1)
        ],
        adopted_on=plan.adopted_on,
        adoption_meeting_number=decision.meeting.number if decision else None,
        adoption_meeting_date=decision.meeting.date if decision else None,
        adoption_question=decision.title if decision else "",
        adoption_decision=decision.decision if decision else "",
        agreed_at=plan.agreed_at,
        agreed_by=initials_surname(plan.agreed_by) if plan.agreed_by else "",
        approved_at=plan.approved_at,
        # Who recorded the approval (a methodist) is not who approved: see approver_name.
        approved_by=plan.approved_by.get_short_name() if plan.approved_by else "",
        approval_order_number=order.number if order else "",
        approval_order_date=order.date if order else None,
        approval_order_issuer=order.issuer if order else "",
        published_at=plan.published_at,
        place_of_issue=municipality.place,
        approver_name=approver.signature if approver else "",
        approver_position=approver.position if approver else "",
    )


# --- Facts for the compliance check ------------------------------------------------------


def plan_facts(association_ids: Iterable[int], year: SchoolYear) -> dict[int, dict]:
    """The plan of each association for a school year, in one query, in the shape the
    `annual_plan` rule reads: {"status", "adopted", "agreed", "approved", "published"}.
    Associations without a plan for the year are absent from the result."""
    plans = Plan.objects.filter(
        association_id__in=list(association_ids), school_year=year.start_year
    ).only("association", "status", "adoption_decision", "agreed_at", "approved_at")
    return {plan.association_id: {"status": plan.status, **plan_steps(plan)} for plan in plans}  # type: ignore[misc]


def plans_awaiting_review(*, user, year: SchoolYear, limit: int = 10) -> list[Plan]:
    """The methodist's queue for a school year: every plan adopted at a meeting and not
    yet agreed, approved or published (whatever the regulation says, the service acts on
    it next), and the agreed or approved plans still missing a step their regulation
    names (approved, published). Regulations are read once, in memory."""
    from metodset.regulations.checks import rules_for, versions_in_force
    from metodset.regulations.kinds.plan import missing_steps

    plans = list(
        Plan.objects.for_user(user)
        .filter(
            school_year=year.start_year,
            status__in=[PlanStatus.ADOPTED, PlanStatus.AGREED, PlanStatus.APPROVED],
        )
        .select_related("association")
        .order_by("adopted_on", "association__name")
    )
    day = min(timezone.localdate(), year.ends_on)
    versions = versions_in_force({plan.municipality_id for plan in plans}, day)
    waiting = [
        plan
        for plan in plans
        if plan.status == PlanStatus.ADOPTED
        or any(
            rule.kind == "annual_plan" and missing_steps(rule.params, plan_steps(plan))
            for rule, _regulation in (
                rules_for(plan.association, versions) if plan.association else []
            )
        )
    ]
    return waiting[:limit]


def plan_steps(plan: Plan) -> dict[str, bool]:
    """The workflow steps the plan has taken, in the shape the `annual_plan` rule reads."""
    return {
        "adopted": plan.adoption_decision_id is not None,
        "agreed": plan.agreed_at is not None,
        "approved": plan.approved_at is not None,
        "published": plan.status == PlanStatus.PUBLISHED,
    }
