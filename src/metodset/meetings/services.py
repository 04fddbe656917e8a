"""Every write about meetings and minutes.

Numbering: a meeting takes the next number of its association's school year when it
is scheduled (1, 2, 3…, restarting on 1 September). The number never changes while
the meeting lives, except that deleting an unsigned meeting closes the gap by moving
the later unsigned meetings down one; a deletion that would renumber signed minutes
is refused, so a signed protocol's number is stable and the year has no gaps.

Corrections: before sign-off the minutes are a draft and change freely. After it,
every change of the meeting, its attendance, guests or questions needs a reason,
stored with the change in the history (`history_change_reason`).
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.core.dates import SchoolYear
from metodset.core.services import model_update, with_history_user
from metodset.meetings.models import AgendaItem, Attachment, Attendance, Guest, Meeting
from metodset.orgs.models import Organisation
from metodset.people.models import Teacher


def _with_reason(instance, user, reason: str):
    with_history_user(instance, user)
    instance._change_reason = reason or None
    return instance


def _correction_reason(meeting: Meeting, reason: str) -> str:
    """No reason is needed for a draft; signed minutes change only with one."""
    reason = (reason or "").strip()
    if meeting.is_signed and not reason:
        raise ValidationError({"reason": _("The minutes are signed: say why you correct them.")})
    return reason if meeting.is_signed else ""


def _refuse_if_signed(meeting: Meeting, message: str) -> None:
    if meeting.is_signed:
        raise ValidationError(message)


def default_chair(association: Association, on: dt.date) -> Teacher | None:
    """The head in office on the date chairs the meeting (000 §9.2)."""
    appointment = (
        HeadAppointment.objects.on(on)
        .filter(association=association)
        .select_related("teacher")
        .order_by("-starts_on")
        .first()
    )
    return appointment.teacher if appointment else None


def member_ids_on(meeting: Meeting) -> set[int]:
    return set(
        Membership.objects.on(meeting.date)
        .filter(association_id=meeting.association_id)
        .values_list("teacher_id", flat=True)
    )


@transaction.atomic
def meeting_schedule(
    *,
    user,
    association: Association,
    date: dt.date,
    starts_at: dt.time | None = None,
    venue: Organisation | None = None,
    place_note: str = "",
    online_url: str = "",
    chair: Teacher | None = None,
    secretary: Teacher | None = None,
    agenda: Sequence[str] = (),
) -> Meeting:
    """Schedule a meeting with the next number of its school year; the head chairs it."""
    # The association's row is the lock: two heads saving at once cannot take one number.
    Association.objects.select_for_update().filter(pk=association.pk).first()
    year = SchoolYear.of(date)
    last = Meeting.objects.filter(association=association, school_year=year.start_year).aggregate(
        last=Max("number")
    )["last"]
    meeting = Meeting(
        municipality_id=association.municipality_id,
        association=association,
        school_year=year.start_year,
        number=(last or 0) + 1,
        date=date,
        starts_at=starts_at,
        venue=venue,
        place_note=place_note,
        online_url=online_url,
        chair=chair if chair is not None else default_chair(association, date),
        secretary=secretary,
    )
    meeting.full_clean()
    with_history_user(meeting, user).save()
    for title in agenda:
        if title.strip():
            agenda_item_add(user=user, meeting=meeting, title=title.strip())
    return meeting


@transaction.atomic
def meeting_update(*, user, meeting: Meeting, data: dict, reason: str = "") -> Meeting:
    """Change the date, place, chair or secretary; signed minutes need a reason."""
    reason = _correction_reason(meeting, reason)
    old_date = meeting.date
    _with_reason(meeting, user, reason)
    meeting, changed = model_update(meeting, user=user, data=data)
    if changed and meeting.date != old_date:
        for item in meeting.plan_items.select_related("plan"):
            if meeting.date not in item.plan.year:
                raise ValidationError(
                    {
                        "date": _(
                            "The meeting carries out an item of the plan for %(year)s: "
                            "its date must stay within that school year."
                        )
                        % {"year": item.plan.year}
                    }
                )
        # Members on the new date only: a row of someone who was not a member then goes.
        members = member_ids_on(meeting)
        for row in meeting.attendance.exclude(teacher_id__in=members):
            _with_reason(row, user, reason).delete()
    return meeting


@transaction.atomic
def meeting_delete(*, user, meeting: Meeting) -> None:
    """Delete an unsigned meeting; the later unsigned meetings of its year move up one number."""
    if meeting.is_signed:
        raise ValidationError(_("Signed minutes cannot be deleted."))
    Association.objects.select_for_update().filter(pk=meeting.association_id).first()
    later = list(
        Meeting.objects.filter(
            association_id=meeting.association_id,
            school_year=meeting.school_year,
            number__gt=meeting.number,
        ).order_by("number")
    )
    signed_later = [m.number for m in later if m.is_signed]
    if signed_later:
        raise ValidationError(
            _(
                "Meeting No. %(number)s cannot be deleted: the signed minutes No. %(later)s "
                "follow it and their number must not change."
            )
            % {"number": meeting.number, "later": signed_later[0]}
        )
    if AgendaItem.objects.filter(meeting=meeting, adopted_plans__isnull=False).exists():
        raise ValidationError(
            _("A work plan was adopted at this meeting: the meeting cannot be deleted.")
        )
    from metodset.plans.models import ItemStatus

    for item in meeting.plan_items.all():
        # The plan item is no longer carried out by a meeting.
        item.status = ItemStatus.PLANNED
        item.meeting = None
        with_history_user(item, user).save(update_fields=["status", "meeting"])
    with_history_user(meeting, user).delete()
    for following in later:
        following.number -= 1
        with_history_user(following, user).save(update_fields=["number", "updated_at"])


@transaction.atomic
def attendance_record(
    *,
    user,
    meeting: Meeting,
    marks: Mapping[int, tuple[bool, str]],
    reason: str = "",
) -> list[Attendance]:
    """Record who of the members on the meeting's date was present, and why others were not.

    `marks` maps a teacher id to (present, reason for absence). Only members on the
    date can be marked: someone who had left, or joined later, was not a member then.
    """
    reason = _correction_reason(meeting, reason)
    members = member_ids_on(meeting)
    strangers = set(marks) - members
    if strangers:
        names = ", ".join(
            t.full_name for t in Teacher.objects.filter(pk__in=strangers).order_by("last_name")
        ) or ", ".join(str(pk) for pk in sorted(strangers))
        raise ValidationError(
            _("Not members of the association on %(date)s: %(names)s.")
            % {"date": meeting.date.strftime("%d.%m.%Y"), "names": names}
        )
    existing = {row.teacher_id: row for row in meeting.attendance.all()}
    rows, new = [], []
    for teacher_id, (present, absence_reason) in marks.items():
        absence_reason = "" if present else (absence_reason or "").strip()
        row = existing.get(teacher_id)
        if row is None:
            row = Attendance(
                meeting=meeting,
                teacher_id=teacher_id,
                present=present,
                absence_reason=absence_reason,
            )
            new.append(row)
        elif row.present == present and row.absence_reason == absence_reason:
            rows.append(row)
            continue
        else:
            row.present, row.absence_reason = present, absence_reason
        # One row per member is guaranteed by `existing` (and the database constraint):
        # no query per row to check it.
        row.full_clean(validate_constraints=False)
        if row.pk:
            _with_reason(row, user, reason).save()
        rows.append(row)
    if new:
        # One INSERT for the new rows and one for their history, however many members.
        bulk_create_with_history(
            new,
            Attendance,
            default_user=user if getattr(user, "is_authenticated", False) else None,
            default_change_reason=reason or None,
        )
    return rows


@transaction.atomic
def guest_add(*, user, meeting: Meeting, name: str, position: str = "", reason: str = "") -> Guest:
    """Invite a guest who is not a member (a methodist, a lecturer)."""
    reason = _correction_reason(meeting, reason)
    guest = Guest(meeting=meeting, name=name.strip(), position=position.strip())
    guest.full_clean()
    _with_reason(guest, user, reason).save()
    return guest


@transaction.atomic
def guest_remove(*, user, guest: Guest, reason: str = "") -> None:
    reason = _correction_reason(guest.meeting, reason)
    _with_reason(guest, user, reason).delete()


@transaction.atomic
def agenda_item_add(
    *,
    user,
    meeting: Meeting,
    title: str,
    speakers: str = "",
    discussion: str = "",
    decision: str = "",
) -> AgendaItem:
    """Add a question at the end of the agenda."""
    _refuse_if_signed(meeting, _("The minutes are signed: questions can be corrected, not added."))
    last = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        title=title,
        speakers=speakers,
        discussion=discussion,
        decision=decision,
    )
    item.full_clean()
    with_history_user(item, user).save()
    return item


@transaction.atomic
def agenda_item_update(*, user, item: AgendaItem, data: dict, reason: str = "") -> AgendaItem:
    """Change a question, what was heard and said, the decision; signed minutes need a reason."""
    reason = _correction_reason(item.meeting, reason)
    _with_reason(item, user, reason)
    item, _changed = model_update(item, user=user, data=data)
    return item


@transaction.atomic
def agenda_item_move(*, user, item: AgendaItem, up: bool) -> AgendaItem:
    """Swap a question with its neighbour above (up) or below."""
    _refuse_if_signed(
        item.meeting, _("The minutes are signed: the order of questions cannot change.")
    )
    siblings = item.meeting.agenda.select_for_update()
    neighbour = (
        siblings.filter(position__lt=item.position).order_by("-position").first()
        if up
        else siblings.filter(position__gt=item.position).order_by("position").first()
    )
    if neighbour is None:
        return item
    item.position, neighbour.position = neighbour.position, item.position
    with_history_user(item, user).save(update_fields=["position"])
    with_history_user(neighbour, user).save(update_fields=["position"])
    return item


@transaction.atomic
def agenda_item_delete(*, user, item: AgendaItem) -> None:
    """Remove a question; the following ones move up."""
    meeting = item.meeting
    _refuse_if_signed(meeting, _("The minutes are signed: questions cannot be removed."))
    if item.adopted_plans.exists():
        raise ValidationError(
            _("A work plan was adopted by this decision: the question cannot be removed.")
        )
    position = item.position
    with_history_user(item, user).delete()
    for following in meeting.agenda.filter(position__gt=position).order_by("position"):
        following.position -= 1
        with_history_user(following, user).save(update_fields=["position"])


@transaction.atomic
def attachment_add(*, user, meeting: Meeting, title: str, file) -> Attachment:
    """Attach a file (checked for its type and size) to the minutes."""
    attachment = Attachment(
        meeting=meeting,
        title=title.strip(),
        file=file,
        original_name=PurePath(file.name).name[:255],
        uploaded_by=user,
    )
    attachment.full_clean()
    with_history_user(attachment, user).save()
    return attachment


@transaction.atomic
def attachment_delete(*, user, attachment: Attachment) -> None:
    _refuse_if_signed(
        attachment.meeting, _("The minutes are signed: their attachments cannot be removed.")
    )
    file = attachment.file
    with_history_user(attachment, user).delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: file.delete(save=False))


def minutes_problems(meeting: Meeting) -> list[str]:
    """What still keeps the minutes from being signed, in words; empty when they can be."""
    problems = []
    if meeting.date > timezone.localdate():
        problems.append(_("The meeting has not taken place yet."))
    if meeting.chair_id is None:
        problems.append(_("Name the chair of the meeting."))
    questions = list(meeting.agenda.order_by("position"))
    if not questions:
        problems.append(_("The agenda has no questions."))
    undecided = [str(q.position) for q in questions if not q.has_decision]
    if undecided:
        problems.append(
            ngettext(
                "Question %(numbers)s has no decision («решили»).",
                "Questions %(numbers)s have no decision («решили»).",
                len(undecided),
            )
            % {"numbers": ", ".join(undecided)}
        )
    rows = {row.teacher_id: row for row in meeting.attendance.all()}
    if not rows:
        problems.append(_("The attendance has not been taken."))
    else:
        unmarked = member_ids_on(meeting) - set(rows)
        if unmarked:
            names = ", ".join(
                t.short_name
                for t in Teacher.objects.filter(pk__in=unmarked).order_by("last_name", "first_name")
            )
            problems.append(_("Mark the attendance of: %(names)s") % {"names": names})
        if not any(row.present for row in rows.values()):
            problems.append(_("Nobody is marked present."))
    return problems


@transaction.atomic
def minutes_sign(*, user, meeting: Meeting) -> Meeting:
    """Sign the minutes off: every question decided, the attendance taken, the meeting held."""
    stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if stored.is_signed:
        raise ValidationError(_("The minutes are already signed."))
    problems = minutes_problems(stored)
    if problems:
        raise ValidationError(problems)
    meeting.signed_at = timezone.now()
    meeting.signed_by = user
    with_history_user(meeting, user).save(update_fields=["signed_at", "signed_by", "updated_at"])
    return meeting
