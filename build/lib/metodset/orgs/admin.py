from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.orgs.models import AuthorityHead, Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "municipality", "is_venue"]
    list_filter = ["kind", "is_venue", "municipality"]
    search_fields = ["name", "short_name"]
    list_select_related = ["municipality"]


@admin.register(AuthorityHead)
class AuthorityHeadAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "position", "last_name", "first_name", "starts_on", "ends_on"]
    list_filter = ["municipality"]
    search_fields = ["last_name", "position"]
    list_select_related = ["municipality"]
    date_hierarchy = "starts_on"
