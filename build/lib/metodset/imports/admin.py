from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from metodset.imports.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "status", "municipality", "user", "created_at"]
    list_filter = ["kind", "status", "municipality"]
    # The file has no public URL, so the admin links to the checked download view instead.
    exclude = ["file"]
    readonly_fields = ["uploaded_file", "counts", "outcomes"]

    @admin.display(description=_("file"))
    def uploaded_file(self, job: ImportJob) -> str:
        if not job.file:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("imports:file", args=[job.pk]), job)
