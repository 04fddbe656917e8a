from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.people.models import SelfEducationTheme, Subject, Teacher


class ThemeInline(admin.TabularInline):
    model = SelfEducationTheme
    extra = 0


@admin.register(Teacher)
class TeacherAdmin(SimpleHistoryAdmin):
    list_display = [
        "full_name",
        "organisation",
        "position",
        "category",
        "municipality",
        "is_active",
    ]
    list_filter = ["category", "is_active", "municipality"]
    search_fields = ["last_name", "first_name", "email"]
    list_select_related = ["organisation", "municipality"]
    raw_id_fields = ["user", "organisation"]
    inlines = [ThemeInline]


@admin.register(Subject)
class SubjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "municipality"]
    list_filter = [("municipality", admin.EmptyFieldListFilter), "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name"]
