from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "metodset.core"
    verbose_name = _("Regions and municipalities")

    def ready(self):
        from django.core import checks

        from metodset.core import files, sqlite

        sqlite.install()
        checks.register(files.check_private_root)
