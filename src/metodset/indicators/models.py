from django.db import models
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
