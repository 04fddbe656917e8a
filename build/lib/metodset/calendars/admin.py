from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.calendars.models import CalendarFeed


@admin.register(CalendarFeed)
class CalendarFeedAdmin(SimpleHistoryAdmin):
    # The token is a secret: the admin neither shows nor edits it; the calendar page
    # regenerates it.
    list_display = ["__str__", "municipality", "updated_at"]
    list_select_related = ["municipality", "association"]
    fields = ["municipality", "association"]
    readonly_fields = ["municipality", "association"]

    def has_add_permission(self, request) -> bool:
        return False
