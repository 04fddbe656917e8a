"""Data steps of the library's migration (kept apart so the migration stays readable)."""

from __future__ import annotations

from django.urls import reverse

from metodset.core.dates import SchoolYear
from metodset.library.search import stem_line

LEVELS = {
    "school": "школьный",
    "municipal": "муниципальный",
    "regional": "региональный",
    "federal": "федеральный",
}


def search_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS library_searchentry_vector_gin "
        "ON library_searchentry USING gin (vector)"
    )


def _vectors(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE library_searchentry SET vector = "
            "setweight(to_tsvector('russian', replace(lower(title), 'ё', 'е')), 'A') || "
            "setweight(to_tsvector('russian', replace(lower(body), 'ё', 'е')), 'B')"
        )


def index_existing(apps, schema_editor):
    Legacy = apps.get_model("growth", "Practice")
    Practice = apps.get_model("library", "Practice")
    Entry = apps.get_model("library", "SearchEntry")
    Plan = apps.get_model("plans", "Plan")
    Event = apps.get_model("events", "Event")
    entries = []
    for old in Legacy.objects.select_related("teacher").order_by("pk"):
        declared = f"Указано педагогом: уровень «{LEVELS.get(old.level, old.level)}», " + (
            f"принята {old.accepted_on:%d.%m.%Y}"
        )
        if old.accepted_by:
            declared += f", кем: {old.accepted_by}"
        practice = Practice.objects.create(
            municipality_id=old.teacher.municipality_id,
            kind="practice",
            title=old.title,
            summary=old.summary,
            description=old.summary or old.title,
            school_year=SchoolYear.of(old.accepted_on).start_year,
            visibility="municipality",
            status="not_reviewed",
            reviewers_required=2,
            declared=declared[:500],
            legacy_record=old,
        )
        practice.authors.set([old.teacher_id])
        entries.append(
            Entry(
                municipality_id=practice.municipality_id,
                entry_kind="practice",
                object_id=practice.pk,
                title=practice.title,
                body=practice.description,
                url=reverse("library:practice", args=[practice.pk]),
                access="staff",
                kind="practice",
                school_year=practice.school_year,
                review_status="not_reviewed",
                stems=stem_line(practice.title, practice.description),
            )
        )
    for plan in Plan.objects.select_related("association"):
        text = "\n".join(t for t in (plan.goal, plan.priorities, plan.tasks) if t)
        title = f"{plan.association.name} — {plan.theme}"[:600]
        entries.append(
            Entry(
                municipality_id=plan.municipality_id,
                entry_kind="plan",
                object_id=plan.pk,
                title=title,
                body=text,
                url=reverse("plans:detail", args=[plan.pk]),
                access="municipality",
                association_id=plan.association_id,
                school_year=plan.school_year,
                stems=stem_line(title, text),
            )
        )
    for event in Event.objects.all():
        entries.append(
            Entry(
                municipality_id=event.municipality_id,
                entry_kind="event",
                object_id=event.pk,
                title=event.title,
                body=event.description,
                url=reverse("events:detail", args=[event.pk]),
                access="municipality",
                association_id=event.association_id,
                school_year=SchoolYear.of(event.starts_at.date()).start_year,
                stems=stem_line(event.title, event.description),
            )
        )
    Entry.objects.bulk_create(entries, batch_size=1000)
    _vectors(schema_editor)


def unindex_existing(apps, schema_editor):
    apps.get_model("library", "SearchEntry").objects.all().delete()
    apps.get_model("library", "Practice").objects.filter(legacy_record__isnull=False).delete()
