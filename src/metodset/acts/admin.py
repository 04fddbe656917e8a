from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.acts.models import Order


@admin.register(Order)
class OrderAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "title", "municipality"]
    list_filter = ["kind", "year", "municipality"]
    search_fields = ["number", "title"]
    list_select_related = ["municipality"]
