from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.core.models import Municipality, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "settlement", "authority_name"]
    list_filter = ["region"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
