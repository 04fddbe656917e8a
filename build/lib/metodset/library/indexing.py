"""Keeping `SearchEntry` rows in step with what they index.

Materials and practices are indexed by the library services that write them; plans and
events (other apps) by signals connected here, so those apps need not know about search.
`library_reindex` rebuilds every entry.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from metodset.library import search
from metodset.library.models import (
    EntryAccess,
    EntryKind,
    Material,
    MaterialKind,
    Practice,
    PracticeStatus,
    SearchEntry,
)


def _material_fields(material: Material) -> dict:
    practice = material if isinstance(material, Practice) else None
    body = [material.summary, material.tags]
    access = material.visibility
    review_status = ""
    if practice is not None:
        body += [practice.description, practice.conditions, practice.results]
        review_status = practice.status
        if practice.status != PracticeStatus.PUBLISHED:
            access = EntryAccess.STAFF
    text = "\n".join(b for b in body if b)
    return {
        "municipality_id": material.municipality_id,
        "entry_kind": EntryKind.PRACTICE if practice is not None else EntryKind.MATERIAL,
        "title": material.title,
        "body": text,
        "url": material.get_absolute_url(),
        "access": access,
        "kind": material.kind,
        "subject_id": material.subject_id,
        "level": material.level,
        "association_id": material.association_id,
        "school_year": material.school_year,
        "review_status": review_status,
        "stems": search.stem_line(material.title, text),
    }


def _plan_fields(plan) -> dict:
    text = "\n".join(t for t in (plan.goal, plan.priorities, plan.tasks) if t)
    title = f"{plan.association} — {plan.theme}"
    return {
        "municipality_id": plan.municipality_id,
        "entry_kind": EntryKind.PLAN,
        "title": title[:600],
        "body": text,
        "url": plan.get_absolute_url(),
        "access": EntryAccess.MUNICIPALITY,
        "kind": "",
        "subject_id": None,
        "level": "",
        "association_id": plan.association_id,
        "school_year": plan.school_year,
        "review_status": "",
        "stems": search.stem_line(title, text),
    }


def _event_fields(event) -> dict:
    from metodset.core.dates import SchoolYear

    return {
        "municipality_id": event.municipality_id,
        "entry_kind": EntryKind.EVENT,
        "title": event.title,
        "body": event.description,
        "url": event.get_absolute_url(),
        "access": EntryAccess.MUNICIPALITY,
        "kind": "",
        "subject_id": None,
        "level": "",
        "association_id": event.association_id,
        "school_year": SchoolYear.of(event.starts_at.date()).start_year,
        "review_status": "",
        "stems": search.stem_line(event.title, event.description),
    }


def _save(kind: str, pk: int, fields: dict) -> None:
    fields = {k: v for k, v in fields.items() if k != "entry_kind"}
    entry, _created = SearchEntry.objects.update_or_create(
        entry_kind=kind, object_id=pk, defaults=fields
    )
    search.refresh_vectors(SearchEntry.objects.filter(pk=entry.pk))


def index_material(material: Material) -> None:
    if material.kind == MaterialKind.PRACTICE and not isinstance(material, Practice):
        material = Practice.objects.get(pk=material.pk)
    fields = _material_fields(material)
    _save(fields["entry_kind"], material.pk, fields)


def index_plan(plan) -> None:
    _save(EntryKind.PLAN, plan.pk, _plan_fields(plan))


def index_event(event) -> None:
    _save(EntryKind.EVENT, event.pk, _event_fields(event))


def _plan_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_plan(instance)


def _event_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_event(instance)


def _dropper(kind: str):
    def drop(sender, instance, **kwargs):
        SearchEntry.objects.filter(entry_kind=kind, object_id=instance.pk).delete()

    return drop


def _material_deleted(sender, instance, **kwargs):
    SearchEntry.objects.filter(
        entry_kind__in=[EntryKind.MATERIAL, EntryKind.PRACTICE], object_id=instance.pk
    ).delete()


def connect() -> None:
    from metodset.events.models import Event
    from metodset.plans.models import Plan

    post_save.connect(_plan_saved, sender=Plan, dispatch_uid="library-index-plan")
    post_save.connect(_event_saved, sender=Event, dispatch_uid="library-index-event")
    post_delete.connect(_dropper(EntryKind.PLAN), sender=Plan, dispatch_uid="library-drop-plan")
    post_delete.connect(_dropper(EntryKind.EVENT), sender=Event, dispatch_uid="library-drop-event")
    post_delete.connect(_material_deleted, sender=Material, dispatch_uid="library-drop-material")


def reindex_all() -> int:
    """Rebuild every entry from its record; returns how many there are."""
    from metodset.events.models import Event
    from metodset.plans.models import Plan

    SearchEntry.objects.all().delete()
    rows = []
    for practice in Practice.objects.all():
        rows.append(SearchEntry(object_id=practice.pk, **_material_fields(practice)))
    for material in Material.objects.exclude(kind=MaterialKind.PRACTICE):
        rows.append(SearchEntry(object_id=material.pk, **_material_fields(material)))
    for plan in Plan.objects.select_related("association"):
        rows.append(SearchEntry(object_id=plan.pk, **_plan_fields(plan)))
    for event in Event.objects.all():
        rows.append(SearchEntry(object_id=event.pk, **_event_fields(event)))
    SearchEntry.objects.bulk_create(rows, batch_size=1000)
    search.refresh_vectors(SearchEntry.objects.all())
    return len(rows)
