from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "metodset.analysis"
    verbose_name = _("Annual analysis")

    def ready(self):
        from metodset.analysis import permissions  # noqa: F401
