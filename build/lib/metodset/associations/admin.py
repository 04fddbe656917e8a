from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.associations.models import Association, HeadAppointment, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["teacher", "joined_on", "left_on", "note"]
    raw_id_fields = ["teacher"]


class HeadAppointmentInline(admin.TabularInline):
    model = HeadAppointment
    extra = 0
    fields = ["teacher", "order", "starts_on", "ends_on", "terminated_on"]
    readonly_fields = ["terminated_on"]
    raw_id_fields = ["teacher", "order"]


@admin.register(Association)
class AssociationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "status", "founded_on", "liquidated_on", "municipality"]
    list_filter = ["kind", "status", "municipality"]
    search_fields = ["name", "area"]
    list_select_related = ["municipality"]
    raw_id_fields = ["parent", "organisation", "creation_order"]
    readonly_fields = ["status", "liquidated_on", "liquidation_order"]
    inlines = [HeadAppointmentInline, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["teacher", "association", "joined_on", "left_on"]
    list_filter = ["association__municipality"]
    search_fields = ["teacher__last_name", "association__name"]
    list_select_related = ["teacher", "association"]
    raw_id_fields = ["association", "teacher"]


@admin.register(HeadAppointment)
class HeadAppointmentAdmin(SimpleHistoryAdmin):
    list_display = ["teacher", "association", "starts_on", "ends_on", "terminated_on"]
    list_filter = ["association__municipality"]
    search_fields = ["teacher__last_name", "association__name"]
    list_select_related = ["teacher", "association"]
    raw_id_fields = ["association", "teacher", "order"]
    readonly_fields = ["terminated_on"]
