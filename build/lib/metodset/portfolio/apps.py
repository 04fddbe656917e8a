from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "metodset.portfolio"
    verbose_name = _("Portfolios and data banks")
