"""The data migration that takes back «done» from items marked so by scheduling a meeting."""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from metodset.associations.tests.factories import MembershipFactory
from metodset.core.services import with_history_user
from metodset.meetings import services as meeting_services
from metodset.meetings.tests.factories import MeetingFactory
from metodset.plans import services
from metodset.plans.models import ItemForm, ItemStatus, PlanItem
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory

pytestmark = pytest.mark.django_db

NAME = "0002_plan_items_done_when_minuted"
migration = importlib.import_module(f"metodset.plans.migrations.{NAME}")


def state_before():
    """The models as the migration sees them: no history is written behind its back."""
    loader = MigrationLoader(connection)
    return loader.project_state(("plans", NAME), at_end=False).apps


def scheduled_the_old_way(plan, user, day: dt.date, **item) -> PlanItem:
    """What plan_item_meeting_create did: link the meeting and mark the item done at once."""
    item = PlanItemFactory(plan=plan, form=ItemForm.MEETING, date=day, **item)
    item.meeting = MeetingFactory(
        association=plan.association, date=day, chair=user.teacher_profile
    )
    item.status, item.status_reason, item.moved_to = ItemStatus.DONE, "", None
    with_history_user(item, user).save(
        update_fields=["meeting", "status", "status_reason", "moved_to"]
    )
    return item


def test_it_takes_back_only_what_the_system_set(association, head):
    plan = PlanFactory(association=association, school_year=2025)
    future = scheduled_the_old_way(plan, head, dt.date(2026, 3, 19))
    moved = PlanItemFactory(plan=plan, form=ItemForm.MEETING, date=dt.date(2025, 12, 1))
    services.plan_item_set_status(
        user=head, item=moved, status=ItemStatus.MOVED, reason="карантин", moved_to=None
    )
    moved.meeting = MeetingFactory(association=association, date=dt.date(2026, 1, 20))
    moved.status = ItemStatus.DONE
    with_history_user(moved, head).save(update_fields=["meeting", "status"])
    # Set back to planned and marked done again by a person: his mark stays.
    by_hand = scheduled_the_old_way(plan, head, dt.date(2025, 10, 1))
    for status in (ItemStatus.PLANNED, ItemStatus.DONE):
        by_hand.status = status
        with_history_user(by_hand, head).save(update_fields=["status"])
    # Minuted: done is true now.
    MembershipFactory(association=association, teacher=head.teacher_profile)
    signed = scheduled_the_old_way(plan, head, dt.date(2025, 11, 10))
    meeting_services.attendance_record(
        user=head, meeting=signed.meeting, marks={head.teacher_profile.pk: (True, "")}
    )
    meeting_services.agenda_item_add(
        user=head, meeting=signed.meeting, title="Вопрос", decision="Решили."
    )
    meeting_services.minutes_sign(user=head, meeting=signed.meeting)
    # No history at all: nothing tells who marked it.
    silent = scheduled_the_old_way(plan, head, dt.date(2026, 4, 1))
    PlanItem.history.filter(id=silent.pk).delete()

    migration.undo_automatic_done(state_before(), None)

    statuses = dict(PlanItem.objects.values_list("pk", "status"))
    assert statuses[future.pk] == ItemStatus.PLANNED
    assert statuses[moved.pk] == ItemStatus.MOVED
    assert PlanItem.objects.get(pk=moved.pk).status_reason == "карантин"
    assert statuses[by_hand.pk] == ItemStatus.DONE
    assert statuses[signed.pk] == ItemStatus.DONE
    assert statuses[silent.pk] == ItemStatus.DONE
    # created, marked done by the scheduling, taken back: one record more, no other
    assert PlanItem.history.filter(id=future.pk).count() == 3
    record = PlanItem.history.filter(id=future.pk).first()
    assert (record.status, record.history_user) == (ItemStatus.PLANNED, None)
    assert record.history_change_reason == migration.REASON
    # The responsible teachers go with the new history record.
    assert list(record.responsible.all()) == list(
        PlanItem.objects.get(pk=future.pk).responsible.all()
    )
