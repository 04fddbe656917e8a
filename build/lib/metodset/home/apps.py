from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The role dashboards and the main menu: the top layer that may read every app."""

    name = "metodset.home"
    verbose_name = _("Home")
