import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from metodset.acts.models import Order
from metodset.associations.models import (
    Association,
    AssociationStatus,
    CompositionApproval,
    HeadAppointment,
    Membership,
)
from metodset.core.access import require_fields, require_perm
from metodset.core.extensions import collect
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user
from metodset.orgs.models import Organisation
from metodset.people.models import Teacher

# What a head may change in his association: how it describes itself. The rest (its kind,
# name, parent, school, dates and order) is the authority's, through the methodist.
HEAD_FIELDS = ("area", "teacher_category", "description")


@transaction.atomic
def association_create(*, user, municipality: Municipality, **fields) -> Association:
    """Create an association (by the authority's order), if the regulation in force allows
    it: every app's ASSOCIATION_CREATION_CHECKS (regulations: `min_teachers_for_creation`)
    may raise a ValidationError."""
    require_perm(user, "associations.add_association", municipality)
    for check in collect("ASSOCIATION_CREATION_CHECKS"):
        check(municipality=municipality, kind=fields.get("kind", ""), area=fields.get("area", ""))
    return model_create(Association, user=user, municipality=municipality, **fields)


@transaction.atomic
def association_update(*, user, association: Association, data: dict) -> Association:
    """Change an association's properties; an edit that changes nothing leaves no history.

    The methodist changes everything; the head only HEAD_FIELDS.
    """
    require_fields(
        user,
        data,
        perm="associations.change_association",
        obj=association,
        full_perm="associations.appoint_head",
        allowed=HEAD_FIELDS,
        message=_("The head changes only the area, the category and the description."),
    )
    association, _changed = model_update(association, user=user, data=data)
    return association


@transaction.atomic
def association_liquidate(
    *, user, association: Association, on: dt.date, order: Order | None
) -> Association:
    """Liquidate an association on a date: from that day it has no members and no head.

    Open memberships close on `on` and the head's term is terminated on it; the rows
    stay, so the association's history keeps who was in it and who led it.
    """
    require_perm(user, "associations.liquidate_association", association)
    if not association.is_active:
        raise ValidationError(_("The association is already liquidated."))
    if on < association.founded_on:
        raise ValidationError(
            {"on": _("An association cannot be liquidated before it was created.")}
        )
    if order is not None:
        if order.municipality_id != association.municipality_id:
            raise ValidationError({"order": _("The order belongs to another municipality.")})
        if order.date > on:
            raise ValidationError(
                {"on": _("The association cannot be liquidated before its order is signed.")}
            )
    for membership in association.memberships.filter(left_on__isnull=True):
        # A membership that was to start after the liquidation never takes effect.
        membership.left_on = max(on, membership.joined_on)
        with_history_user(membership, user).save(update_fields=["left_on"])
    unfinished = association.head_appointments.filter(terminated_on__isnull=True, ends_on__gte=on)
    for appointment in unfinished:
        # A term that was to start later is cancelled: terminated on its first day.
        appointment.terminated_on = max(on, appointment.starts_on)
        with_history_user(appointment, user).save(update_fields=["terminated_on"])
    association.status = AssociationStatus.LIQUIDATED
    association.liquidated_on = on
    association.liquidation_order = order
    association.full_clean()
    with_history_user(association, user).save(
        update_fields=["status", "liquidated_on", "liquidation_order", "updated_at"]
    )
    return association


@transaction.atomic
def member_add(
    *, user, association: Association, teacher: Teacher, joined_on: dt.date, note: str = ""
) -> Membership:
    """Add a teacher to an association from a date."""
    require_perm(user, "associations.manage_members", association)
    if not association.is_active:
        raise ValidationError(_("The association is liquidated."))
    return model_create(
        Membership,
        user=user,
        association=association,
        teacher=teacher,
        joined_on=joined_on,
        note=note,
    )


@transaction.atomic
def membership_end(*, user, membership: Membership, left_on: dt.date) -> Membership:
    """Close a membership; the row stays, so the association's history is kept."""
    require_perm(user, "associations.manage_members", membership.association)
    if membership.left_on is not None:
        raise ValidationError(_("The teacher has already left."))
    membership.left_on = left_on
    try:
        membership.full_clean()
    except ValidationError:
        membership.left_on = None  # the page shows the membership as it still is
        raise
    with_history_user(membership, user).save(update_fields=["left_on"])
    return membership


@transaction.atomic
def head_appoint(
    *,
    user,
    association: Association,
    teacher: Teacher,
    order: Order | None,
    starts_on: dt.date,
    ends_on: dt.date,
    minutes=None,
) -> HeadAppointment:
    """Appoint a head for a term; the previous head's term ends the day before.

    The new head becomes a member from the first day of his term if he is not one.
    """
    require_perm(user, "associations.appoint_head", association)
    if not association.is_active:
        raise ValidationError(_("The association is liquidated."))
    appointment = HeadAppointment(
        association=association,
        teacher=teacher,
        order=order,
        minutes=minutes,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    appointment.full_clean()
    later = (
        association.head_appointments.filter(starts_on__gt=starts_on)
        .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=F("starts_on")))
        .order_by("starts_on")
        .first()
    )
    if later is not None:
        raise ValidationError(
            {
                "starts_on": later.teacher.by_gender(
                    pgettext(
                        "masculine",
                        "%(name)s is already appointed head from %(date)s: "
                        "a term cannot start before a later one.",
                    ),
                    pgettext(
                        "feminine",
                        "%(name)s is already appointed head from %(date)s: "
                        "a term cannot start before a later one.",
                    ),
                )
                % {"name": later.teacher.full_name, "date": later.starts_on.strftime("%d.%m.%Y")}
            }
        )
    for previous in HeadAppointment.objects.on(starts_on).filter(association=association):
        # terminated_on is the first day without the term: the previous head's last day
        # is the day before the new head's first.
        previous.terminated_on = starts_on
        with_history_user(previous, user).save(update_fields=["terminated_on"])
    with_history_user(appointment, user).save()
    already = Membership.objects.filter(association=association, teacher=teacher).filter(
        Q(left_on__isnull=True) | Q(joined_on__lte=starts_on, left_on__gt=starts_on)
    )
    if not already.exists():
        member_add(user=user, association=association, teacher=teacher, joined_on=starts_on)
    return appointment


@transaction.atomic
def head_appointment_terminate(
    *, user, appointment: HeadAppointment, on: dt.date
) -> HeadAppointment:
    """End a head's term early: `on` is the first day he is no longer the head."""
    require_perm(user, "associations.appoint_head", appointment.association)
    if appointment.terminated_on is not None:
        raise ValidationError(_("The term has already been terminated."))
    if on <= appointment.starts_on:
        raise ValidationError({"on": _("The term cannot end before it starts.")})
    if on > appointment.ends_on:
        raise ValidationError({"on": _("The term ends on this date anyway.")})
    appointment.terminated_on = on
    try:
        appointment.full_clean()
    except ValidationError:
        appointment.terminated_on = None
        raise
    with_history_user(appointment, user).save(update_fields=["terminated_on"])
    return appointment


def _require_network(association: Association) -> None:
    if not association.is_network:
        raise ValidationError(_("Only a network group has these properties."))


@transaction.atomic
def network_update(
    *,
    user,
    association: Association,
    network_subtype: str,
    base_organisations: list[Organisation],
    partner_organisations: list[Organisation],
    task: str,
    planned_end: dt.date | None,
) -> Association:
    """Set what a network group is (004 §3.3.2): its structure, the schools it works on
    the base of and with, its task and planned end."""
    require_perm(user, "associations.change_network", association)
    _require_network(association)
    if not network_subtype:
        raise ValidationError({"network_subtype": _("Choose the network structure.")})
    if not base_organisations:
        raise ValidationError({"base_organisations": _("Name at least one base organisation.")})
    foreign = [
        o
        for o in (*base_organisations, *partner_organisations)
        if o.municipality_id != association.municipality_id
    ]
    if foreign:
        raise ValidationError(
            {"base_organisations": _("The organisation belongs to another municipality.")}
        )
    both = {o.pk for o in base_organisations} & {o.pk for o in partner_organisations}
    if both:
        raise ValidationError(
            {"partner_organisations": _("An organisation is either a base or a partner.")}
        )
    association, _changed = model_update(
        association,
        user=user,
        data={
            "network_subtype": network_subtype,
            "base_organisations": base_organisations,
            "partner_organisations": partner_organisations,
            "task": task.strip(),
            "planned_end": planned_end,
        },
    )
    return association


@transaction.atomic
def network_report(
    *, user, association: Association, result_report: str, result_file=None, today: dt.date
) -> Association:
    """Record what a network group achieved, once its work is over (liquidated or past
    its planned end); a new file replaces the previous one."""
    require_perm(user, "associations.report_network", association)
    _require_network(association)
    if not association.network_ended(today):
        raise ValidationError(
            _("The result report is written once the group's work ends (its planned end).")
        )
    if not result_report.strip():
        raise ValidationError({"result_report": _("Describe the results.")})
    data: dict = {"result_report": result_report.strip()}
    if result_file:
        data["result_file"] = result_file
    association, _changed = model_update(association, user=user, data=data)
    return association


@transaction.atomic
def composition_approve(
    *, user, association: Association, order: Order, on: dt.date
) -> CompositionApproval:
    """Record that `order` approved the council's composition: the members in force on
    `on` (the day it is recorded) and its chair are kept as the approved composition."""
    require_perm(user, "associations.approve_composition", association)
    if not association.is_active:
        raise ValidationError(_("The association is liquidated."))
    approval = CompositionApproval(association=association, order=order, recorded_by=user)
    chair = HeadAppointment.objects.on(on).filter(association=association).first()
    approval.chair = chair.teacher if chair else None
    approval.full_clean()
    with_history_user(approval, user).save()
    approval.members.set(
        Membership.objects.in_force(on)
        .filter(association=association)
        .values_list("teacher_id", flat=True)
    )
    return approval
