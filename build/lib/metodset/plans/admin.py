from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.plans.models import Plan, PlanItem


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0
    fields = ["date", "month", "form", "topic", "venue", "status", "status_reason"]
    raw_id_fields = ["venue"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["association", "school_year", "status", "municipality"]
    list_filter = ["status", "school_year", "municipality"]
    search_fields = ["association__name", "theme"]
    list_select_related = ["association", "municipality"]
    raw_id_fields = ["association"]
    readonly_fields = [
        "status",
        "adoption_decision",
        "adopted_on",
        "agreed_at",
        "agreed_by",
        "approved_at",
        "approved_by",
        "approval_order",
        "published_at",
        "published_by",
        "copied_from",
    ]
    inlines = [PlanItemInline]
