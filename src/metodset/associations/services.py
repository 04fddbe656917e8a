import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from metodset.acts.models import Order
from metodset.associations.models import (
    Association,
    AssociationStatus,
    HeadAppointment,
    Membership,
)
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user
from metodset.people.models import Teacher


@transaction.atomic
def association_create(*, user, municipality: Municipality, **fields) -> Association:
    """Create an association (by the authority's order)."""
    return model_create(Association, user=user, municipality=municipality, **fields)


@transaction.atomic
def association_update(*, user, association: Association, data: dict) -> Association:
    association, _changed = model_update(association, user=user, data=data)
    return association


@transaction.atomic
def association_liquidate(
    *, user, association: Association, on: dt.date, order: Order | None
) -> Association:
    """Liquidate an association: its memberships close and its head's term ends that day."""
    if not association.is_active:
        raise ValidationError(_("The association is already liquidated."))
    if on < association.founded_on:
        raise ValidationError(
            {"on": _("An association cannot be liquidated before it was created.")}
        )
    if order is not None and order.municipality_id != association.municipality_id:
        raise ValidationError({"order": _("The order belongs to another municipality.")})
    for membership in association.memberships.filter(left_on__isnull=True):
        membership.left_on = max(on, membership.joined_on)
        with_history_user(membership, user).save(update_fields=["left_on"])
    for appointment in HeadAppointment.objects.on(on).filter(association=association):
        appointment.terminated_on = max(on, appointment.starts_on + dt.timedelta(days=1))
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
    if membership.left_on is not None:
        raise ValidationError(_("The teacher has already left."))
    membership.left_on = left_on
    membership.full_clean()
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
) -> HeadAppointment:
    """Appoint a head for a term; the previous head's term ends the day before."""
    if not association.is_active:
        raise ValidationError(_("The association is liquidated."))
    appointment = HeadAppointment(
        association=association, teacher=teacher, order=order, starts_on=starts_on, ends_on=ends_on
    )
    appointment.full_clean()
    for previous in HeadAppointment.objects.on(starts_on).filter(association=association):
        previous.terminated_on = starts_on
        with_history_user(previous, user).save(update_fields=["terminated_on"])
    with_history_user(appointment, user).save()
    # The head is a member of his association.
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
    if on <= appointment.starts_on:
        raise ValidationError(_("The term cannot end before it starts."))
    appointment.terminated_on = on
    with_history_user(appointment, user).save(update_fields=["terminated_on"])
    return appointment
