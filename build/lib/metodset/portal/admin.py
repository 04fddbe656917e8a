from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.portal.models import Passport


@admin.register(Passport)
class PassportAdmin(SimpleHistoryAdmin):
    """Read-only: publishing goes through the services (the panel on the association page)."""

    list_display = ["association", "published_at", "published_by"]
    list_filter = ["association__municipality"]
    search_fields = ["association__name"]
    list_select_related = ["association", "published_by"]
    readonly_fields = ["association", "published_at", "published_by"]

    def has_add_permission(self, request) -> bool:
        return False
