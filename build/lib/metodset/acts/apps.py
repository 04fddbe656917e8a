from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActsConfig(AppConfig):
    name = "metodset.acts"
    verbose_name = _("Orders")
