"""The order for professional development (заказ на повышение квалификации, 000 §6.4,
003 §4.4, 004 §2.3): a request per association and one per municipality for a school year,
its lines chosen by a person from the members' needs, their deficits by competence and the PD
that runs out under the three-year rule; the courses planned against it, their enrolment, and
how far each line is fulfilled."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.dates import SchoolYear
from metodset.core.models import MunicipalityOwned, check_one_per_school_year
from metodset.core.scoping import scoped_queryset


class PDRequest(MunicipalityOwned):
    """The request of an association, or the municipality's own (no association), for a year."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association"),
        help_text=_("Empty for the municipality's request."),
    )
    school_year = models.PositiveSmallIntegerField(
        _("school year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the school year starts in."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year", "association__name", "pk"]
        verbose_name = _("PD request")
        verbose_name_plural = _("PD requests")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "association", "school_year"],
                name="pd_request_once_per_association_and_year",
            ),
            models.UniqueConstraint(
                fields=["municipality", "school_year"],
                condition=Q(association__isnull=True),
                name="pd_request_once_per_municipality_and_year",
            ),
        ]

    def __str__(self) -> str:
        whose = self.association.name if self.association_id else self.municipality.name
        return _("PD request of %(whose)s for %(year)s") % {
            "whose": whose,
            "year": SchoolYear(self.school_year),
        }

    @property
    def year(self) -> SchoolYear:
        return SchoolYear(self.school_year)

    def get_absolute_url(self) -> str:
        return reverse("pdorders:request", args=[self.pk])

    def clean(self):
        super().clean()
        check_one_per_school_year(self, _("There is already a request for this school year."))


class Source(models.TextChoices):
    """Where a line of the request came from (shown to the person who chooses)."""

    NEED = "need", _("needs")
    DEFICIT = "deficit", _("deficits by competence")
    RENEWAL = "renewal", _("three-year PD renewal")
    ASSOCIATION = "association", _("associations' requests")
    MANUAL = "manual", _("added by hand")


class PDRequestLine(models.Model):
    request = models.ForeignKey(
        PDRequest, on_delete=models.CASCADE, related_name="lines", verbose_name=_("request")
    )
    topic = models.CharField(_("topic"), max_length=400)
    competence = models.ForeignKey(
        "growth.Competence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("competence"),
    )
    hours = models.PositiveIntegerField(_("hours"), validators=[MinValueValidator(1)])
    places = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    teachers = models.ManyToManyField(
        "people.Teacher",
        blank=True,
        related_name="+",
        verbose_name=_("teachers (where agreed)"),
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.MANUAL
    )
    note = models.CharField(_("note"), max_length=400, blank=True)
    history = HistoricalRecords()

    objects = scoped_queryset("request__municipality").as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("line of the PD request")
        verbose_name_plural = _("lines of the PD request")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="pd_line_hours_positive"),
            models.CheckConstraint(condition=Q(places__gt=0), name="pd_line_places_positive"),
        ]

    def __str__(self) -> str:
        return self.topic

    @property
    def municipality_id(self) -> int:
        return self.request.municipality_id

    @property
    def association_id(self) -> int | None:
        return self.request.association_id

    def clean(self):
        super().clean()
        if self.competence_id and self.competence.municipality_id != self.request.municipality_id:
            raise ValidationError({"competence": _("The competence is of another municipality.")})


class PlannedCourse(MunicipalityOwned):
    """A course the regional institute (or another provider) offers against the request."""

    title = models.CharField(_("programme"), max_length=400)
    provider = models.CharField(_("course provider"), max_length=300)
    hours = models.PositiveIntegerField(_("hours"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    places = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    line = models.ForeignKey(
        PDRequestLine,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("line of the request it answers"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "title", "pk"]
        verbose_name = _("planned course")
        verbose_name_plural = _("planned courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="planned_course_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("pdorders:course", args=[self.pk])

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A course cannot end before it starts.")})
        if self.line_id and self.line.request.municipality_id != self.municipality_id:
            raise ValidationError({"line": _("The request is of another municipality.")})


class Enrolment(models.Model):
    """A teacher enrolled on a planned course. Completion is not typed here: it is the
    teacher's PD record of that programme (growth.PDCourse)."""

    course = models.ForeignKey(
        PlannedCourse, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("course")
    )
    teacher = models.ForeignKey(
        "people.Teacher", on_delete=models.CASCADE, related_name="+", verbose_name=_("teacher")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = scoped_queryset("course__municipality").as_manager()

    class Meta:
        ordering = ["teacher__last_name", "teacher__first_name", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["course", "teacher"], name="enrolment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.teacher} — {self.course}"

    @property
    def municipality_id(self) -> int:
        return self.course.municipality_id

    def clean(self):
        super().clean()
        if self.teacher_id and self.teacher.municipality_id != self.course.municipality_id:
            raise ValidationError({"teacher": _("The teacher works in another municipality.")})
        others = Enrolment.objects.filter(course_id=self.course_id).exclude(pk=self.pk)
        if self.teacher_id and others.filter(teacher_id=self.teacher_id).exists():
            raise ValidationError({"teacher": _("The teacher is already enrolled.")})
        if self.course_id and others.count() >= self.course.places:
            raise ValidationError(_("All places of the course are taken."))
