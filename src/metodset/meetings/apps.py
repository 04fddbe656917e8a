from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "metodset.meetings"
    verbose_name = _("Meetings and minutes")

    def ready(self):
        from metodset.meetings import compliance

        compliance.register()
