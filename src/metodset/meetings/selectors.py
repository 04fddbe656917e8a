"""Reads about meetings: lists, the minutes page, the minutes document, compliance facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy

from metodset.associations.models import Association, AssociationKind, Membership
from metodset.core.dates import SchoolYear
from metodset.core.models import AbsenceReasons
from metodset.core.queries import subquery_count
from metodset.meetings.models import AgendaItem, Attendance, DecisionStatus, Guest, Meeting


def meeting_list(*, user, association: Association | None = None) -> QuerySet[Meeting]:
    """Meetings the user may see, with their question, decision and attendance counts."""
    meetings = Meeting.objects.for_user(user)
    if association is not None:
        meetings = meetings.filter(association=association)
    return meetings.select_related("association", "municipality", "venue", "chair").annotate(
        question_count=subquery_count(AgendaItem.objects.all(), "meeting"),
        undecided_count=subquery_count(AgendaItem.objects.filter(decision=""), "meeting"),
        present_count=subquery_count(Attendance.objects.filter(present=True), "meeting"),
        absent_count=subquery_count(Attendance.objects.filter(present=False), "meeting"),
    )


def members_on(meeting: Meeting) -> QuerySet[Membership]:
    """The members of the association on the meeting's date."""
    return (
        Membership.objects.in_force(meeting.date)
        .filter(association_id=meeting.association_id)
        .select_related("teacher", "teacher__organisation")
        .order_by("teacher__last_name", "teacher__first_name", "teacher__patronymic", "pk")
    )


VALID_REASON = gettext_lazy("for a valid reason")


def printed_reason(reason: str, mode: str, *, may_read: bool) -> str:
    """What the minutes print for a recorded reason of absence, as the municipality chose
    (`Municipality.absence_reasons_in_minutes`): the reason itself only if it chose so and
    the reader may read it, else «по уважительной причине», or nothing."""
    if not reason or mode == AbsenceReasons.OMITTED:
        return ""
    if mode == AbsenceReasons.STATED and may_read:
        return reason
    return str(VALID_REASON)


def sees_absence_reasons(viewer, meeting: Meeting) -> bool:
    """The chair, the secretary, whoever keeps the minutes and the methodists see every
    reason for absence (rule `meetings.view_absence_reasons`)."""
    return viewer is not None and viewer.has_perm("meetings.view_absence_reasons", meeting)


def may_read_reason(viewer, teacher, *, sees_all: bool) -> bool:
    """Those who see every reason, and the member himself his own."""
    return sees_all or (
        viewer is not None and teacher.user_id is not None and teacher.user_id == viewer.pk
    )


def reason_for(viewer, teacher, reason: str, *, sees_all: bool, mode: str) -> str | None:
    """The reason as `viewer` may read it on a page or in the API: the recorded one if he
    may read it, else what the minutes print for it (None: no reason recorded)."""
    if not reason:
        return None
    if may_read_reason(viewer, teacher, sees_all=sees_all):
        return reason
    return printed_reason(reason, mode, may_read=False)


@dataclass
class AttendanceLine:
    """A member on the meeting's date and what the attendance says about him (None: unmarked).

    `shown_reason` is the reason as the viewer may read it; `choice` and `typed_reason`
    hold what a refused submit asked for, so the form shows it again.
    """

    teacher: object
    row: Attendance | None
    shown_reason: str = ""
    choice: str | None = None
    typed_reason: str | None = None

    @property
    def present(self) -> bool | None:
        return None if self.row is None else self.row.present

    @property
    def absence_reason(self) -> str:
        return self.row.absence_reason if self.row else ""

    @property
    def form_choice(self) -> str:
        """«present», «absent» or «» (not marked): what the form starts with."""
        if self.choice is not None:
            return self.choice
        return {True: "present", False: "absent", None: ""}[self.present]

    @property
    def form_reason(self) -> str:
        return self.typed_reason if self.typed_reason is not None else self.absence_reason


@dataclass(frozen=True)
class AttendanceCount:
    present: int
    absent: int
    unmarked: int


def attendance_count(lines: Iterable[AttendanceLine]) -> AttendanceCount:
    marks = [line.present for line in lines]
    return AttendanceCount(
        present=marks.count(True), absent=marks.count(False), unmarked=marks.count(None)
    )


def attendance_planned(lines: Iterable[AttendanceLine]) -> AttendanceCount:
    """What the attendance form will save as it stands (as `services.attendance_record`
    reads it: a reason without a mark is an absence)."""
    present = absent = unmarked = 0
    for line in lines:
        if line.form_choice == "present":
            present += 1
        elif line.form_choice == "absent" or line.form_reason.strip():
            absent += 1
        else:
            unmarked += 1
    return AttendanceCount(present=present, absent=absent, unmarked=unmarked)


def attendance_sheet(meeting: Meeting, *, viewer=None) -> list[AttendanceLine]:
    """One line per member on the date, in alphabetical order (two queries), with each
    reason for absence as `viewer` may read it (no viewer: as the minutes print it)."""
    rows = {row.teacher_id: row for row in meeting.attendance.all()}
    sees_all = sees_absence_reasons(viewer, meeting)
    mode = meeting.municipality.absence_reasons_in_minutes
    lines = []
    for membership in members_on(meeting):
        row = rows.get(membership.teacher_id)
        reason = row.absence_reason if row else ""
        shown = reason_for(viewer, membership.teacher, reason, sees_all=sees_all, mode=mode)
        lines.append(AttendanceLine(membership.teacher, row, shown or ""))
    return lines


def agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(
        meeting.agenda.select_related("responsible")
        .prefetch_related("adopted_plans")
        .order_by("position", "pk")
    )


@dataclass
class Correction:
    when: dt.datetime
    who: object
    what: str
    action: str
    reason: str


def minutes_corrections(meeting: Meeting) -> list[Correction]:
    """Changes made to the minutes after sign-off, each with its reason, newest first."""
    if not meeting.is_signed:
        return []
    found: list[Correction] = []
    sources = [
        (Meeting.history.filter(id=meeting.pk), lambda r: str(Meeting._meta.verbose_name)),
        (
            AgendaItem.history.filter(meeting_id=meeting.pk),
            lambda r: f"{AgendaItem._meta.verbose_name} {r.position}",
        ),
        (
            Attendance.history.filter(meeting_id=meeting.pk).select_related("teacher"),
            lambda r: f"{Attendance._meta.verbose_name}: {r.teacher.short_name}",
        ),
        (
            Guest.history.filter(meeting_id=meeting.pk),
            lambda r: f"{Guest._meta.verbose_name}: {r.name}",
        ),
    ]
    for records, describe in sources:
        for record in records.filter(history_change_reason__isnull=False).select_related(
            "history_user"
        ):
            found.append(
                Correction(
                    when=record.history_date,
                    who=record.history_user,
                    what=describe(record),
                    action=record.history_type,
                    reason=record.history_change_reason,
                )
            )
    return sorted(found, key=lambda c: c.when, reverse=True)


def meetings_of_year(association: Association, year: SchoolYear) -> QuerySet[Meeting]:
    return Meeting.objects.filter(association=association, school_year=year.start_year).order_by(
        "number"
    )


# --- The minutes as a document -----------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A person as a document names him; the parts let a renderer decline the name."""

    last_name: str
    first_name: str
    patronymic: str
    gender: str
    position: str
    organisation: str

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def short_name(self) -> str:
        """«Иванова М.П.»"""
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip()

    @classmethod
    def of(cls, teacher) -> Person | None:
        return None if teacher is None else cls.known(teacher)

    @classmethod
    def known(cls, teacher) -> Person:
        return cls(
            last_name=teacher.last_name,
            first_name=teacher.first_name,
            patronymic=teacher.patronymic,
            gender=teacher.gender,
            position=teacher.position,
            organisation=str(teacher.organisation) if teacher.organisation_id else "",
        )


@dataclass(frozen=True)
class AbsentPerson:
    person: Person
    reason: str


@dataclass(frozen=True)
class GuestLine:
    name: str
    position: str


@dataclass(frozen=True)
class MinutesQuestion:
    number: int
    title: str
    speakers: str  # «Слушали»
    discussion: str  # «Выступили»
    decision: str  # «Решили»


@dataclass
class MinutesDocument:
    """Everything the minutes (протокол) of one meeting print, as plain values."""

    municipality: str
    region: str
    authority: str
    service: str
    association: str
    association_kind: str
    is_council: bool
    number: int
    school_year: str
    date: dt.date
    starts_at: dt.time | None
    place: str
    place_address: str
    place_note: str
    online_url: str
    chair: Person | None
    secretary: Person | None
    present: list[Person] = field(default_factory=list)
    absent: list[AbsentPerson] = field(default_factory=list)
    guests: list[GuestLine] = field(default_factory=list)
    agenda: list[MinutesQuestion] = field(default_factory=list)
    signed_at: dt.datetime | None = None
    signed_by: str = ""
    place_of_issue: str = ""  # the settlement where the authority sits: «с. Чоя»

    @property
    def member_count(self) -> int:
        return len(self.present) + len(self.absent)

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


def minutes_document_data(meeting: Meeting, *, viewer=None) -> MinutesDocument:
    """The minutes of `meeting` for a renderer, in four queries whatever their size.

    The meeting with its association, municipality, place, chair and secretary; the
    attendance with the teachers and their organisations; the guests; the agenda.
    Only members marked present or absent are counted. A reason for absence prints as
    the municipality chose (`printed_reason`), and as the reason itself only when it
    chose so and `viewer` may see it.
    """
    meeting = (
        Meeting.objects.select_related(
            "association",
            "municipality__region",
            "venue",
            "chair__organisation",
            "secretary__organisation",
            "signed_by",
        )
        .filter(pk=meeting.pk)
        .get()
    )
    rows = list(
        meeting.attendance.select_related("teacher__organisation").order_by(
            "teacher__last_name", "teacher__first_name", "teacher__patronymic"
        )
    )
    association = meeting.association
    municipality = meeting.municipality
    sees_all = sees_absence_reasons(viewer, meeting)
    return MinutesDocument(
        municipality=municipality.name,
        region=municipality.region.name,
        authority=municipality.authority_name,
        service=municipality.service_name,
        association=association.name,
        association_kind=association.get_kind_display(),
        is_council=association.kind == AssociationKind.COUNCIL,
        number=meeting.number,
        school_year=str(meeting.year),
        date=meeting.date,
        starts_at=meeting.starts_at,
        place=meeting.venue.name if meeting.venue else "",
        place_address=meeting.venue.address if meeting.venue else "",
        place_note=meeting.place_note,
        online_url=meeting.online_url,
        chair=Person.of(meeting.chair),
        secretary=Person.of(meeting.secretary),
        present=[Person.known(r.teacher) for r in rows if r.present],
        absent=[
            AbsentPerson(Person.known(r.teacher), _printed(r, meeting, viewer, sees_all))
            for r in rows
            if not r.present
        ],
        guests=[GuestLine(g.name, g.position) for g in meeting.guests.order_by("pk")],
        agenda=[
            MinutesQuestion(q.position, q.title, q.speakers, q.discussion, q.decision)
            for q in meeting.agenda.order_by("position", "pk")
        ],
        signed_at=meeting.signed_at,
        signed_by=meeting.signed_by.get_short_name() if meeting.signed_by else "",
        place_of_issue=municipality.place,
    )


def _printed(row: Attendance, meeting: Meeting, viewer, sees_all: bool) -> str:
    may_read = may_read_reason(viewer, row.teacher, sees_all=sees_all)
    return printed_reason(
        row.absence_reason, meeting.municipality.absence_reasons_in_minutes, may_read=may_read
    )


# --- Facts for the compliance check ------------------------------------------------------


def meeting_facts(
    association_ids: Iterable[int], year: SchoolYear, *, on: dt.date
) -> dict[int, dict[str, int]]:
    """Per association for a school year, in two queries, what the minutes rules read.

    `held`: meetings dated on or before `on` (a meeting still to come is not held yet);
    `signed`: those of them with signed minutes; `without_minutes`: held but unsigned;
    `questions_without_decision`: agenda questions of held meetings with no decision.
    Every id asked gets an entry, with zeros when there is nothing.
    """
    ids = list(association_ids)
    facts = {
        pk: {"held": 0, "signed": 0, "without_minutes": 0, "questions_without_decision": 0}
        for pk in ids
    }
    counts = (
        Meeting.objects.filter(association_id__in=ids, school_year=year.start_year, date__lte=on)
        .order_by()
        .values("association_id")
        .annotate(total=Count("pk"), signed=Count("pk", filter=Q(signed_at__isnull=False)))
    )
    for row in counts:
        entry = facts[row["association_id"]]
        entry["held"] = row["total"]
        entry["signed"] = row["signed"]
        entry["without_minutes"] = row["total"] - row["signed"]
    undecided = (
        AgendaItem.objects.filter(
            meeting__association_id__in=ids,
            meeting__school_year=year.start_year,
            meeting__date__lte=on,
            decision="",
        )
        .order_by()
        .values("meeting__association_id")
        .annotate(n=Count("pk"))
    )
    for counted in undecided:
        facts[counted["meeting__association_id"]]["questions_without_decision"] = counted["n"]
    return facts


def unsigned_minutes(*, user, on: dt.date) -> QuerySet[Meeting]:
    """Meetings already held whose minutes are not signed yet, oldest first."""
    return (
        Meeting.objects.for_user(user)
        .filter(date__lte=on, signed_at__isnull=True)
        .select_related("association")
        .order_by("date", "number")
    )


def upcoming_meetings(*, user, on: dt.date) -> QuerySet[Meeting]:
    return (
        Meeting.objects.for_user(user)
        .filter(date__gt=on)
        .select_related("association", "venue")
        .order_by("date", "starts_at", "number")
    )


# --- Decisions followed to completion ----------------------------------------------------


def decisions_to_control(meeting: Meeting) -> list[AgendaItem]:
    """«Контроль исполнения» at this meeting: the association's earlier decisions still being
    carried out, and those reported done since its previous meeting. One query."""
    previous = (
        Meeting.objects.filter(association_id=meeting.association_id, date__lt=meeting.date)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    done_since = Q(decision_status=DecisionStatus.DONE)
    if previous is not None:
        done_since &= Q(done_on__gte=previous)
    return list(
        AgendaItem.objects.filter(
            meeting__association_id=meeting.association_id, meeting__date__lt=meeting.date
        )
        .filter(Q(decision_status=DecisionStatus.OPEN) | done_since)
        .select_related("meeting", "responsible")
        # Those without a deadline last, on SQLite as on PostgreSQL.
        .order_by(F("due_on").asc(nulls_last=True), "meeting__date", "position")
    )


def open_decisions_for(*, user) -> QuerySet[AgendaItem]:
    """Decisions the user is responsible for that are still being carried out, soonest due
    first (his home page)."""
    teacher_id = getattr(user, "teacher_id", None)
    if teacher_id is None:
        return AgendaItem.objects.none()
    return (
        AgendaItem.objects.for_user(user)
        .open_decisions()
        .filter(responsible_id=teacher_id)
        .select_related("meeting__association")
        .order_by(F("due_on").asc(nulls_last=True), "meeting__date", "position")
    )


@dataclass(frozen=True)
class DecisionCounts:
    followed: int
    done: int
    overdue: int
    open: int


def decision_counts(association_ids: Iterable[int], year: SchoolYear, on: dt.date) -> dict:
    """Followed decisions of the meetings of the school year, per association: done, open
    (overdue among them as of `on`). One aggregate query."""
    rows = (
        AgendaItem.objects.followed()
        .filter(meeting__association_id__in=list(association_ids))
        .filter(meeting__school_year=year.start_year)
        .values("meeting__association_id")
        .annotate(
            followed=Count("pk"),
            done=Count("pk", filter=Q(decision_status=DecisionStatus.DONE)),
            open=Count("pk", filter=Q(decision_status=DecisionStatus.OPEN)),
            overdue=Count("pk", filter=Q(decision_status=DecisionStatus.OPEN, due_on__lt=on)),
        )
    )
    return {
        row["meeting__association_id"]: DecisionCounts(
            row["followed"], row["done"], row["overdue"], row["open"]
        )
        for row in rows
    }
