from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.models import MunicipalityOwned


class IndicatorTarget(MunicipalityOwned):
    """A municipality's target value for an indicator of the catalogue."""

    code = models.CharField(_("indicator"), max_length=64)
    value = models.DecimalField(_("target value"), max_digits=8, decimal_places=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="uniq_indicator_target")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.value}"


class ExpertAssessment(MunicipalityOwned):
    """A value an indicator gets by judgement, not from records (e.g. the roadmap, 001 §4.1.1).

    It is entered by a methodist and always shown with its author and date.
    """

    code = models.CharField(_("indicator"), max_length=64)
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="expert_assessments",
        verbose_name=_("association"),
    )
    school_year = models.PositiveSmallIntegerField(_("school year"))
    value = models.DecimalField(
        _("value"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    comment = models.TextField(_("grounds"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year", "code"]
        verbose_name = _("expert assessment")
        verbose_name_plural = _("expert assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "code", "school_year"],
                name="uniq_expert_assessment",
                violation_error_message=_(
                    "This association already has an assessment of the indicator for the year."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.value}"

    def clean(self):
        super().clean()
        if (
            self.association_id
            and self.municipality_id
            and self.association.municipality_id != self.municipality_id
        ):
            raise ValidationError(
                {"association": _("The association belongs to another municipality.")}
            )
