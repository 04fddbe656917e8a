from django.contrib import admin

from metodset.imports.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "status", "municipality", "user", "created_at"]
    list_filter = ["kind", "status", "municipality"]
    readonly_fields = ["counts", "outcomes"]
