"""Annual work plans (план работы на учебный год) of associations and the methodical council.

The head composes the plan (000 §9.1), the association adopts it at a meeting (000 §9.1),
the methodical service agrees it (002 §3.2) or the authority approves it (004 §3.8), and
it is published on the authority's site (001 §1.3). Which of these steps a municipality
requires is its regulation's business (regulations app, rule `annual_plan`); the plan
records which steps were taken, by whom and when.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from metodset.core.dates import SchoolYear
from metodset.core.models import MunicipalityOwned, actor_field
from metodset.core.scoping import ScopedQuerySet, scoped_queryset

# Months in the order of a school year: September first.
SCHOOL_MONTHS = [*range(9, 13), *range(1, 9)]
MONTH_CHOICES = [(month, MONTHS[month]) for month in SCHOOL_MONTHS]


def month_start(year: SchoolYear, month: int) -> dt.date:
    """The first day of `month` within the school year `year`."""
    return dt.date(year.start_year if month >= 9 else year.start_year + 1, month, 1)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted at a meeting")
    AGREED = "agreed", _("agreed")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")


class PlanOwner(models.TextChoices):
    """Whose plan: an association (the methodical council is one) or the municipality's
    methodical service itself (004 §4.1: «план работы ММС», approved by an order)."""

    ASSOCIATION = "association", _("association or council")
    SERVICE = "service", _("methodical service")


class PlanQuerySet(ScopedQuerySet):
    def of_year(self, year: SchoolYear):
        return self.filter(school_year=year.start_year)

    def published(self):
        """What the public portal shows (001 §1.3)."""
        return self.filter(status=PlanStatus.PUBLISHED)


class Plan(MunicipalityOwned):
    """The work plan of one association (or the council), or of the municipality's
    methodical service, for one school year."""

    owner = models.CharField(
        _("whose plan"), max_length=16, choices=PlanOwner.choices, default=PlanOwner.ASSOCIATION
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("association"),
        help_text=_("Empty for the plan of the methodical service itself."),
    )
    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The year the school year starts in.")
    )
    theme = models.CharField(_("methodical theme"), max_length=600)
    goal = models.TextField(_("goal"), blank=True)
    priorities = models.TextField(
        _("priority directions"), blank=True, help_text=_("One per line.")
    )
    tasks = models.TextField(_("tasks"), blank=True, help_text=_("One per line."))
    # The workflow fields are written by the services only (the forms name their fields, the
    # admin shows these read-only); they are not editable=False so the history diffs them.
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PlanStatus.choices,
        default=PlanStatus.DRAFT,
    )
    adoption_decision = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_plans",
        verbose_name=_("adopted by the decision"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("agreed"), null=True, blank=True)
    agreed_by = actor_field(_("agreed by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = actor_field(_("approved by"))
    approval_order = models.ForeignKey(
        "acts.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_plans",
        verbose_name=_("order of approval"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = actor_field(_("published by"))
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    # A plan returned to a draft keeps the methodist's reason: a text, not 100 characters.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-school_year", "association__name"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "school_year"],
                name="uniq_plan_per_school_year",
                violation_error_message=_(
                    "The association already has a plan for this school year."
                ),
            ),
            models.UniqueConstraint(
                fields=["municipality", "school_year"],
                condition=models.Q(owner="service"),
                name="uniq_service_plan_per_school_year",
                violation_error_message=_(
                    "The methodical service already has a plan for this school year."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(owner="association", association__isnull=False)
                    | models.Q(owner="service", association__isnull=True)
                ),
                name="plan_owner_matches_association",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Work plan for %(year)s: %(association)s")
            % {"year": self.year, "association": self.owner_name}
        )

    @property
    def is_service(self) -> bool:
        return self.owner == PlanOwner.SERVICE

    @property
    def owner_name(self) -> str:
        """The association's name, or the methodical service's for its own plan."""
        if self.is_service:
            return self.municipality.service_name or str(_("methodical service"))
        return self.association.name if self.association_id else ""

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    @property
    def year(self) -> SchoolYear:
        return SchoolYear(self.school_year)

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == PlanStatus.PUBLISHED

    @property
    def adoption_meeting(self):
        return self.adoption_decision.meeting if self.adoption_decision_id else None

    def clean(self):
        super().clean()
        errors = {}
        if self.school_year is not None and not 2000 <= self.school_year <= 2100:
            errors["school_year"] = _("Check the school year.")
        if self.owner == PlanOwner.SERVICE:
            self.association = None
            duplicate = (
                Plan.objects.filter(
                    municipality_id=self.municipality_id,
                    owner=PlanOwner.SERVICE,
                    school_year=self.school_year,
                )
                .exclude(pk=self.pk)
                .exists()
            )
            if duplicate:
                errors["school_year"] = _(
                    "The methodical service already has a plan for this school year."
                )
        elif not self.association_id:
            errors["association"] = _("Choose the association.")
        if self.association_id:
            association = self.association
            if self.municipality_id and association.municipality_id != self.municipality_id:
                errors["association"] = _("The association belongs to another municipality.")
            elif self.school_year and self.year.ends_on < association.founded_on:
                errors["school_year"] = _("The association did not exist yet in this school year.")
            duplicate = (
                Plan.objects.filter(
                    association_id=self.association_id, school_year=self.school_year
                )
                .exclude(pk=self.pk)
                .exists()
            )
            if duplicate:
                errors["school_year"] = _(
                    "The association already has a plan for this school year."
                )
        if errors:
            raise ValidationError(errors)


class ItemForm(models.TextChoices):
    MEETING = "meeting", _("meeting of the association")
    SEMINAR = "seminar", _("seminar")
    REMOTE_SEMINAR = "remote_seminar", _("remote seminar")
    ROUND_TABLE = "round_table", _("round table")
    MASTER_CLASS = "master_class", _("master class")
    AUTHOR_SEMINAR = "author_seminar", _("author seminar")
    OPEN_LESSON = "open_lesson", _("open lesson")
    CONSULTATION = "consultation", _("consultation")
    COMPETITION = "competition", _("competition")
    CONFERENCE = "conference", _("conference")
    OTHER = "other", _("other")


class ItemStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("plan item", "planned")
    DONE = "done", pgettext_lazy("plan item", "done")
    MOVED = "moved", pgettext_lazy("plan item", "moved")
    CANCELLED = "cancelled", pgettext_lazy("plan item", "cancelled")


# A moved or cancelled item is explained in the annual analysis: the reason is required.
STATUSES_WITH_REASON = {ItemStatus.MOVED, ItemStatus.CANCELLED}


class PlanItem(models.Model):
    """One line of the plan: when, what, in what form, who is responsible, where."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    date = models.DateField(_("date"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(
        _("month"),
        choices=MONTH_CHOICES,
        null=True,
        blank=True,
        help_text=_("When the exact date is not known yet."),
    )
    sort_on = models.DateField(editable=False, blank=True)  # the date or the 1st of the month
    form = models.CharField(_("form"), max_length=20, choices=ItemForm.choices)
    topic = models.TextField(_("topic"))
    responsible = models.ManyToManyField(
        "people.Teacher", blank=True, related_name="plan_items", verbose_name=_("responsible")
    )
    responsible_note = models.CharField(
        _("also responsible"),
        max_length=300,
        blank=True,
        help_text=_("People who are not in the teacher bank, e.g. a methodist."),
    )
    venue = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("venue"),
    )
    expected_result = models.TextField(_("expected result"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    status_reason = models.CharField(
        _("reason"),
        max_length=500,
        blank=True,
        help_text=_("Why the item was moved or cancelled."),
    )
    moved_to = models.DateField(_("moved to"), null=True, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("meeting"),
    )
    history = HistoricalRecords(m2m_fields=[responsible])

    objects = scoped_queryset("plan__municipality").as_manager()

    class Meta:
        ordering = ["sort_on", "pk"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self) -> str:
        return self.topic if len(self.topic) <= 80 else f"{self.topic[:79]}…"

    def save(self, *args, **kwargs):
        if self.date:
            self.month = self.date.month
        self.sort_on = self.date or month_start(self.plan.year, self.month)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and ({"date", "month"} & set(update_fields)):
            kwargs["update_fields"] = {*update_fields, "month", "sort_on"}
        super().save(*args, **kwargs)

    @property
    def when_label(self) -> str:
        """«15.10.2025» or «октябрь»."""
        if self.date:
            return self.date.strftime("%d.%m.%Y")
        return str(MONTHS[self.month]) if self.month else ""

    def clean(self):
        super().clean()
        errors = {}
        year = self.plan.year if self.plan_id else None
        if self.date:
            self.month = self.date.month
            if year and self.date not in year:
                errors["date"] = _("The date is outside the school year %(year)s of the plan.") % {
                    "year": year
                }
        elif not self.month:
            errors["date"] = _("Give a date or at least a month.")
        if year and self.month and "date" not in errors:
            self.sort_on = self.date or month_start(year, self.month)
        if self.status in STATUSES_WITH_REASON and not self.status_reason.strip():
            errors["status_reason"] = _("Say why the item is moved or cancelled.")
        if self.status != ItemStatus.MOVED:
            self.moved_to = None
        if self.venue_id and self.plan_id:
            if self.venue.municipality_id != self.plan.municipality_id:
                errors["venue"] = _("The organisation belongs to another municipality.")
            elif not self.venue.is_venue:
                errors["venue"] = _("The organisation is not marked as a venue for events.")
        if errors:
            raise ValidationError(errors)
