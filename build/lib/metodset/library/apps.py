from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "metodset.library"
    verbose_name = _("Bank of pedagogical information")

    def ready(self):
        from metodset.library import indexing

        indexing.connect()
