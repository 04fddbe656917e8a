from django.contrib import admin
from django.db import models as db_models
from simple_history.admin import SimpleHistoryAdmin

from metodset.core.forms import PrivateFileInput
from metodset.growth import models


@admin.register(models.Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]


@admin.register(models.PDCourse)
class PDCourseAdmin(SimpleHistoryAdmin):
    list_select_related = ["teacher"]
    raw_id_fields = ["teacher"]
    # A private file has no URL: the stored certificate links to the checked download view.
    formfield_overrides = {
        db_models.FileField: {"widget": PrivateFileInput(url_name="growth:certificate")}
    }


for model in (
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
