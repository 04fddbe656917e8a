"""Every write about work plans, their items and their workflow.

Workflow: draft → adopted at a meeting → agreed and/or approved → published.
The head (or the methodist) composes the draft and records its adoption by a decision
of a meeting (000 §9.1); the methodist agrees it (002 §3.2), approves it, with the
authority's order where there is one (004 §3.8), and publishes it (001 §1.3); he can
also return it to a draft, with a reason. Each transition checks the user's role
(django-rules, `plans/permissions.py`) and the plan's state, and refuses in words.
Only a draft changes its content; the status of its items (done, moved, cancelled)
is kept up to date all year.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.acts.models import Order
from metodset.associations.models import Association, AssociationKind
from metodset.core.access import require_perm
from metodset.core.dates import SchoolYear, years_later
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user
from metodset.meetings import services as meeting_services
from metodset.meetings.models import AgendaItem, Meeting
from metodset.plans import notices
from metodset.plans.models import ItemStatus, Plan, PlanItem, PlanOwner, PlanStatus


def _require(user, perm: str, obj, message: str) -> None:
    """The role check of a service; `user=None` is the system itself (demo, migrations)."""
    if user is not None and not user.has_perm(perm, obj):
        raise PermissionDenied(message)


def _require_draft(plan: Plan) -> None:
    if not plan.is_draft:
        raise ValidationError(
            _(
                "The plan is %(status)s: only a draft can be changed. "
                "Ask the methodist to return it to a draft."
            )
            % {"status": plan.get_status_display()}
        )


def _save_transition(plan: Plan, user, fields: list[str], reason: str = "") -> Plan:
    plan.full_clean()
    with_history_user(plan, user)
    plan._change_reason = reason or None  # type: ignore[attr-defined]  # simple-history
    plan.save(update_fields=[*fields, "status", "updated_at"])
    return plan


# --- The plan ---------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    user,
    association: Association | None = None,
    municipality: Municipality | None = None,
    school_year: int,
    theme: str,
    goal: str = "",
    priorities: str = "",
    tasks: str = "",
) -> Plan:
    """Start the draft of an association's plan for a school year or, without an
    association, of the plan of the municipality's methodical service (004 §4.1)."""
    if association is not None:
        owner, municipality_id = PlanOwner.ASSOCIATION, association.municipality_id
        _require(
            user,
            "plans.add_plan",
            association,
            _("Only the head of the association or the methodist composes its plan."),
        )
    else:
        owner, municipality_id = PlanOwner.SERVICE, municipality.pk  # type: ignore[union-attr]
        _require(
            user,
            "plans.add_plan",
            Plan(municipality_id=municipality_id, owner=owner),
            _("Only the methodist of the municipality composes the plan of its service."),
        )
    return model_create(
        Plan,
        user=user,
        municipality_id=municipality_id,
        owner=owner,
        association=association,
        school_year=school_year,
        theme=theme,
        goal=goal,
        priorities=priorities,
        tasks=tasks,
    )


@transaction.atomic
def plan_update(*, user, plan: Plan, data: dict) -> Plan:
    """Change the theme, goal, priorities or tasks of a draft."""
    _require(user, "plans.change_plan", plan, _("You may not change this plan."))
    _require_draft(plan)
    plan, _changed = model_update(plan, user=user, data=data)
    return plan


@transaction.atomic
def plan_delete(*, user, plan: Plan) -> None:
    """Delete a draft (with its items)."""
    _require(user, "plans.change_plan", plan, _("You may not delete this plan."))
    _require_draft(plan)
    plan.copies.update(copied_from=None)
    with_history_user(plan, user).delete()


def _shift(day: dt.date | None, years: int) -> dt.date | None:
    return years_later(day, years) if day else None


@transaction.atomic
def plan_copy_from_previous(*, user, association: Association, school_year: int) -> Plan:
    """Start a school year's plan from the previous year's: a draft with the same theme,
    goal, priorities and tasks, and the items a year later, all planned again.

    Responsible teachers who no longer work and venues no longer hosting events are
    left out; moving the items' dates is the head's next step.
    """
    _require(
        user,
        "plans.add_plan",
        association,
        _("Only the head of the association or the methodist composes its plan."),
    )
    year = SchoolYear(school_year)
    previous = (
        Plan.objects.filter(association=association, school_year=year.previous.start_year)
        .prefetch_related("items__responsible")
        .select_related("association")
        .first()
    )
    if previous is None:
        raise ValidationError(_("There is no plan for %(year)s to copy.") % {"year": year.previous})
    plan = model_create(
        Plan,
        user=user,
        municipality_id=association.municipality_id,
        association=association,
        school_year=school_year,
        theme=previous.theme,
        goal=previous.goal,
        priorities=previous.priorities,
        tasks=previous.tasks,
        copied_from=previous,
    )
    for old in previous.items.all():
        item = PlanItem(
            plan=plan,
            date=_shift(old.date, 1),
            month=old.month,
            form=old.form,
            topic=old.topic,
            responsible_note=old.responsible_note,
            venue=old.venue if old.venue is not None and old.venue.is_venue else None,
            expected_result=old.expected_result,
        )
        item.full_clean()
        with_history_user(item, user).save()
        item.responsible.set([t for t in old.responsible.all() if t.is_active])
    return plan


# --- Items ------------------------------------------------------------------------------


def _check_responsible(plan: Plan, responsible) -> None:
    strangers = [t for t in responsible if t.municipality_id != plan.municipality_id]
    if strangers:
        raise ValidationError({"responsible": _("The teacher works in another municipality.")})


@transaction.atomic
def plan_item_add(*, user, plan: Plan, responsible=(), **fields) -> PlanItem:
    """Add an item to a draft."""
    _require(user, "plans.change_plan", plan, _("You may not change this plan."))
    _require_draft(plan)
    _check_responsible(plan, responsible)
    fields.pop("status", None)  # a new item is planned; execution is marked later
    return model_create(PlanItem, user=user, plan=plan, responsible=list(responsible), **fields)


@transaction.atomic
def plan_item_update(*, user, item: PlanItem, data: dict) -> PlanItem:
    """Change what an item of a draft says (its execution status has its own service)."""
    _require(user, "plans.change_plan", item.plan, _("You may not change this plan."))
    _require_draft(item.plan)
    data = {k: v for k, v in data.items() if k not in {"status", "status_reason", "moved_to"}}
    if "responsible" in data:
        _check_responsible(item.plan, data["responsible"])
    item, _changed = model_update(item, user=user, data=data)
    return item


@transaction.atomic
def plan_item_delete(*, user, item: PlanItem) -> None:
    _require(user, "plans.change_plan", item.plan, _("You may not change this plan."))
    _require_draft(item.plan)
    with_history_user(item, user).delete()


def _not_held_yet(item: PlanItem) -> str:
    """Why the item cannot be done yet, in words; empty when it can."""
    meeting = item.meeting
    if meeting is not None:
        if not meeting.is_signed:
            return _(
                "The item is carried out by meeting No. %(number)s of %(date)s: it is done "
                "once the meeting has taken place and its minutes are signed."
            ) % {"number": meeting.number, "date": meeting.date.strftime("%d.%m.%Y")}
        return ""
    if item.status == ItemStatus.MOVED and item.moved_to:
        day, when = item.moved_to, item.moved_to.strftime("%d.%m.%Y")
    else:  # the date, or the first day of the month of an item planned by month
        day, when = item.sort_on, item.when_label.lower()
    if day > timezone.localdate():
        return _(
            "The item is planned for %(when)s: it can be marked done once it has taken place."
        ) % {"when": when}
    return ""


@transaction.atomic
def plan_item_set_status(
    *,
    user,
    item: PlanItem,
    status: str,
    reason: str = "",
    moved_to: dt.date | None = None,
) -> PlanItem:
    """Mark an item done, moved (with a reason and maybe a new date), cancelled (with a
    reason) or planned again. Allowed whatever the plan's state: it is the year's record.

    Done means held: an item still to come cannot be done, and an item carried out by a
    meeting is done when the meeting's minutes are signed (`plan_items_done_by_minutes`)."""
    _require(
        user,
        "plans.mark_items",
        item.plan,
        _("Only the head of the association or the methodist marks the plan's items."),
    )
    if status not in ItemStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if status == ItemStatus.DONE and item.status != ItemStatus.DONE:
        problem = _not_held_yet(item)
        if problem:
            raise ValidationError({"status": problem})
    item.status = status
    item.status_reason = (reason or "").strip() if status != ItemStatus.DONE else ""
    item.moved_to = moved_to if status == ItemStatus.MOVED else None
    if status == ItemStatus.PLANNED:
        item.status_reason = ""
    item.full_clean()
    with_history_user(item, user).save(update_fields=["status", "status_reason", "moved_to"])
    return item


def plan_items_done_by_minutes(*, user, meeting: Meeting) -> list[PlanItem]:
    """The items a meeting carries out are done once its minutes are signed (the meeting
    held and minuted). An item the head cancelled stays cancelled. Part of signing the
    minutes: whoever may sign them (meetings.minutes_sign calls this)."""
    require_perm(user, "meetings.sign_minutes", meeting)
    done = []
    for item in meeting.plan_items.exclude(status__in=[ItemStatus.DONE, ItemStatus.CANCELLED]):
        item.status = ItemStatus.DONE
        item.status_reason = ""
        item.moved_to = None
        with_history_user(item, user).save(update_fields=["status", "status_reason", "moved_to"])
        done.append(item)
    return done


@transaction.atomic
def plan_item_meeting_create(*, user, item: PlanItem, date: dt.date, **fields) -> Meeting:
    """Schedule the meeting an item plans, with the item's topic as its first question, and
    link the item to it. The item is not done yet: it is once the meeting has taken place
    and its minutes are signed.

    The meeting must fall within the plan's school year (a meeting of another year
    would carry another year's number).
    """
    plan = item.plan
    if plan.is_service:
        raise ValidationError(_("The methodical service holds no meetings of its own."))
    _require(
        user,
        "meetings.add_meeting",
        plan.association,
        _("Only the head of the association or the methodist schedules its meetings."),
    )
    if item.meeting_id:
        raise ValidationError(_("A meeting has already been created from this item."))
    if item.status == ItemStatus.CANCELLED:
        raise ValidationError(_("The item is cancelled."))
    if date not in plan.year:
        raise ValidationError(
            {
                "date": _("The date is outside the school year %(year)s of the plan.")
                % {"year": plan.year}
            }
        )
    fields.setdefault("venue", item.venue)
    agenda = fields.pop("agenda", None) or [item.topic]
    if plan.association is None:  # the service's plan schedules no meetings
        raise ValidationError(_("The methodical service's plan schedules no meetings."))
    meeting = meeting_services.meeting_schedule(
        user=user, association=plan.association, date=date, agenda=agenda, **fields
    )
    item.meeting = meeting
    with_history_user(item, user).save(update_fields=["meeting"])
    return meeting


# --- Workflow ---------------------------------------------------------------------------


@transaction.atomic
def plan_adopt(*, user, plan: Plan, decision: AgendaItem) -> Plan:
    """Record that a meeting of the association adopted the plan by a decision (000 §9.1)."""
    _require(
        user,
        "plans.adopt_plan",
        plan,
        _("Only the head of the association or the methodist records the plan's adoption."),
    )
    if not plan.is_draft:
        raise ValidationError(
            _("The plan is already %(status)s.") % {"status": plan.get_status_display()}
        )
    meeting = decision.meeting
    if plan.is_service:
        # The service has no meetings: its plan goes before the methodical council.
        if (
            meeting.municipality_id != plan.municipality_id
            or meeting.association.kind != AssociationKind.COUNCIL
        ):
            raise ValidationError(
                {
                    "decision": _(
                        "The service's plan is adopted at a meeting of the methodical council."
                    )
                }
            )
    elif meeting.association_id != plan.association_id:
        raise ValidationError(
            {"decision": _("The plan is adopted at a meeting of its own association.")}
        )
    if meeting.date not in plan.year and meeting.date not in plan.year.previous:
        raise ValidationError(
            {
                "decision": _(
                    "The plan for %(year)s is adopted at a meeting of that school year "
                    "or of the one before it."
                )
                % {"year": plan.year}
            }
        )
    if not meeting.has_taken_place:
        raise ValidationError({"decision": _("The meeting has not taken place yet.")})
    if not decision.has_decision:
        raise ValidationError(
            {"decision": _("The question has no decision («решили») yet: record it first.")}
        )
    if not plan.items.exists():
        raise ValidationError(_("An empty plan cannot be adopted: add its items first."))
    plan.status = PlanStatus.ADOPTED
    plan.adoption_decision = decision
    plan.adopted_on = meeting.date
    return _save_transition(plan, user, ["adoption_decision", "adopted_on"])


def _review_perm(user, plan: Plan, message: str) -> None:
    _require(user, "plans.review_plan", plan, message)


@transaction.atomic
def plan_agree(*, user, plan: Plan) -> Plan:
    """The methodical service agrees the adopted plan (002 §3.2: «согласуется с заведующим МК»)."""
    _review_perm(user, plan, _("Only the methodist of the municipality agrees a plan."))
    if plan.status != PlanStatus.ADOPTED:
        raise ValidationError(
            _("Only a plan adopted at a meeting can be agreed; this plan is %(status)s.")
            % {"status": plan.get_status_display()}
        )
    plan.status = PlanStatus.AGREED
    plan.agreed_at = timezone.now()
    plan.agreed_by = user
    _save_transition(plan, user, ["agreed_at", "agreed_by"])
    notices.plan_agreed(plan)
    return plan


@transaction.atomic
def plan_approve(*, user, plan: Plan, order: Order | None = None) -> Plan:
    """The authority approves the plan, by an order where the regulation says so (004 §3.8)."""
    _review_perm(user, plan, _("Only the methodist of the municipality approves a plan."))
    if plan.status not in (PlanStatus.ADOPTED, PlanStatus.AGREED):
        raise ValidationError(
            _("Only an adopted or agreed plan can be approved; this plan is %(status)s.")
            % {"status": plan.get_status_display()}
        )
    if order is not None:
        if order.municipality_id != plan.municipality_id:
            raise ValidationError({"order": _("The order belongs to another municipality.")})
        if plan.adopted_on and order.date < plan.adopted_on:
            raise ValidationError(
                {"order": _("The order is dated before the meeting that adopted the plan.")}
            )
    plan.status = PlanStatus.APPROVED
    plan.approved_at = timezone.now()
    plan.approved_by = user
    plan.approval_order = order
    return _save_transition(plan, user, ["approved_at", "approved_by", "approval_order"])


@transaction.atomic
def plan_publish(*, user, plan: Plan) -> Plan:
    """Publish the plan on the authority's site (001 §1.3)."""
    _review_perm(user, plan, _("Only the methodist of the municipality publishes a plan."))
    if plan.status not in (PlanStatus.AGREED, PlanStatus.APPROVED):
        raise ValidationError(
            _("Only an agreed or approved plan can be published; this plan is %(status)s.")
            % {"status": plan.get_status_display()}
        )
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = timezone.now()
    plan.published_by = user
    return _save_transition(plan, user, ["published_at", "published_by"])


@transaction.atomic
def plan_return_to_draft(*, user, plan: Plan, reason: str) -> Plan:
    """The methodist sends the plan back for rework: adoption, agreement, approval and
    publication are undone (the history keeps them), and the reason is recorded."""
    _review_perm(user, plan, _("Only the methodist of the municipality returns a plan."))
    if plan.is_draft:
        raise ValidationError(_("The plan is already a draft."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the plan is returned.")})
    plan.status = PlanStatus.DRAFT
    fields = [
        "adoption_decision",
        "adopted_on",
        "agreed_at",
        "agreed_by",
        "approved_at",
        "approved_by",
        "approval_order",
        "published_at",
        "published_by",
    ]
    for name in fields:
        setattr(plan, name, None)
    _save_transition(plan, user, fields, reason=reason)
    notices.plan_returned(plan, reason)
    return plan
