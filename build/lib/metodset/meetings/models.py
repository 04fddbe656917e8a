"""Meetings of an association and their minutes (протоколы заседаний).

A meeting is numbered by date within its school year (protocol No. 1, 2, 3… restarting
on 1 September); signed minutes keep the number printed on them. Its attendance is taken
from the members on the date, every agenda question gets «слушали», «выступили» and
«решили», and the head signs the minutes off.
After sign-off the minutes stay correctable, but every correction needs a reason and
lands in the change history (000 §9.2: minutes kept for every meeting).
"""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.dates import SchoolYear
from metodset.core.files import MEETING_ATTACHMENT, private_file_field
from metodset.core.models import MunicipalityOwned, actor_field
from metodset.core.scoping import ScopedQuerySet, scoped_queryset


def minutes_history() -> HistoricalRecords:
    # Corrections after sign-off carry their reason: a text, not simple-history's 100 chars.
    return HistoricalRecords(history_change_reason_field=models.TextField(null=True))


class MeetingQuerySet(ScopedQuerySet):
    def of_year(self, year: SchoolYear):
        return self.filter(school_year=year.start_year)

    def signed(self):
        return self.filter(signed_at__isnull=False)


class Meeting(MunicipalityOwned):
    """A meeting (заседание) of an association or of the methodical council."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("association"),
    )
    # Fixed when the meeting is scheduled: its number belongs to this school year.
    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The year the school year starts in.")
    )
    # Assigned by the services (by date: numbering.py), never by a form.
    number = models.PositiveSmallIntegerField(_("number"))
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    venue = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("place"),
    )
    place_note = models.CharField(
        _("room or address"), max_length=300, blank=True, help_text=_("E.g. room 12.")
    )
    online_url = models.URLField(_("online link"), blank=True)
    chair = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair"),
    )
    secretary = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("secretary"),
    )
    signed_at = models.DateTimeField(_("minutes signed"), null=True, blank=True)
    signed_by = actor_field(_("signed by"))
    history = minutes_history()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "school_year", "number"],
                name="uniq_meeting_number_per_year",
                violation_error_message=_(
                    "A meeting with this number already exists in this school year."
                ),
            )
        ]

    def __str__(self) -> str:
        return str(
            _("Meeting No. %(number)s of %(date)s")
            % {"number": self.number, "date": self.date.strftime("%d.%m.%Y")}
        )

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def year(self) -> SchoolYear:
        return SchoolYear(self.school_year)

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def has_taken_place(self) -> bool:
        return self.date <= timezone.localdate()

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.school_year and self.date not in self.year:
            errors["date"] = _(
                "The meeting is numbered in the school year %(year)s: its date cannot leave it. "
                "Delete the meeting and schedule a new one in the other school year."
            ) % {"year": self.year}
        if self.association_id:
            association = self.association
            if self.municipality_id and association.municipality_id != self.municipality_id:
                errors["association"] = _("The association belongs to another municipality.")
            if self.date and self.date < association.founded_on:
                errors["date"] = _("The association did not exist yet on this date.")
            if self.date and association.liquidated_on and self.date >= association.liquidated_on:
                errors["date"] = _("The association was liquidated before this date.")
        if self.venue_id and self.venue.municipality_id != self.municipality_id:
            errors["venue"] = _("The organisation belongs to another municipality.")
        for name in ("chair", "secretary"):
            teacher = getattr(self, name) if getattr(self, f"{name}_id") else None
            if teacher is not None and teacher.municipality_id != self.municipality_id:
                errors[name] = _("The teacher works in another municipality.")
        if self.chair_id and self.chair_id == self.secretary_id:
            errors["secretary"] = _("The chair and the secretary are two different people.")
        if errors:
            raise ValidationError(errors)


class Attendance(models.Model):
    """Whether a member on the meeting's date was present, and if not, why.

    A row exists only for a member the head marked: no row is «not marked», never a default.
    The reason may be health data: see meetings.selectors.reason_for for who reads it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        related_name="meeting_attendance",
        verbose_name=_("teacher"),
    )
    present = models.BooleanField(_("present"))
    absence_reason = models.CharField(_("reason for absence"), max_length=300, blank=True)
    history = minutes_history()

    objects = scoped_queryset("meeting__municipality").as_manager()

    class Meta:
        ordering = ["teacher__last_name", "teacher__first_name", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "teacher"], name="uniq_meeting_attendance_teacher"
            )
        ]

    def __str__(self) -> str:
        return f"{self.teacher} — {self.meeting}"

    def clean(self):
        super().clean()
        if self.present and self.absence_reason:
            raise ValidationError(
                {"absence_reason": _("A reason for absence is for an absent member only.")}
            )


class Guest(models.Model):
    """An invited person who is not a member: a methodist, a lecturer, a school principal."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("surname, name, patronymic"), max_length=200)
    position = models.CharField(
        _("position and organisation"),
        max_length=300,
        blank=True,
        help_text=_("E.g. methodist of the district methodical office."),
    )
    history = minutes_history()

    objects = scoped_queryset("meeting__municipality").as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("invited guest")
        verbose_name_plural = _("invited guests")

    def __str__(self) -> str:
        return f"{self.name}, {self.position}" if self.position else self.name


class DecisionStatus(models.TextChoices):
    """Where a followed decision stands; blank on the question means it is not followed."""

    OPEN = "open", _("being carried out")
    DONE = "done", _("carried out")
    CANCELLED = "cancelled", _("taken off control")


class AgendaItemQuerySet(ScopedQuerySet):
    municipality_path = "meeting__municipality"

    def followed(self):
        return self.exclude(decision_status="")

    def open_decisions(self):
        return self.filter(decision_status=DecisionStatus.OPEN)

    def overdue(self, on):
        return self.open_decisions().filter(due_on__lt=on)


class AgendaItem(models.Model):
    """A question of the agenda with what the minutes record about it.

    Its decision may be followed to completion: a responsible member, a deadline and a
    status (open decisions come back at the next meeting as «контроль исполнения»)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("number in the agenda"))
    title = models.TextField(_("question"))
    speakers = models.TextField(
        _("heard"),
        blank=True,
        help_text=_("«Слушали»: who reported on the question and what about."),
    )
    discussion = models.TextField(
        _("spoke"), blank=True, help_text=_("«Выступили»: who spoke in the discussion.")
    )
    decision = models.TextField(
        _("decided"),
        blank=True,
        help_text=_("«Решили»: the decision, of a recommendatory character."),
    )
    responsible = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions_responsible",
        verbose_name=_("responsible person"),
    )
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    decision_status = models.CharField(
        _("execution"),
        max_length=16,
        choices=DecisionStatus.choices,
        blank=True,
        help_text=_("Empty: the decision is not followed."),
    )
    done_on = models.DateField(_("carried out on"), null=True, blank=True)
    history = minutes_history()

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda question")
        verbose_name_plural = _("agenda questions")

    def __str__(self) -> str:
        title = self.title if len(self.title) <= 80 else f"{self.title[:79]}…"
        return f"{self.position}. {title}"

    @property
    def has_decision(self) -> bool:
        return bool(self.decision.strip())

    @property
    def is_followed(self) -> bool:
        return bool(self.decision_status)

    @property
    def is_overdue(self) -> bool:
        return (
            self.decision_status == DecisionStatus.OPEN
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.decision_status and not self.has_decision:
            errors["decision_status"] = _("Record the decision before following it.")
        if self.decision_status and not self.responsible_id:
            errors["responsible"] = _("Name the member responsible for the decision.")
        if not self.decision_status and (self.responsible_id or self.due_on):
            errors["decision_status"] = _(
                "Choose the status of the decision: a responsible person or a deadline "
                "means it is followed."
            )
        if (
            self.responsible_id
            and self.meeting_id
            and self.responsible.municipality_id != self.meeting.municipality_id
        ):
            errors["responsible"] = _("The teacher works in another municipality.")
        if self.due_on and self.meeting_id and self.due_on < self.meeting.date:
            errors["due_on"] = _("The deadline cannot come before the meeting.")
        if errors:
            raise ValidationError(errors)


class Attachment(models.Model):
    """A file attached to the minutes: a presentation, a list of participants, a draft."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=300)
    # Private, with no URL: meetings:attachment serves it after a scope check.
    file = private_file_field(MEETING_ATTACHMENT, _("file"))
    original_name = models.CharField(max_length=255, editable=False, blank=True)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = minutes_history()

    objects = scoped_queryset("meeting__municipality").as_manager()

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        """The name the file had on the uploader's computer (the stored name is random)."""
        return self.original_name or PurePath(self.file.name).name
