"""A portfolio of an association for a school year, its items, their review and history;
the curricula (programmes and teaching materials) the members use, for the data bank."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from metodset.core.dates import SchoolYear
from metodset.core.files import private_file_field
from metodset.core.scoping import scoped_queryset
from metodset.portfolio.files import PORTFOLIO_FILE


class PortfolioStatus(models.TextChoices):
    DRAFT = "draft", _("being assembled")
    SUBMITTED = "submitted", _("handed in")
    RETURNED = "returned", _("returned for corrections")
    ACCEPTED = "accepted", pgettext_lazy("portfolio", "accepted")


class Portfolio(models.Model):
    """One association's portfolio for one school year. Its checklist is the regulation's
    (portfolio/checklist.py); `items` snapshots that checklist when it is handed in."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="portfolios",
        verbose_name=_("association"),
    )
    school_year = models.PositiveSmallIntegerField(_("school year"))
    status = models.CharField(
        _("status"), max_length=16, choices=PortfolioStatus.choices, default=PortfolioStatus.DRAFT
    )
    items = models.JSONField(_("items as handed in"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("handed in"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(_("comment of the methodist"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = scoped_queryset("association__municipality").as_manager()

    class Meta:
        ordering = ["-school_year"]
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolios")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "school_year"], name="uniq_portfolio_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.association} — {SchoolYear(self.school_year)}"

    def get_absolute_url(self) -> str:
        return (
            reverse("portfolio:association", args=[self.association_id])
            + f"?year={self.school_year}"
        )

    @property
    def year(self) -> SchoolYear:
        return SchoolYear(self.school_year)


class ItemReview(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("portfolio item", "accepted")
    RETURNED = "returned", _("returned")


class PortfolioItem(models.Model):
    """One item of a portfolio as the head keeps it: an uploaded file (for an item the
    regulation wants uploaded, or to replace a produced one) and the methodist's review."""

    portfolio = models.ForeignKey(Portfolio, on_delete=models.CASCADE, related_name="entries")
    code = models.CharField(_("code"), max_length=40)
    file = private_file_field(PORTFOLIO_FILE, _("file"), blank=True)
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review = models.CharField(_("review"), max_length=16, choices=ItemReview.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["portfolio", "code"]
        verbose_name = _("portfolio item")
        verbose_name_plural = _("portfolio items")
        constraints = [
            models.UniqueConstraint(fields=["portfolio", "code"], name="uniq_portfolio_item")
        ]

    def __str__(self) -> str:
        return self.code


class PortfolioEvent(models.Model):
    """The portfolio's history: who did what, when, with what comment (kept, never edited)."""

    portfolio = models.ForeignKey(Portfolio, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)  # dotted: portfolio.submitted, portfolio.item.returned
    item_code = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("portfolio event")
        verbose_name_plural = _("portfolio events")

    def __str__(self) -> str:
        return self.action


class CurriculumKind(models.TextChoices):
    PROGRAMME = "programme", _("programme")
    MATERIALS = "materials", _("teaching materials (УМК)")


class Curriculum(models.Model):
    """A programme or a set of teaching materials (УМК) that members of the association use."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="curricula",
        verbose_name=_("association"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CurriculumKind.choices)
    title = models.CharField(_("title"), max_length=400)
    authors = models.CharField(_("authors, publisher"), max_length=400, blank=True)
    grades = models.CharField(_("grades or age"), max_length=60, blank=True)
    teachers = models.ManyToManyField(
        "people.Teacher", blank=True, related_name="curricula", verbose_name=_("used by")
    )
    note = models.CharField(_("note"), max_length=400, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = scoped_queryset("association__municipality").as_manager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    def __str__(self) -> str:
        return self.title
