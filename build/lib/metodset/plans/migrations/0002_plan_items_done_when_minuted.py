"""A plan item carried out by a meeting is done once the meeting's minutes are signed.

Before, scheduling the meeting from the item marked it done at once, even for a meeting
months ahead. This takes back only what the system set: an item is returned to the status
it had before when the history shows it became done in the same change that linked its
meeting (what `plan_item_meeting_create` did) and the meeting's minutes are not signed.
An item a person marked done himself keeps his mark; an item without history is left as
it is, since nothing tells who marked it. The change is kept in the item's history.
"""

from django.db import migrations
from django.utils import timezone

DONE = "done"
REASON = "отметка «выполнено» снята: пункт выполнен, когда подписан протокол заседания"


def _became_done_by_scheduling(records) -> object | None:
    """The record before the last change that made the item done, if that change was the
    automatic one (it linked the meeting at the same time); None otherwise."""
    found = None
    for older, newer in zip([None, *records], records, strict=False):
        if newer.status == DONE and (older is None or older.status != DONE):
            found = (older, newer)
    if found is None:
        return None
    older, newer = found
    if older is None or older.meeting_id is not None or newer.meeting_id is None:
        return None
    return older


def undo_automatic_done(apps, schema_editor):
    PlanItem = apps.get_model("plans", "PlanItem")
    HistoricalPlanItem = apps.get_model("plans", "HistoricalPlanItem")
    HistoricalResponsible = apps.get_model("plans", "HistoricalPlanItem_responsible")
    Responsible = PlanItem.responsible.through
    fields = [f.attname for f in PlanItem._meta.concrete_fields]
    now = timezone.now()
    items = PlanItem.objects.filter(
        status=DONE, meeting__isnull=False, meeting__signed_at__isnull=True
    )
    for item in items:
        records = list(
            HistoricalPlanItem.objects.filter(id=item.pk).order_by("history_date", "history_id")
        )
        before = _became_done_by_scheduling(records)
        if before is None:
            continue
        item.status = before.status
        item.status_reason = before.status_reason
        item.moved_to = before.moved_to
        item.save(update_fields=["status", "status_reason", "moved_to"])
        record = HistoricalPlanItem.objects.create(
            **{name: getattr(item, name) for name in fields},
            history_date=now,
            history_type="~",
            history_user_id=None,
            history_change_reason=REASON,
        )
        # The history of the responsible teachers goes with each record.
        HistoricalResponsible.objects.bulk_create(
            HistoricalResponsible(
                id=row.pk, history=record, planitem_id=item.pk, teacher_id=row.teacher_id
            )
            for row in Responsible.objects.filter(planitem_id=item.pk)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("meetings", "0002_numbered_by_date_attendance_without_default"),
    ]

    operations = [
        migrations.RunPython(undo_automatic_done, migrations.RunPython.noop),
    ]
