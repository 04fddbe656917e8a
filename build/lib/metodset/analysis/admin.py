from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metodset.analysis.models import Analysis, ExternalEvaluation


@admin.register(Analysis)
class AnalysisAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "school_year", "status"]
    list_filter = ["status", "owner", "school_year"]
    readonly_fields = [
        "status",
        "generated_at",
        "adoption_decision",
        "adopted_on",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
    ]


@admin.register(ExternalEvaluation)
class ExternalEvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["association", "evaluated_on", "evaluator", "result"]
    raw_id_fields = ["association"]
