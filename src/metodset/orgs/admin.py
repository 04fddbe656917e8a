from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.orgs.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "municipality", "is_venue"]
    list_filter = ["kind", "is_venue", "municipality"]
    search_fields = ["name", "short_name"]
    list_select_related = ["municipality"]
