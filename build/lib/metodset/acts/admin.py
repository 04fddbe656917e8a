from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.acts.forms import ORDER_FILE_INPUT
from metodset.acts.models import Order


@admin.register(Order)
class OrderAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "title", "municipality"]
    list_filter = ["kind", "year", "municipality"]
    search_fields = ["number", "title"]
    list_select_related = ["municipality"]
    date_hierarchy = "date"
    readonly_fields = ["year"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Order files have no public URL: the admin links to the checked download view too.
        if db_field.name == "file":
            kwargs["widget"] = ORDER_FILE_INPUT
        return super().formfield_for_dbfield(db_field, request, **kwargs)
