from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.associations.models import Association, HeadAppointment, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["teacher"]


class HeadAppointmentInline(admin.TabularInline):
    model = HeadAppointment
    extra = 0
    raw_id_fields = ["teacher", "order"]


@admin.register(Association)
class AssociationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "status", "municipality"]
    list_filter = ["kind", "status", "municipality"]
    search_fields = ["name", "area"]
    list_select_related = ["municipality"]
    raw_id_fields = ["parent", "organisation", "creation_order"]
    inlines = [HeadAppointmentInline, MembershipInline]
