from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.surveys.models import Survey


@admin.register(Survey)
class SurveyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "municipality", "kind", "audience", "status", "opens_on", "closes_on"]
    list_filter = ["kind", "status", "municipality"]
    search_fields = ["title"]
