from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from metodset.core.forms import PrivateFileInput
from metodset.meetings.models import AgendaItem, Attachment, Attendance, Guest, Meeting


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["title", "speakers", "discussion", "decision"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["teacher", "present", "absence_reason"]
    raw_id_fields = ["teacher"]


class GuestInline(admin.TabularInline):
    model = Guest
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "file"]
    # A private file has no URL: the stored one links to the checked download view.
    formfield_overrides = {
        models.FileField: {"widget": PrivateFileInput(url_name="meetings:attachment")}
    }


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["association", "school_year", "number", "date", "signed_at", "municipality"]
    list_filter = ["school_year", "municipality"]
    search_fields = ["association__name"]
    list_select_related = ["association", "municipality"]
    raw_id_fields = ["association", "venue", "chair", "secretary"]
    readonly_fields = ["school_year", "number", "signed_at", "signed_by"]
    inlines = [AttendanceInline, GuestInline, AgendaItemInline, AttachmentInline]
