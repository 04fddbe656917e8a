"""Every write about meetings and minutes.

Numbering: the meetings of an association's school year are numbered by date (1, 2, 3…,
restarting on 1 September; `numbering.numbers_by_date`). Signed minutes keep the number
printed on them; the unsigned meetings are renumbered in date order whenever a meeting is
scheduled, moved or deleted. A deletion that would leave a gap before signed minutes is
refused, so the year never has one.

Attendance records only what the head chose: each member is marked present, absent
(a reason for absence implies it) or not at all, and only once the meeting has taken place.

Corrections: before sign-off the minutes are a draft and change freely. After it,
every change of the meeting, its attendance, guests or questions needs a reason,
stored with the change in the history (`history_change_reason`).
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.core.access import require_perm
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.core.notifications import notify
from metodset.core.services import model_update, with_history_user
from metodset.meetings import notices
from metodset.meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    DecisionStatus,
    Guest,
    Meeting,
)
from metodset.meetings.numbering import numbers_by_date, stranded
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
        Membership.objects.in_force(meeting.date)
        .filter(association_id=meeting.association_id)
        .values_list("teacher_id", flat=True)
    )


# Numbers are moved out of the way above every real one before they take their new value:
# the unique (association, school year, number) constraint holds at every statement.
RENUMBER_OFFSET = 10000


def _year_meetings(association_id: int, school_year: int) -> list[Meeting]:
    return list(
        Meeting.objects.filter(association_id=association_id, school_year=school_year).order_by(
            "number"
        )
    )


def _renumber(meetings: list[Meeting], numbers: list[int], *, user) -> None:
    """Give the saved ones of `meetings` their `numbers`, each change kept in the history."""
    changed = [
        (meeting, number)
        for meeting, number in zip(meetings, numbers, strict=True)
        if meeting.pk is not None and meeting.number != number
    ]
    if not changed:
        return
    Meeting.objects.filter(pk__in=[m.pk for m, _n in changed]).update(
        number=F("number") + RENUMBER_OFFSET
    )
    for meeting, number in changed:
        meeting.number = number
        with_history_user(meeting, user).save(update_fields=["number", "updated_at"])


def _lock(association_id: int) -> None:
    # The association's row is the lock: two heads saving at once cannot take one number.
    Association.objects.select_for_update().filter(pk=association_id).first()


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
    """Schedule a meeting; it takes its place by date among the year's numbers (signed
    minutes keep theirs, later unsigned meetings move one on); the head chairs it."""
    require_perm(user, "meetings.add_meeting", association)
    _lock(association.pk)
    year = SchoolYear.of(date)
    meeting = Meeting(
        municipality_id=association.municipality_id,
        association=association,
        school_year=year.start_year,
        number=1,
        date=date,
        starts_at=starts_at,
        venue=venue,
        place_note=place_note,
        online_url=online_url,
        chair=chair if chair is not None else default_chair(association, date),
        secretary=secretary,
    )
    others = _year_meetings(association.pk, year.start_year)
    numbers = numbers_by_date([*others, meeting])
    _renumber(others, numbers[:-1], user=user)
    meeting.number = numbers[-1]
    meeting.full_clean()
    with_history_user(meeting, user).save()
    for title in agenda:
        if title.strip():
            agenda_item_add(user=user, meeting=meeting, title=title.strip())
    return meeting


@transaction.atomic
def meeting_update(*, user, meeting: Meeting, data: dict, reason: str = "") -> Meeting:
    """Change the date, place, chair or secretary; signed minutes need a reason.

    A new date or time renumbers the year's unsigned meetings by date."""
    require_perm(user, "meetings.change_meeting", meeting)
    reason = _correction_reason(meeting, reason)
    _lock(meeting.association_id)
    # The stored values: a ModelForm has already copied the new ones onto the instance.
    old_when = Meeting.objects.values_list("date", "starts_at").get(pk=meeting.pk)
    _with_reason(meeting, user, reason)
    meeting, changed = model_update(meeting, user=user, data=data)
    if changed and (meeting.date, meeting.starts_at) != old_when:
        year = [
            meeting if m.pk == meeting.pk else m
            for m in _year_meetings(meeting.association_id, meeting.school_year)
        ]
        _renumber(year, numbers_by_date(year), user=user)
    if changed and meeting.date != old_when[0]:
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
    """Delete an unsigned meeting; the year's unsigned meetings are renumbered by date."""
    require_perm(user, "meetings.delete_meeting", meeting)
    if meeting.is_signed:
        raise ValidationError(_("Signed minutes cannot be deleted."))
    _lock(meeting.association_id)
    rest = [
        m for m in _year_meetings(meeting.association_id, meeting.school_year) if m.pk != meeting.pk
    ]
    left_alone = stranded(rest)
    if left_alone:
        raise ValidationError(
            _(
                "Meeting No. %(number)s cannot be deleted: the signed minutes No. %(later)s "
                "follow it and their number must not change."
            )
            % {"number": meeting.number, "later": left_alone[0]}
        )
    if AgendaItem.objects.filter(meeting=meeting, adopted_plans__isnull=False).exists():
        raise ValidationError(
            _("A work plan was adopted at this meeting: the meeting cannot be deleted.")
        )
    from metodset.plans.models import ItemStatus

    for item in meeting.plan_items.all():
        # The plan item is no longer carried out by a meeting (and was not done by it).
        if item.status == ItemStatus.DONE:
            item.status = ItemStatus.PLANNED
        item.meeting = None
        with_history_user(item, user).save(update_fields=["status", "meeting"])
    with_history_user(meeting, user).delete()
    _renumber(rest, numbers_by_date(rest), user=user)


def _names(teacher_ids) -> str:
    return ", ".join(
        t.full_name
        for t in Teacher.objects.filter(pk__in=teacher_ids).order_by("last_name", "first_name")
    ) or ", ".join(str(pk) for pk in sorted(teacher_ids))


@transaction.atomic
def attendance_record(
    *,
    user,
    meeting: Meeting,
    marks: Mapping[int, tuple[bool | None, str]],
    reason: str = "",
) -> list[Attendance]:
    """Record who of the members on the meeting's date was present, and why others were not.

    `marks` maps a teacher id to (present, reason for absence): True present, False
    absent, None not marked (an earlier mark is taken back). A reason for absence makes an
    unmarked member absent; a member marked present with a reason is refused, since the
    two contradict each other and only the head can say which is true. Members left out
    of `marks` keep what they have. Only members on the date can be marked, and only once
    the meeting has taken place. Returns the rows of the members marked.
    """
    require_perm(user, "meetings.change_meeting", meeting)
    reason = _correction_reason(meeting, reason)
    if not meeting.has_taken_place:
        raise ValidationError(
            _("The meeting has not taken place yet: attendance is marked on its day or later.")
        )
    members = member_ids_on(meeting)
    strangers = set(marks) - members
    if strangers:
        raise ValidationError(
            _("Not members of the association on %(date)s: %(names)s.")
            % {"date": meeting.date.strftime("%d.%m.%Y"), "names": _names(strangers)}
        )
    wanted: dict[int, tuple[bool | None, str]] = {}
    contradictions = []
    for teacher_id, (present, absence_reason) in marks.items():
        absence_reason = (absence_reason or "").strip()
        if absence_reason and present:
            contradictions.append(teacher_id)
        elif absence_reason:
            present = False  # a reason for absence says the member was absent
        wanted[teacher_id] = (present, absence_reason if present is False else "")
    if contradictions:
        raise ValidationError(
            _(
                "Marked present but with a reason for absence: %(names)s. "
                "Mark them absent or clear the reason."
            )
            % {"names": _names(contradictions)}
        )
    existing = {row.teacher_id: row for row in meeting.attendance.all()}
    taken_back = [
        tid for tid, (present, _r) in wanted.items() if present is None and tid in existing
    ]
    if taken_back and meeting.is_signed:
        raise ValidationError(
            _("The minutes are signed: every member stays marked present or absent.")
        )
    rows, new = [], []
    for teacher_id, (present, absence_reason) in wanted.items():
        row = existing.get(teacher_id)
        if present is None:
            if row is not None:
                _with_reason(row, user, reason).delete()
            continue
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
    notices.minutes_ready(meeting)
    return rows


@transaction.atomic
def guest_add(*, user, meeting: Meeting, name: str, position: str = "", reason: str = "") -> Guest:
    """Invite a guest who is not a member (a methodist, a lecturer)."""
    require_perm(user, "meetings.change_meeting", meeting)
    reason = _correction_reason(meeting, reason)
    guest = Guest(meeting=meeting, name=name.strip(), position=position.strip())
    guest.full_clean()
    _with_reason(guest, user, reason).save()
    return guest


@transaction.atomic
def guest_remove(*, user, guest: Guest, reason: str = "") -> None:
    require_perm(user, "meetings.change_meeting", guest.meeting)
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
    require_perm(user, "meetings.change_meeting", meeting)
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
    require_perm(user, "meetings.change_meeting", item.meeting)
    reason = _correction_reason(item.meeting, reason)
    _with_reason(item, user, reason)
    item, _changed = model_update(item, user=user, data=data)
    notices.minutes_ready(item.meeting)
    return item


@transaction.atomic
def agenda_item_move(*, user, item: AgendaItem, up: bool) -> AgendaItem:
    """Swap a question with its neighbour above (up) or below."""
    require_perm(user, "meetings.change_meeting", item.meeting)
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
    require_perm(user, "meetings.change_meeting", item.meeting)
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
    require_perm(user, "meetings.change_meeting", meeting)
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
    require_perm(user, "meetings.change_meeting", attachment.meeting)
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
    """Sign the minutes off: every question decided, the attendance taken, the meeting held
    (a meeting still to come is refused, whoever asks: the page, the API).

    The plan items the meeting carries out are done from now on: held and minuted."""
    require_perm(user, "meetings.sign_minutes", meeting)
    from metodset.plans.services import plan_items_done_by_minutes  # plans builds on meetings

    stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if stored.is_signed:
        raise ValidationError(_("The minutes are already signed."))
    problems = minutes_problems(stored)
    if problems:
        raise ValidationError(problems)
    meeting.signed_at = timezone.now()
    meeting.signed_by = user
    with_history_user(meeting, user).save(update_fields=["signed_at", "signed_by", "updated_at"])
    plan_items_done_by_minutes(user=user, meeting=meeting)
    return meeting


@transaction.atomic
def minutes_settings_update(*, user, municipality: Municipality, data: dict) -> Municipality:
    """What the municipality's minutes print for a reason of absence (the history keeps who
    chose what and when)."""
    require_perm(user, "meetings.configure_minutes", municipality)
    municipality, _changed = model_update(municipality, user=user, data=data)
    return municipality


# --- Decisions followed to completion ----------------------------------------------------


@transaction.atomic
def decision_follow(
    *,
    user,
    item: AgendaItem,
    responsible: Teacher | None,
    due_on: dt.date | None,
    status: str,
) -> AgendaItem:
    """Name who carries the decision out, by when, and where it stands (blank status: not
    followed). Execution is not the minutes' text: signed minutes need no reason for it.
    The responsible member is told once he is named."""
    require_perm(user, "meetings.follow_decision", item)
    if status and status not in DecisionStatus.values:
        raise ValidationError({"decision_status": _("Unknown status of the decision.")})
    previous = item.responsible_id
    item.responsible = responsible
    item.due_on = due_on
    if status == DecisionStatus.DONE and item.decision_status != DecisionStatus.DONE:
        item.done_on = timezone.localdate()
    elif status != DecisionStatus.DONE:
        item.done_on = None
    item.decision_status = status
    item.full_clean()
    with_history_user(item, user).save(
        update_fields=["responsible", "due_on", "decision_status", "done_on"]
    )
    if responsible is not None and responsible.pk != previous and responsible.user_id:
        _tell_responsible(item, responsible)
    return item


def _tell_responsible(item: AgendaItem, responsible: Teacher) -> None:
    meeting = item.meeting
    due = _(" by %(date)s") % {"date": item.due_on.strftime("%d.%m.%Y")} if item.due_on else ""
    notify(
        user=responsible.user,
        text=_("You are responsible for a decision of %(meeting)s (%(association)s)%(due)s.")
        % {"meeting": meeting, "association": meeting.association, "due": due},
        url=meeting.get_absolute_url() + f"#question-{item.pk}",
        key=f"meetings.decision.{item.pk}.{responsible.pk}",
        kind="decision_assigned",
    )


@transaction.atomic
def decision_report(*, user, item: AgendaItem, done: bool = True) -> AgendaItem:
    """The responsible member (or whoever keeps the minutes) reports the decision carried
    out, or takes the report back."""
    require_perm(user, "meetings.report_decision", item)
    if item.decision_status not in (DecisionStatus.OPEN, DecisionStatus.DONE):
        raise ValidationError(_("This decision is not followed."))
    item.decision_status = DecisionStatus.DONE if done else DecisionStatus.OPEN
    item.done_on = timezone.localdate() if done else None
    with_history_user(item, user).save(update_fields=["decision_status", "done_on"])
    return item
