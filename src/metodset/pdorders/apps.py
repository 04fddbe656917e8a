from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdordersConfig(AppConfig):
    name = "metodset.pdorders"
    verbose_name = _("PD order")
