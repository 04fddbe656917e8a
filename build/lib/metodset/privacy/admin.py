from django.contrib import admin

from metodset.privacy.models import AccessLogEntry, Consent, ConsentText


class ReadOnlyAdmin(admin.ModelAdmin):
    """Evidence is not edited: the log and the consents are only read here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "teacher", "kind", "municipality", "address"]
    list_filter = ["kind", "municipality"]
    list_select_related = ["user", "teacher", "municipality"]
    date_hierarchy = "at"
    raw_id_fields = ["user", "teacher"]
    search_fields = ["teacher__last_name", "user__last_name", "user__email"]


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ["purpose", "version", "effective_from"]
    list_filter = ["purpose"]

    def get_readonly_fields(self, request, obj=None):
        # A text somebody has agreed to stays as he read it: a new wording is a new version.
        if obj is not None and obj.consents.exists():
            return ["purpose", "version", "effective_from", "text"]
        return []

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.consents.exists()


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["given_at", "user", "teacher", "text", "address"]
    list_filter = ["text"]
    list_select_related = ["user", "teacher", "text"]
    raw_id_fields = ["user", "teacher"]
    search_fields = ["user__last_name", "user__email"]
