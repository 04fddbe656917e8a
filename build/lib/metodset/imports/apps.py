from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "metodset.imports"
    verbose_name = _("Import of teachers and organisations")
