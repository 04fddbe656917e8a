import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.models import MunicipalityOwned


class Regulation(MunicipalityOwned):
    """A regulation (положение) of the municipality; its rules live in versions."""

    title = models.CharField(_("title"), max_length=500)
    applies_to = models.JSONField(
        _("applies to kinds"),
        default=list,
        blank=True,
        help_text=_("Association kinds it applies to; empty for all."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("regulations:detail", args=[self.pk])

    @property
    def applies_to_labels(self) -> list[str]:
        """The association kinds it applies to, as the user reads them."""
        from metodset.associations.models import AssociationKind

        labels = dict(AssociationKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.applies_to]

    def applies_to_kind(self, kind: str) -> bool:
        return not self.applies_to or kind in self.applies_to


class VersionQuerySet(models.QuerySet):
    def in_force(self, day: dt.date):
        return self.filter(effective_from__lte=day).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )


class RegulationVersion(models.Model):
    """One version of a regulation's rules. Editing creates a new version; none is changed."""

    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    order = models.ForeignKey(
        "acts.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regulation_versions",
        verbose_name=_("approving order"),
    )
    # The approving order as the document names it, kept even before the order is registered
    # in `acts` (then `order` is empty and the page says so).
    order_number = models.CharField(_("approving order number"), max_length=50, blank=True)
    order_date = models.DateField(_("approving order date"), null=True, blank=True)
    source_text = models.TextField(_("source text"), blank=True)
    rules = models.JSONField(_("rules"), default=list)
    document = models.TextField(_("YAML document"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["regulation", "-number"]
        verbose_name = _("regulation version")
        verbose_name_plural = _("regulation versions")
        constraints = [
            models.UniqueConstraint(fields=["regulation", "number"], name="uniq_regulation_version")
        ]

    def __str__(self) -> str:
        return f"{self.regulation} (v{self.number})"

    @property
    def order_unregistered(self) -> bool:
        """The document names an approving order that is not in the register of acts."""
        return bool(self.order_number) and self.order_id is None
