from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "metodset.indicators"
    verbose_name = _("Indicators")

    def ready(self):
        # Cache invalidation for the INDICATOR_SOURCES every app declares (extensions.py).
        from metodset.indicators import signals

        signals.connect()
