"""Schools' results of assessment procedures, the municipality's risk criteria and the
support of the schools the risk list names (004 §1.4: help for schools with low and/or
biased results; 003, direction 1: the results of schools' work and visits to schools).

Everything a criterion or an observation form says is a row the municipality keeps
(RiskCriterion, ObservationCriterion), never a constant in the code.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.dates import SchoolYear
from metodset.core.models import MunicipalityOwned
from metodset.core.scoping import scoped_queryset

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


def school_year_field():
    return models.PositiveSmallIntegerField(
        _("school year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the school year starts in."),
    )


class Procedure(models.TextChoices):
    VPR = "vpr", "ВПР"
    OGE = "oge", "ОГЭ"
    EGE = "ege", "ЕГЭ"
    REGIONAL = "regional", _("regional diagnostics")


class Result(MunicipalityOwned):
    """A school's result in one procedure, subject and grade of a school year."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("school"),
    )
    subject = models.ForeignKey(
        "people.Subject", on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    grade = models.PositiveSmallIntegerField(
        _("grade"), validators=[MinValueValidator(1), MaxValueValidator(11)]
    )
    school_year = school_year_field()
    procedure = models.CharField(_("procedure"), max_length=16, choices=Procedure.choices)
    mean_score = models.DecimalField(
        _("mean score"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    fail_share = models.DecimalField(
        _("share of «2», %"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    top_share = models.DecimalField(
        _("share of top marks, %"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    participants = models.PositiveIntegerField(_("participants"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year", "organisation__name", "procedure", "subject__name", "grade"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "subject", "grade", "school_year", "procedure"],
                name="uniq_school_result",
            )
        ]
        indexes = [models.Index(fields=["municipality", "school_year"])]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_procedure_display()}, {self.school_year}"

    @property
    def year(self) -> SchoolYear:
        return SchoolYear(self.school_year)

    def clean(self):
        super().clean()
        shares = (self.fail_share, self.top_share)
        if None not in shares and sum(shares) > 100:  # type: ignore[arg-type]
            raise ValidationError(_("The shares of «2» and of top marks together exceed 100 %."))


class BiasFlag(MunicipalityOwned):
    """A school on the region's published list of schools with signs of biased results."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("school"),
    )
    school_year = school_year_field()
    procedure = models.CharField(_("procedure"), max_length=16, choices=Procedure.choices)
    subject = models.ForeignKey(
        "people.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject"),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("The region's list it comes from, e.g. a letter or order of the ministry."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year", "organisation__name"]
        verbose_name = _("sign of biased results")
        verbose_name_plural = _("signs of biased results")
        indexes = [models.Index(fields=["municipality", "school_year"])]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_procedure_display()}, {self.school_year}"


class CriterionKind(models.TextChoices):
    FAIL_SHARE = "fail_share", _("share of «2» above a threshold for several years in a row")
    BIASED = "biased", _("on the region's list of schools with biased results")
    DROP = "drop", _("mean score dropped against the previous year")
    LOW_TOP = "low_top", _("share of top marks below a threshold")


class RiskCriterion(MunicipalityOwned):
    """One of the municipality's own reasons to put a school on the risk list."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=CriterionKind.choices)
    procedure = models.CharField(
        _("procedure"),
        max_length=16,
        choices=Procedure.choices,
        blank=True,
        help_text=_("Empty: any procedure."),
    )
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Per cent for shares, points for a drop of the mean score."),
    )
    years = models.PositiveSmallIntegerField(
        _("years in a row"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("For how many school years up to the list's year the condition must hold."),
    )
    is_active = models.BooleanField(_("applied"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("risk criterion")
        verbose_name_plural = _("risk criteria")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.kind and self.kind != CriterionKind.BIASED and self.threshold is None:
            raise ValidationError({"threshold": _("This kind of criterion needs a threshold.")})
        share = self.kind in (CriterionKind.FAIL_SHARE, CriterionKind.LOW_TOP)
        if share and self.threshold and self.threshold > 100:
            raise ValidationError({"threshold": _("A share cannot exceed 100 %.")})


class SupportPlan(MunicipalityOwned):
    """The plan of support of one school for a school year."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("school"),
    )
    school_year = school_year_field()
    goal = models.TextField(_("goal"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year", "organisation__name"]
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "school_year"],
                name="uniq_support_plan",
                violation_error_message=_("The school already has a support plan for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}, {self.year}"

    @property
    def year(self) -> SchoolYear:
        return SchoolYear(self.school_year)

    def get_absolute_url(self) -> str:
        return reverse("schools:plan", args=[self.pk])

    def clean(self):
        super().clean()
        if (
            self.organisation_id
            and self.municipality_id
            and self.organisation.municipality_id != self.municipality_id
        ):
            raise ValidationError({"organisation": _("The school is of another municipality.")})


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    DONE = "done", _("done")
    NOT_DONE = "not_done", _("not done")


class SupportMeasure(models.Model):
    """A measure of a support plan with who answers for it and by when."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="measures")
    text = models.TextField(_("measure"))
    methodist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible methodist"),
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible association"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    mentoring = models.ForeignKey(
        "growth.Mentoring",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentoring pair"),
    )
    course = models.ForeignKey(
        "pdorders.PlannedCourse",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planned course"),
    )
    history = HistoricalRecords()

    objects = scoped_queryset("plan__municipality").as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("support measure")
        verbose_name_plural = _("support measures")

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return self.plan.get_absolute_url()

    @property
    def municipality_id(self) -> int:
        return self.plan.municipality_id

    def clean(self):
        super().clean()
        if not self.methodist_id and not self.association_id:
            raise ValidationError(_("Name the responsible methodist or association."))
        municipality = self.plan.municipality_id if self.plan_id else None
        if self.methodist_id and self.methodist.municipality_id != municipality:
            raise ValidationError({"methodist": _("The methodist is of another municipality.")})
        if self.association_id and self.association.municipality_id != municipality:
            raise ValidationError({"association": _("The association is of another municipality.")})
        if self.mentoring_id:
            pair = self.mentoring
            if pair.teacher.municipality_id != municipality:
                raise ValidationError(
                    {"mentoring": _("The mentoring pair is of another municipality.")}
                )
            school = self.plan.organisation_id
            if school not in (pair.teacher.organisation_id, pair.mentor.organisation_id):
                raise ValidationError(
                    {"mentoring": _("Neither the mentor nor the mentee works at the school.")}
                )
        if self.course_id and self.course.municipality_id != municipality:
            raise ValidationError({"course": _("The course is of another municipality.")})


class ObservationCriterion(MunicipalityOwned):
    """A line of the municipality's lesson observation form, scored from 0 to `max_score`."""

    name = models.CharField(_("criterion"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    is_active = models.BooleanField(_("in the form"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("observation criterion")
        verbose_name_plural = _("observation criteria")

    def __str__(self) -> str:
        return self.name


class Visit(MunicipalityOwned):
    """A visit of the methodical service to a school under a support plan."""

    plan = models.ForeignKey(
        SupportPlan, on_delete=models.PROTECT, related_name="visits", verbose_name=_("support plan")
    )
    date = models.DateField(_("date"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who visited"),
    )
    purpose = models.CharField(_("purpose"), max_length=400)
    findings = models.TextField(_("findings"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.plan.organisation}, {self.date:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("schools:visit", args=[self.pk])


class Observation(MunicipalityOwned):
    """A lesson observed during a visit, scored on the municipality's form."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="observations", verbose_name=_("visit")
    )
    teacher = models.ForeignKey(
        "people.Teacher", on_delete=models.PROTECT, related_name="+", verbose_name=_("teacher")
    )
    subject = models.ForeignKey(
        "people.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject"),
    )
    grade = models.PositiveSmallIntegerField(
        _("grade"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(11)]
    )
    topic = models.CharField(_("lesson topic"), max_length=400)
    recommendations = models.TextField(_("recommendations"), blank=True)
    acknowledged_on = models.DateField(
        _("the teacher acquainted on"),
        null=True,
        blank=True,
        help_text=_("The date the teacher signed that he has read the observation."),
    )
    # Set only when the teacher himself pressed «Ознакомлен(а)» in Metodset; a date without
    # it is the methodist's record of a signature on paper.
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acquainted online by"),
    )
    acknowledged_at = models.DateTimeField(_("acquainted online at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["visit", "pk"]
        verbose_name = _("lesson observation")
        verbose_name_plural = _("lesson observations")

    def __str__(self) -> str:
        return f"{self.teacher}: {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("schools:observation", args=[self.pk])

    @property
    def lesson(self) -> str:
        """«Математика, 7 класс: тема» of the parts that are filled in (subject and grade may
        be blank)."""
        parts = [str(self.subject) if self.subject_id else ""]
        if self.grade:
            parts.append(f"{self.grade} {gettext('grade')}")
        head = ", ".join(part for part in parts if part)
        return f"{head}: {self.topic}" if head else self.topic

    @property
    def acknowledged_online(self) -> bool:
        """The teacher acquainted himself in Metodset (else on paper, or not yet)."""
        return self.acknowledged_by_id is not None

    def clean(self):
        super().clean()
        if self.acknowledged_by_id and not (self.acknowledged_on and self.acknowledged_at):
            raise ValidationError(
                {"acknowledged_on": _("An online acquaintance keeps its date and time.")}
            )
        if self.acknowledged_on and self.visit_id and self.acknowledged_on < self.visit.date:
            raise ValidationError(
                {"acknowledged_on": _("The teacher cannot be acquainted before the lesson.")}
            )
        if (
            self.teacher_id
            and self.municipality_id
            and self.teacher.municipality_id != self.municipality_id
        ):
            raise ValidationError({"teacher": _("The teacher is of another municipality.")})


class Score(models.Model):
    """The score of an observed lesson on one criterion of the form."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ObservationCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.CharField(_("comment"), max_length=400, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["observation", "criterion"], name="uniq_score")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"

    def clean(self):
        super().clean()
        if self.criterion_id and self.score is not None and self.score > self.criterion.max_score:
            raise ValidationError(
                {
                    "score": _("The score exceeds the maximum of %(max)s.")
                    % {"max": self.criterion.max_score}
                }
            )
