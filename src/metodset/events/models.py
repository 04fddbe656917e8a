import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from metodset.core.files import EVENT_MATERIAL, download_name, private_file_field
from metodset.core.links import object_url
from metodset.core.models import MunicipalityOwned
from metodset.core.scoping import scoped_queryset


class EventLevel(models.TextChoices):
    SCHOOL = "school", _("school")
    MUNICIPAL = "municipal", _("municipal")
    REGIONAL = "regional", _("regional")
    FEDERAL = "federal", _("federal")


class EventForm(models.TextChoices):
    SEMINAR = "seminar", _("seminar")
    REMOTE_SEMINAR = "remote_seminar", _("remote seminar")
    ROUND_TABLE = "round_table", _("round table")
    MASTER_CLASS = "master_class", _("master class")
    AUTHOR_SEMINAR = "author_seminar", _("author seminar")
    OPEN_LESSON = "open_lesson", _("open lesson")
    CONSULTATION = "consultation", _("consultation")
    CONFERENCE = "conference", _("conference")
    COMPETITION = "competition", _("professional competition")
    STUDENT_OLYMPIAD = "olympiad", _("student olympiad")
    STUDENT_COMPETITION = "student_competition", _("student competition or festival")
    OTHER = "other", _("other")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CANCELLED = "cancelled", _("cancelled")


class Event(MunicipalityOwned):
    """A seminar, master class, open lesson, conference… run by an association or the service."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organised by the association"),
        help_text=_("Leave empty for an event of the methodical service itself."),
    )
    level = models.CharField(
        _("level"), max_length=16, choices=EventLevel.choices, default=EventLevel.MUNICIPAL
    )
    form = models.CharField(_("form"), max_length=20, choices=EventForm.choices)
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("target audience"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("venue"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    stage_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stages",
        verbose_name=_("stage of the competition"),
        help_text=_("For a municipal stage of a regional competition, the competition itself."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return object_url("events:detail", self.pk)

    @property
    def has_ended(self) -> bool:
        return self.ends_at < timezone.now()

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The event cannot end before it starts.")
        if self.venue_id and self.venue.municipality_id != self.municipality_id:
            errors["venue"] = _("The venue belongs to another municipality.")
        if self.association_id and self.association.municipality_id != self.municipality_id:
            errors["association"] = _("The association belongs to another municipality.")
        if self.stage_of_id and self.stage_of_id == self.pk:
            errors["stage_of"] = _("An event cannot be a stage of itself.")
        if self.form == EventForm.REMOTE_SEMINAR and not self.online_url:
            errors["online_url"] = _("A remote seminar needs its online link.")
        if errors:
            raise ValidationError(errors)


class ParticipationRole(models.TextChoices):
    PARTICIPANT = "participant", _("participant")
    SPEAKER = "speaker", _("speaker")
    MASTER = "master", _("master-class leader")
    JURY = "jury", _("jury member")
    ORGANISER = "organiser", _("organiser")


class ParticipationStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


def new_certificate_code() -> str:
    # 10 characters of an unambiguous alphabet: easy to type from a printed certificate.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class Participation(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("teacher"),
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=ParticipationRole.choices,
        default=ParticipationRole.PARTICIPANT,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.REGISTERED,
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    certificate_code = models.CharField(max_length=16, unique=True, null=True, blank=True)
    certificate_issued_on = models.DateField(_("certificate issued on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = scoped_queryset("event__municipality").as_manager()

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "teacher"],
                name="uniq_participation",
                violation_error_message=_("The teacher is already registered for this event."),
            )
        ]
        # The events list counts each event's registrations (an index-only scan, issue #19).
        indexes = [models.Index(fields=["event", "status"], name="events_part_event_status")]

    def __str__(self) -> str:
        return f"{self.teacher} — {self.event}"

    @property
    def status_label(self) -> str:
        """The status said of the teacher, in her or his gender: «зарегистрирована»."""
        if self.status == ParticipationStatus.REGISTERED:
            return self.teacher.by_gender(
                pgettext("masculine", "registered"), pgettext("feminine", "registered")
            )
        return self.get_status_display()

    @property
    def attended_label(self) -> str:
        return self.teacher.by_gender(
            pgettext("masculine", "attended"), pgettext("feminine", "attended")
        )

    @property
    def may_get_certificate(self) -> bool:
        return self.status == ParticipationStatus.REGISTERED and bool(self.attended)

    @property
    def certificate_date(self) -> dt.date | None:
        """The date printed on the certificate: its issue; for a code given before issue
        dates were kept, the last day of the event."""
        if not self.certificate_code:
            return None
        return self.certificate_issued_on or timezone.localtime(self.event.ends_at).date()


class AttendanceSummary(models.Model):
    """How many events of a school year a teacher attended, per organising association.

    Derived data for the indicators (the share of teachers who attended an event): reading
    the year's attended participations joined to their events costs a second on a
    municipality of 100,000 teachers, this table a few milliseconds. Kept exact by the
    services that mark attendance or move an event (`attendance_recount`), rebuilt by
    `attendance_rebuild` (the nightly indicators job, `manage.py attendance_rebuild`) for
    the bulk writes no service sees. An event without an association counts under
    association NULL.
    """

    teacher = models.ForeignKey(
        "people.Teacher", on_delete=models.CASCADE, related_name="+", verbose_name=_("teacher")
    )
    school_year = models.PositiveSmallIntegerField(_("school year"))
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association"),
    )
    attended = models.PositiveIntegerField(_("events attended"))

    class Meta:
        verbose_name = _("attendance summary")
        verbose_name_plural = _("attendance summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "school_year", "association"], name="uniq_attendance_summary"
            ),
            models.UniqueConstraint(
                fields=["teacher", "school_year"],
                condition=Q(association__isnull=True),
                name="uniq_attendance_summary_none",
            ),
        ]
        # The indicators read a year's attendees (of an association): index-only scans.
        indexes = [
            models.Index(
                fields=["school_year", "association", "teacher"], name="events_attendance_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.teacher_id} {self.school_year} {self.association_id}: {self.attended}"


class YearAttendance(models.Model):
    """How many events of a school year a teacher attended, whoever organised them: the
    attendance summary added up per teacher and year (one row a teacher, not one per
    association). The indicators of a municipality or a region read a year's attendees from
    it: 100,000 rows a year instead of about 380,000 on the benchmark's municipality, and
    hashing them is most of that indicator's cost. Kept and rebuilt with the summary, by
    the same functions (events/attendance.py).
    """

    teacher = models.ForeignKey(
        "people.Teacher", on_delete=models.CASCADE, related_name="+", verbose_name=_("teacher")
    )
    school_year = models.PositiveSmallIntegerField(_("school year"))
    attended = models.PositiveIntegerField(_("events attended"))

    class Meta:
        verbose_name = _("attendance in a school year")
        verbose_name_plural = _("attendance in school years")
        constraints = [
            models.UniqueConstraint(fields=["school_year", "teacher"], name="uniq_year_attendance"),
        ]

    def __str__(self) -> str:
        return f"{self.teacher_id} {self.school_year}: {self.attended}"


class Nomination(models.Model):
    """A nomination (номинация) of a competition; stages are separate events."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="nominations")
    name = models.CharField(_("nomination"), max_length=300)

    class Meta:
        ordering = ["name"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="uniq_nomination_name")
        ]

    def __str__(self) -> str:
        return self.name


class Outcome(models.TextChoices):
    WINNER = "winner", _("winner")
    PRIZE_WINNER = "prize_winner", _("prize-winner")
    PARTICIPANT = "participant", _("participant")


class CompetitionEntry(models.Model):
    """A teacher put forward in a nomination (by an association, 000 §6.8) and his result."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="entries")
    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        related_name="competition_entries",
        verbose_name=_("teacher"),
    )
    nominated_by = models.ForeignKey(
        "associations.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="competition_entries",
        verbose_name=_("put forward by"),
    )
    outcome = models.CharField(_("result"), max_length=16, choices=Outcome.choices, blank=True)
    history = HistoricalRecords()

    objects = scoped_queryset("nomination__event__municipality").as_manager()

    class Meta:
        ordering = ["nomination", "outcome", "pk"]
        verbose_name = _("competition entry")
        verbose_name_plural = _("competition entries")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "teacher"], name="uniq_competition_entry")
        ]

    def __str__(self) -> str:
        return f"{self.teacher} — {self.nomination}"


class StudentResult(models.Model):
    """Results of a student olympiad or competition by school and grade: counts, not children.

    Named winners are kept only where an award needs them, in `winners`, and only the
    organisers see them (data about children is minimised).
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="student_results")
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    grade = models.PositiveSmallIntegerField(_("grade"))
    participants = models.PositiveIntegerField(_("participants"))
    winners = models.PositiveIntegerField(_("winners"), default=0)
    prize_winners = models.PositiveIntegerField(_("prize-winners"), default=0)
    winner_names = models.TextField(
        _("named winners"), blank=True, help_text=_("Only if an award needs the names.")
    )

    objects = scoped_queryset("event__municipality").as_manager()

    class Meta:
        ordering = ["organisation__name", "grade"]
        verbose_name = _("student result")
        verbose_name_plural = _("student results")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation", "grade"], name="uniq_student_result"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}, {self.grade}"

    def clean(self):
        super().clean()
        if self.grade is not None and not 1 <= self.grade <= 11:
            raise ValidationError({"grade": _("The grade is from 1 to 11.")})
        if (self.winners or 0) + (self.prize_winners or 0) > (self.participants or 0):
            raise ValidationError(
                {"winners": _("Winners and prize-winners cannot outnumber the participants.")}
            )


class EventMaterial(models.Model):
    """A material of an event (a presentation, a method guide) for its participants."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=300)
    # Private, with no URL: events:material serves it to those who may see the event.
    file = private_file_field(EVENT_MATERIAL, _("file"))
    added_at = models.DateTimeField(auto_now_add=True)

    objects = scoped_queryset("event__municipality").as_manager()

    class Meta:
        ordering = ["added_at"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title

    def download_name(self) -> str:
        """The material's title with the extension of its file."""
        return download_name(self.title, self.file.name)
