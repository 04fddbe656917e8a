from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from metodset.associations.models import Membership
from metodset.core.access import require_perm
from metodset.core.services import model_create, model_update, with_history_user
from metodset.events import notices
from metodset.events.attendance import attendance_recount
from metodset.events.models import (
    CompetitionEntry,
    Event,
    EventMaterial,
    EventStatus,
    Nomination,
    Outcome,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    StudentResult,
    new_certificate_code,
)


@transaction.atomic
def event_create(*, user, municipality, **fields) -> Event:
    """Announce an event of an association or of the methodical service."""
    require_perm(user, "events.add_event", municipality)
    return model_create(Event, user=user, municipality=municipality, **fields)


@transaction.atomic
def event_update(*, user, event: Event, data: dict) -> Event:
    require_perm(user, "events.change_event", event)
    # A move to another school year or association recounts its attendees (attendance.py).
    event, _changed = model_update(event, user=user, data=data)
    return event


@transaction.atomic
def event_cancel(*, user, event: Event) -> Event:
    require_perm(user, "events.change_event", event)
    event.status = EventStatus.CANCELLED
    with_history_user(event, user).save(update_fields=["status", "updated_at"])
    return event


def _indicators_changed() -> None:
    # A bulk update sends no post_save: tell the indicator cache explicitly.
    from metodset.indicators.compute import bump_version

    transaction.on_commit(bump_version)


def _locked(event: Event) -> Event:
    # One registration at a time per event: the row lock serialises them on PostgreSQL;
    # SQLite takes its write lock at BEGIN (transaction_mode IMMEDIATE), which does the same.
    return Event.objects.select_for_update().get(pk=event.pk)


def _seats_taken(event: Event) -> int:
    return event.participations.filter(status=ParticipationStatus.REGISTERED).count()


@transaction.atomic
def participation_register(
    *, user, event: Event, teacher, role: str = ParticipationRole.PARTICIPANT
) -> Participation:
    """Register a teacher; past the capacity he goes on the waiting list, never over it."""
    own = user is not None and getattr(user, "teacher_id", None) == teacher.pk
    require_perm(user, "events.register_self" if own else "events.manage_participants", event)
    event = _locked(event)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("The event is cancelled."))
    if event.has_ended:
        raise ValidationError(_("The event has already ended; registration is closed."))
    if teacher.municipality_id != event.municipality_id:
        raise ValidationError(_("The teacher works in another municipality."))
    full = event.capacity is not None and _seats_taken(event) >= event.capacity
    status = ParticipationStatus.WAITLISTED if full else ParticipationStatus.REGISTERED
    participation = Participation.objects.filter(event=event, teacher=teacher).first()
    if participation and participation.status != ParticipationStatus.CANCELLED:
        raise ValidationError(_("The teacher is already registered for this event."))
    if participation is None:
        participation = Participation(event=event, teacher=teacher)
    participation.role, participation.status, participation.registered_by = role, status, user
    participation.registered_at = timezone.now()
    with_history_user(participation, user).save()
    return participation


@transaction.atomic
def participation_cancel(*, user, participation: Participation) -> Participation:
    """Cancel a registration; the first on the waiting list takes the freed seat."""
    require_perm(user, "events.change_participation", participation)
    event = _locked(participation.event)
    was_registered = participation.status == ParticipationStatus.REGISTERED
    participation.status = ParticipationStatus.CANCELLED
    with_history_user(participation, user).save(update_fields=["status"])
    if was_registered and not event.has_ended:
        first = (
            event.participations.filter(status=ParticipationStatus.WAITLISTED)
            .order_by("registered_at", "pk")
            .first()
        )
        if first and (event.capacity is None or _seats_taken(event) < event.capacity):
            first.status = ParticipationStatus.REGISTERED
            with_history_user(first, user).save(update_fields=["status"])
            notices.seat_given(first)
    return participation


@transaction.atomic
def attendance_mark(
    *, user, event: Event, present_ids: set[int], shown_ids: set[int] | None = None
) -> int:
    """Mark who came among the registered participants. Returns how many came.

    `shown_ids`: the participations the form showed (one page of a long list); the others
    keep their marks. None marks all registered participants at once."""
    require_perm(user, "events.manage_participants", event)
    if event.starts_at > timezone.now():
        raise ValidationError(_("Attendance is marked once the event has started."))
    registered = event.participations.filter(status=ParticipationStatus.REGISTERED)
    if shown_ids is not None:
        registered = registered.filter(pk__in=shown_ids)
    participations = list(registered)
    changed = []
    for participation in participations:
        attended = participation.pk in present_ids
        if participation.attended != attended:
            participation.attended = attended
            changed.append(participation)
    if changed:
        bulk_update_with_history(changed, Participation, ["attended"], default_user=user)
        attendance_recount(p.teacher_id for p in changed)  # a bulk update sends no signal
        _indicators_changed()
    return sum(1 for p in participations if p.pk in present_ids)


@transaction.atomic
def certificate_issue(*, user, participation: Participation) -> Participation:
    """Give an attended participation its certificate code (once)."""
    require_perm(user, "events.change_participation", participation)
    if not participation.may_get_certificate:
        raise ValidationError(_("A certificate is issued to those who attended."))
    if not participation.certificate_code:
        participation.certificate_code = new_certificate_code()
        participation.certificate_issued_on = timezone.localdate()
        participation.save(update_fields=["certificate_code", "certificate_issued_on"])
    return participation


@transaction.atomic
def nomination_add(*, user, event: Event, name: str) -> Nomination:
    require_perm(user, "events.manage_participants", event)
    return model_create(Nomination, user=user, event=event, name=name.strip())


@transaction.atomic
def entry_add(*, user, nomination, teacher, nominated_by=None) -> CompetitionEntry:
    """Put a teacher forward in a nomination (by his association, or by the service).

    The organisers enter anyone; the head of an association (000 §6.8) enters members of
    his association in its name, while the competition is open."""
    event = nomination.event
    if user is not None and not user.has_perm("events.manage_participants", event):
        require_perm(user, "events.enter_competition", event)
        if nominated_by is None or nominated_by.pk not in user.headed_association_ids:
            raise PermissionDenied(
                _("A head puts forward members of his own association, in its name.")
            )
        if not (
            Membership.objects.current().filter(association=nominated_by, teacher=teacher).exists()
        ):
            raise ValidationError(_("The teacher is not a member of the association."))
    if teacher.municipality_id != nomination.event.municipality_id:
        raise ValidationError(_("The teacher works in another municipality."))
    return model_create(
        CompetitionEntry,
        user=user,
        nomination=nomination,
        teacher=teacher,
        nominated_by=nominated_by,
    )


@transaction.atomic
def results_set(*, user, event: Event, outcomes: dict[int, str]) -> int:
    """Record the results of all entries of a competition in one go."""
    require_perm(user, "events.manage_participants", event)
    valid = {choice for choice, _label in Outcome.choices} | {""}
    entries = list(CompetitionEntry.objects.filter(nomination__event=event, pk__in=outcomes))
    changed = []
    for entry in entries:
        outcome = outcomes[entry.pk]
        if outcome not in valid:
            raise ValidationError(_("Unknown result: %(value)s.") % {"value": outcome})
        if entry.outcome != outcome:
            entry.outcome = outcome
            changed.append(entry)
    if changed:
        bulk_update_with_history(changed, CompetitionEntry, ["outcome"], default_user=user)
    return len(changed)


@transaction.atomic
def student_result_save(*, user, result) -> StudentResult:
    require_perm(user, "events.manage_participants", result.event)
    result.full_clean()
    result.save()
    return result


@transaction.atomic
def material_add(*, user, event: Event, title: str, file) -> EventMaterial:
    require_perm(user, "events.manage_participants", event)
    material = EventMaterial(event=event, title=title.strip(), file=file)
    material.full_clean()
    material.save()
    return material
