"""The annual analysis of the work («Анализ работы за учебный год») and the external evaluation.

An analysis belongs to an association (the council is one) or to the municipality's
methodical service, for one school year. Its sections hold the year's numbers as a snapshot
taken from the records (each row with the link to its drill-down page) beside the head's own
conclusions and next year's tasks. The association adopts it by a decision of a held meeting
(as plans are adopted), the head submits it, and the methodist accepts it or returns it with
comments (000 §9.5, 002 §5, 003 §8, 004 §3.11). The external evaluation (000 §5.9) records
who evaluated the association in May–June and with what result.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from metodset.core.dates import SchoolYear
from metodset.core.models import MunicipalityOwned, actor_field
from metodset.core.scoping import ScopedQuerySet, scoped_queryset


class Owner(models.TextChoices):
    ASSOCIATION = "association", _("association or council")
    SERVICE = "service", _("methodical service")


class AnalysisStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("analysis", "draft")
    ADOPTED = "adopted", pgettext_lazy("analysis", "adopted at a meeting")
    SUBMITTED = "submitted", pgettext_lazy("analysis", "submitted")
    ACCEPTED = "accepted", pgettext_lazy("analysis", "accepted")
    RETURNED = "returned", pgettext_lazy("analysis", "returned for rework")


# The head changes the text only of these; the others wait for the methodist.
EDITABLE = {AnalysisStatus.DRAFT, AnalysisStatus.RETURNED}
# What the portfolio and the compliance check take as the year's analysis.
HANDED_IN = {AnalysisStatus.ADOPTED, AnalysisStatus.SUBMITTED, AnalysisStatus.ACCEPTED}


class AnalysisQuerySet(ScopedQuerySet):
    def of_year(self, year: SchoolYear):
        return self.filter(school_year=year.start_year)


class Analysis(MunicipalityOwned):
    owner = models.CharField(
        _("whose analysis"), max_length=16, choices=Owner.choices, default=Owner.ASSOCIATION
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="analyses",
        verbose_name=_("association"),
    )
    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The year the school year starts in.")
    )
    # The workflow fields are written by the services only.
    status = models.CharField(
        _("status"), max_length=16, choices=AnalysisStatus.choices, default=AnalysisStatus.DRAFT
    )
    generated_at = models.DateTimeField(_("numbers taken"), null=True, blank=True)
    adoption_decision = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_analyses",
        verbose_name=_("adopted by the decision"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = actor_field(_("submitted by"))
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = actor_field(_("reviewed by"))
    review_comment = models.TextField(_("comments of the methodist"), blank=True)
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    objects = AnalysisQuerySet.as_manager()

    class Meta:
        ordering = ["-school_year", "owner", "association__name"]
        verbose_name = _("annual analysis")
        verbose_name_plural = _("annual analyses")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(owner="association", association__isnull=False)
                    | Q(owner="service", association__isnull=True)
                ),
                name="analysis_owner_matches_association",
            ),
            models.UniqueConstraint(
                fields=["association", "school_year"],
                condition=Q(association__isnull=False),
                name="uniq_analysis_per_association_year",
                violation_error_message=_(
                    "The association already has an analysis for this school year."
                ),
            ),
            models.UniqueConstraint(
                fields=["municipality", "school_year"],
                condition=Q(owner="service"),
                name="uniq_service_analysis_per_year",
                violation_error_message=_(
                    "The methodical service already has an analysis for this school year."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Analysis of the work for %(year)s: %(owner)s")
            % {"year": self.year, "owner": self.owner_name}
        )

    def get_absolute_url(self) -> str:
        return reverse("analysis:detail", args=[self.pk])

    @property
    def year(self) -> SchoolYear:
        return SchoolYear(self.school_year)

    @property
    def is_service(self) -> bool:
        return self.owner == Owner.SERVICE

    @property
    def owner_name(self) -> str:
        if self.is_service:
            return self.municipality.service_name or str(_("methodical service"))
        return self.association.name

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    def clean(self):
        super().clean()
        errors = {}
        if self.school_year is not None and not 2000 <= self.school_year <= 2100:
            errors["school_year"] = _("Check the school year.")
        if self.owner == Owner.ASSOCIATION and not self.association_id:
            errors["association"] = _("Choose the association.")
        if self.owner == Owner.SERVICE:
            self.association = None
        if (
            self.association_id
            and self.municipality_id
            and self.association.municipality_id != self.municipality_id
        ):
            errors["association"] = _("The association belongs to another municipality.")
        if errors:
            raise ValidationError(errors)


class Section(models.Model):
    """One section of the analysis: the numbers of the year (a snapshot) and the head's text.

    `numbers` is a list of rows {label, value, previous, unit, target, url}; `lines` a list of
    short texts behind them (a cancelled item with its reason, a practice's title)."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="sections")
    code = models.SlugField(max_length=32)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("section"), max_length=200)
    numbers = models.JSONField(default=list, blank=True)
    lines = models.JSONField(default=list, blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    tasks = models.TextField(
        _("tasks for the next school year"), blank=True, help_text=_("One per line.")
    )
    history = HistoricalRecords()

    objects = scoped_queryset("analysis__municipality").as_manager()

    class Meta:
        ordering = ["position"]
        verbose_name = _("section of the analysis")
        verbose_name_plural = _("sections of the analysis")
        constraints = [
            models.UniqueConstraint(fields=["analysis", "code"], name="uniq_analysis_section")
        ]

    def __str__(self) -> str:
        return self.title


class EvaluationResult(models.TextChoices):
    EFFECTIVE = "effective", _("the work is effective")
    PARTLY = "partly", _("the work is partly effective")
    INEFFECTIVE = "ineffective", _("the work is ineffective")


class ExternalEvaluation(models.Model):
    """Who evaluated the association's work from outside (000 §5.9) and the result."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        related_name="external_evaluations",
        verbose_name=_("association"),
    )
    school_year = models.PositiveSmallIntegerField(_("school year"), editable=False)
    evaluated_on = models.DateField(_("date of the evaluation"))
    evaluator = models.CharField(
        _("evaluated by"),
        max_length=300,
        help_text=_("The expert, commission or organisation that evaluated the work."),
    )
    result = models.CharField(_("result"), max_length=16, choices=EvaluationResult.choices)
    summary = models.TextField(_("conclusion of the evaluation"), blank=True)
    recorded_by = actor_field(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    objects = scoped_queryset("association__municipality").as_manager()

    class Meta:
        ordering = ["-evaluated_on", "-pk"]
        verbose_name = _("external evaluation")
        verbose_name_plural = _("external evaluations")

    def __str__(self) -> str:
        return f"{self.evaluated_on:%d.%m.%Y} — {self.evaluator}"

    def save(self, *args, **kwargs):
        self.school_year = SchoolYear.of(self.evaluated_on).start_year
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "evaluated_on" in update_fields:
            kwargs["update_fields"] = {*update_fields, "school_year"}
        super().save(*args, **kwargs)

    @property
    def year(self) -> SchoolYear:
        return SchoolYear(self.school_year)

    def clean(self):
        super().clean()
        from django.utils import timezone

        if self.evaluated_on and self.evaluated_on > timezone.localdate():
            raise ValidationError({"evaluated_on": _("The date cannot be in the future.")})
        if (
            self.evaluated_on
            and self.association_id
            and self.evaluated_on < self.association.founded_on
        ):
            raise ValidationError(
                {"evaluated_on": _("The association did not exist yet on this date.")}
            )
