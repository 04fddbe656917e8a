from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "metodset.events"
    verbose_name = _("Events")

    def ready(self):
        from metodset.events import attendance

        # Every save or delete through the ORM keeps the attendance summary exact.
        attendance.connect()
