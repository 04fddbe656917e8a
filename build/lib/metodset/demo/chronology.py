"""Dating the demo's plans and minutes on the days they happened.

The services stamp what they record with the moment of the call: loaded in one go, every
plan would be composed, agreed, approved and published today, after the meeting that adopted
it a year ago, and every protocol signed today. This pass moves those moments (and their
history entries) to plausible days in order: a plan is composed a week or two before its
first item or its adoption, agreed and approved days after the adoption (on the day of the
order where an order approves it) and published after that; a meeting is scheduled before
it takes place and its minutes are signed within days of it. Nothing is later than now.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db.models import Min
from django.utils import timezone

from metodset.meetings.models import AgendaItem, Attendance, Meeting
from metodset.plans.models import Plan, PlanItem

BATCH = 500


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), timezone.get_current_timezone())


def _workday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, high))


def _history(model):
    return model.history.model._default_manager


def settle(*, slugs: list[str], seed: int) -> None:
    rng = random.Random(f"{seed}-chronology")
    now = timezone.now()
    composed = _plans(rng, slugs, now)
    _meetings(rng, slugs, now, composed)


def _in_order(moments: list[dt.datetime], floor: dt.datetime, now: dt.datetime):
    """Each moment no earlier than the one before it (a second later if equal), none after
    now."""
    result, last = [], floor
    for moment in moments:
        moment = min(max(moment, last), now)
        result.append(moment)
        last = moment
    return result


def _plans(rng, slugs, now) -> dict[int, dt.datetime]:
    plans = list(
        Plan.objects.filter(municipality__slug__in=slugs)
        .select_related("approval_order")
        .order_by("pk")
    )
    first_items = dict(
        PlanItem.objects.filter(plan__in=plans)
        .values("plan_id")
        .annotate(first=Min("sort_on"))
        .values_list("plan_id", "first")
    )
    composed: dict[int, dt.datetime] = {}
    steps: dict[int, dict[str, dt.datetime]] = {}
    for plan in plans:
        order = plan.approval_order
        anchors = [plan.adopted_on, order.date if order else None]
        if not plan.is_service:
            anchors.append(first_items.get(plan.pk))
        anchor = min((d for d in anchors if d), default=plan.year.starts_on)
        start = _at(_workday(anchor - _days(rng, 7, 20)), 11, rng.randint(0, 59))
        moments = {"draft": min(start, now)}
        last = moments["draft"]
        if plan.adopted_on:
            last = moments["adopted"] = min(max(_at(plan.adopted_on, 17), last), now)
        if plan.agreed_at:
            day = _workday(last.date() + _days(rng, 3, 10))
            last = moments["agreed"] = min(max(_at(day, 10, rng.randint(0, 59)), last), now)
        if plan.approved_at:
            day = order.date if order else _workday(last.date() + _days(rng, 2, 10))
            last = moments["approved"] = min(max(_at(day, 12, rng.randint(0, 59)), last), now)
        if plan.published_at:
            day = _workday(last.date() + _days(rng, 1, 5))
            last = moments["published"] = min(max(_at(day, 9, rng.randint(0, 59)), last), now)
        plan.created_at, plan.updated_at = moments["draft"], last
        plan.agreed_at = moments.get("agreed")
        plan.approved_at = moments.get("approved")
        plan.published_at = moments.get("published")
        composed[plan.pk] = moments["draft"]
        steps[plan.pk] = moments
    Plan.objects.bulk_update(
        plans,
        ["created_at", "updated_at", "agreed_at", "approved_at", "published_at"],
        batch_size=BATCH,
    )
    # The plan's history: each entry on the day of the step it records.
    history = list(Plan.history.filter(id__in=composed).order_by("id", "history_id"))
    by_plan = defaultdict(list)
    for row in history:
        by_plan[row.id].append(row)
    for pk, rows in by_plan.items():
        moments = steps[pk]
        wanted = [moments.get(row.status, moments["draft"]) for row in rows]
        for row, moment in zip(rows, _in_order(wanted, moments["draft"], now), strict=True):
            row.history_date = moment
    _history(Plan).bulk_update(history, ["history_date"], batch_size=BATCH)
    # The items' history: added when the plan was composed, marked after they took place.
    items = list(
        PlanItem.history.filter(plan_id__in=composed)
        .only("history_id", "id", "plan_id", "sort_on", "history_type")
        .order_by("id", "history_id")
    )
    by_item = defaultdict(list)
    for row in items:
        by_item[row.id].append(row)
    for rows in by_item.values():
        floor = composed[rows[0].plan_id]
        wanted = [
            floor if row.history_type in "+-" else _at(row.sort_on, 18) + _days(rng, 0, 3)
            for row in rows
        ]
        for row, moment in zip(rows, _in_order(wanted, floor, now), strict=True):
            row.history_date = moment
    _history(PlanItem).bulk_update(items, ["history_date"], batch_size=BATCH)
    return composed


def _meetings(rng, slugs, now, composed: dict[int, dt.datetime]) -> None:
    meetings = list(Meeting.objects.filter(municipality__slug__in=slugs).order_by("pk"))
    plan_of = dict(
        PlanItem.objects.filter(meeting__in=meetings).values_list("meeting_id", "plan_id")
    )
    created: dict[int, dt.datetime] = {}
    held: dict[int, dt.datetime] = {}
    for meeting in meetings:
        floor = composed.get(plan_of.get(meeting.pk), _at(meeting.date, 9) - _days(rng, 30, 30))
        scheduled = _at(_workday(meeting.date - _days(rng, 7, 21)), 10, rng.randint(0, 59))
        meeting.created_at = min(max(scheduled, floor), _at(meeting.date, 9), now)
        held[meeting.pk] = min(max(_at(meeting.date, 17), meeting.created_at), now)
        if meeting.signed_at:
            day = _workday(meeting.date + _days(rng, 0, 4))
            meeting.signed_at = min(max(_at(day, 17, 30), held[meeting.pk]), now)
        meeting.updated_at = meeting.signed_at or held[meeting.pk]
        created[meeting.pk] = meeting.created_at
    Meeting.objects.bulk_update(
        meetings, ["created_at", "updated_at", "signed_at"], batch_size=BATCH
    )
    signed = {m.pk: m.signed_at for m in meetings}
    history = list(
        Meeting.history.filter(id__in=created)
        .only("history_id", "id", "signed_at")
        .order_by("id", "history_id")
    )
    by_meeting = defaultdict(list)
    for row in history:
        by_meeting[row.id].append(row)
    for pk, rows in by_meeting.items():
        wanted = [
            created[pk] if n == 0 else (signed[pk] if row.signed_at else held[pk])
            for n, row in enumerate(rows)
        ]
        for row, moment in zip(rows, _in_order(wanted, created[pk], now), strict=True):
            row.history_date = moment
    _history(Meeting).bulk_update(history, ["history_date"], batch_size=BATCH)
    # The minutes' questions and attendance: the first question set when the meeting was
    # scheduled, the rest recorded on its day.
    for model in (AgendaItem, Attendance):
        rows = list(
            model.history.filter(meeting_id__in=created)
            .only("history_id", "meeting_id", "history_type")
            .order_by("history_id")
        )
        first_seen: set[int] = set()
        for row in rows:
            first = model is AgendaItem and row.meeting_id not in first_seen
            first_seen.add(row.meeting_id)
            row.history_date = created[row.meeting_id] if first else held[row.meeting_id]
        _history(model).bulk_update(rows, ["history_date"], batch_size=BATCH)
