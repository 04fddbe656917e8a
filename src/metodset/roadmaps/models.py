"""The roadmap of the methodical service or of an association (001 §4.1.1, 004 §2.3): dated
measures with who answers for them, their level and status, linked to the events and plan
items that carry them out. The roadmap indicator counts the measures done of those due."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.models import MunicipalityOwned, check_one_per_school_year
from metodset.core.scoping import scoped_queryset


class Roadmap(MunicipalityOwned):
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association"),
        help_text=_("Empty for the roadmap of the methodical service itself."),
    )
    school_year = models.PositiveSmallIntegerField(
        _("school year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the school year starts in."),
    )
    title = models.CharField(_("title"), max_length=400)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year", "pk"]
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        check_one_per_school_year(self, _("There is already a roadmap for this school year."))


class Level(models.TextChoices):
    MUNICIPAL = "municipal", _("municipal")
    REGIONAL = "regional", _("regional")
    FEDERAL = "federal", _("federal")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    DONE = "done", _("done")
    NOT_DONE = "not_done", _("not done")
    CANCELLED = "cancelled", _("cancelled")


class RoadmapMeasure(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("measure"), max_length=600)
    level = models.CharField(
        _("level"), max_length=16, choices=Level.choices, default=Level.MUNICIPAL
    )
    responsible = models.CharField(_("responsible"), max_length=300)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    due_on = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    plan_item = models.ForeignKey(
        "plans.PlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan item"),
    )
    history = HistoricalRecords()

    objects = scoped_queryset("roadmap__municipality").as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("roadmap measure")
        verbose_name_plural = _("roadmap measures")
        indexes = [models.Index(fields=["due_on", "status"])]

    def __str__(self) -> str:
        return self.title[:80]

    @property
    def municipality_id(self) -> int:
        return self.roadmap.municipality_id

    def clean(self):
        super().clean()
        if self.status == MeasureStatus.DONE and not self.done_on:
            raise ValidationError({"done_on": _("Give the date the measure was done.")})
        if self.starts_on and self.due_on and self.starts_on > self.due_on:
            raise ValidationError({"due_on": _("The deadline is before the start.")})
        municipality = self.roadmap.municipality_id if self.roadmap_id else None
        if self.event_id and self.event.municipality_id != municipality:
            raise ValidationError({"event": _("The event is of another municipality.")})
        if self.plan_item_id and self.plan_item.plan.municipality_id != municipality:
            raise ValidationError({"plan_item": _("The plan item is of another municipality.")})
