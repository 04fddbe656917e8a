from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.growth import models


@admin.register(models.Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]


for model in (
    models.PDCourse,
    models.Attestation,
    models.Diagnostic,
    models.Route,
    models.Mentoring,
    models.RegionalMethodistStatus,
    models.TeacherNeed,
    models.Practice,
    models.Publication,
):
    admin.site.register(
        model, SimpleHistoryAdmin, list_select_related=["teacher"], raw_id_fields=["teacher"]
    )
