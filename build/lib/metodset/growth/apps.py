from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrowthConfig(AppConfig):
    name = "metodset.growth"
    verbose_name = _("Professional growth")
