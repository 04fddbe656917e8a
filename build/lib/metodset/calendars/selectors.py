"""Reads of the calendar: what happens in a municipality or an association between two dates.

Meetings, plan items and events come from their own apps' querysets, one query each
whatever their number. A plan item linked to a meeting is left out: the meeting stands
for it. Nothing here names a teacher: the same entries feed the public iCal address.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.events.models import Event, EventStatus
from metodset.meetings.models import Meeting
from metodset.plans.models import ItemStatus, PlanItem

MEETING, PLAN_ITEM, EVENT = "meeting", "plan_item", "event"
KINDS = {
    MEETING: gettext_lazy("Meeting"),
    PLAN_ITEM: gettext_lazy("Plan item"),
    EVENT: gettext_lazy("Event"),
}


@dataclass(frozen=True)
class Entry:
    """One thing in the calendar, as plain values for a page or a feed."""

    kind: str
    pk: int
    title: str
    url: str
    association: str
    # The first and last day it covers; a plan item with only a month covers the month.
    first_day: dt.date
    last_day: dt.date
    starts_at: dt.datetime | None = None  # aware; None: all day
    ends_at: dt.datetime | None = None
    whole_month: bool = False
    cancelled: bool = False
    tentative: bool = False
    status: str = ""
    notice: str = ""  # what the grid says next to the title: cancelled, moved
    place: str = ""
    online_url: str = ""
    details: str = ""
    changed_at: dt.datetime | None = None
    # Whose it is, under the title, where the calendar is not one association's: eight
    # «Мастер-класс …» chips of a month are otherwise alike. A meeting's title names it.
    subtitle: str = ""

    @property
    def uid_part(self) -> str:
        return f"{self.kind.replace('_', '-')}-{self.pk}"

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def start_time(self) -> dt.time | None:
        return timezone.localtime(self.starts_at).time() if self.starts_at else None

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


def _place(venue, note: str = "") -> str:
    parts = []
    if venue is not None:
        parts.append(venue.short_name or venue.name)
        if venue.address:
            parts.append(venue.address)
    if note:
        parts.append(note)
    return ", ".join(parts)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _meetings(meetings: Iterable[Meeting], *, one_association: bool) -> list[Entry]:
    tz = timezone.get_current_timezone()
    entries = []
    for m in meetings:
        starts_at = dt.datetime.combine(m.date, m.starts_at, tz) if m.starts_at else None
        if one_association:  # its calendar names it already
            title = _("Meeting No. %(number)s") % {"number": m.number}
        else:
            title = _("Meeting No. %(number)s: %(association)s") % {
                "number": m.number,
                "association": m.association.name,
            }
        entries.append(
            Entry(
                kind=MEETING,
                pk=m.pk,
                title=title,
                url=m.get_absolute_url(),
                association=m.association.name,
                first_day=m.date,
                last_day=m.date,
                starts_at=starts_at,
                place=_place(m.venue, m.place_note),
                online_url=m.online_url,
                status=_("minutes signed") if m.signed_at else "",
                changed_at=m.updated_at,
            )
        )
    return entries


def _plan_item_notice(item: PlanItem) -> str:
    if item.status == ItemStatus.MOVED and item.moved_to:
        return _("moved to %(date)s") % {"date": item.moved_to.strftime("%d.%m.%Y")}
    if item.status in {ItemStatus.MOVED, ItemStatus.CANCELLED}:
        return item.get_status_display()
    return ""


def _plan_items(items: Iterable[PlanItem], *, one_association: bool) -> list[Entry]:
    entries = []
    for item in items:
        plan = item.plan
        first = item.date or item.sort_on
        entries.append(
            Entry(
                kind=PLAN_ITEM,
                pk=item.pk,
                title=item.topic,
                url=f"{plan.get_absolute_url()}#item-{item.pk}",
                association=plan.owner_name,
                first_day=first,
                last_day=first if item.date else _month_end(first),
                whole_month=item.date is None,
                cancelled=item.status == ItemStatus.CANCELLED,
                tentative=item.status in {ItemStatus.PLANNED, ItemStatus.MOVED},
                status=item.get_status_display(),
                notice=_plan_item_notice(item),
                place=_place(item.venue),
                details=item.get_form_display(),
                changed_at=plan.updated_at,
                subtitle=""
                if one_association or plan.association is None
                else plan.association.name,
            )
        )
    return entries


def _event_owner(event: Event) -> str:
    return event.association.name if event.association else _("methodical service")


def _events(events: Iterable[Event], *, one_association: bool) -> list[Entry]:
    return [
        Entry(
            kind=EVENT,
            pk=e.pk,
            title=e.title,
            url=e.get_absolute_url(),
            association=_event_owner(e),
            subtitle="" if one_association else _event_owner(e),
            first_day=timezone.localdate(e.starts_at),
            last_day=timezone.localdate(e.ends_at),
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            cancelled=e.status == EventStatus.CANCELLED,
            status=e.get_status_display() if e.status == EventStatus.CANCELLED else "",
            notice=e.get_status_display() if e.status == EventStatus.CANCELLED else "",
            place=_place(e.venue),
            online_url=e.online_url,
            details=e.get_form_display(),
            changed_at=e.updated_at,
        )
        for e in events
    ]


def calendar_entries(
    *,
    municipality: Municipality,
    start: dt.date,
    end: dt.date,
    association: Association | None = None,
    kinds: Iterable[str] = KINDS,
    user=None,
) -> list[Entry]:
    """Entries of the municipality (or one association) touching `start`…`end`, in order.

    One query per kind asked for. With `user`, each app's own scoping applies on top (a
    page); without, the caller has checked the scope already (a feed found by its token).
    """
    kinds = set(kinds)
    tz = timezone.get_current_timezone()
    # (kind, rows of the municipality in the range, path to the association, related rows)
    sources: list[tuple[str, Any, str, tuple[str, ...]]] = [
        (
            MEETING,
            Meeting.objects.filter(municipality=municipality, date__range=(start, end)),
            "association",
            ("association", "venue"),
        ),
        (
            PLAN_ITEM,
            # sort_on is the date, or the 1st for an item with only a month.
            PlanItem.objects.filter(plan__municipality=municipality, meeting__isnull=True).filter(
                Q(date__range=(start, end)) | Q(date__isnull=True, sort_on__range=(start, end))
            ),
            "plan__association",
            ("plan__association", "plan__municipality", "venue"),
        ),
        (
            EVENT,
            Event.objects.filter(
                municipality=municipality,
                starts_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tz),
                ends_at__gte=dt.datetime.combine(start, dt.time(), tz),
            ),
            "association",
            ("association", "venue"),
        ),
    ]
    found: list[Entry] = []
    for kind, rows, association_path, related in sources:
        if kind not in kinds:
            continue
        if association is not None:
            rows = rows.filter(**{association_path: association})
        if user is not None:
            rows = rows.for_user(user)
        found += TO_ENTRIES[kind](
            rows.select_related(*related), one_association=association is not None
        )
    return sorted(found, key=_order)


TO_ENTRIES: dict[str, Callable[..., list[Entry]]] = {
    MEETING: _meetings,
    PLAN_ITEM: _plan_items,
    EVENT: _events,
}


def _order(entry: Entry):
    start = entry.starts_at.timestamp() if entry.starts_at else 0
    return (entry.first_day, not entry.whole_month, start, entry.kind, entry.pk)


# --- The month grid ---------------------------------------------------------------------


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Month:
    first: dt.date
    weeks: list[list[Day]]
    whole_month: list[Entry]  # plan items with only a month: «в течение месяца»

    @property
    def last(self) -> dt.date:
        return _month_end(self.first)

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return self.last + dt.timedelta(days=1)

    @property
    def days_with_entries(self) -> list[Day]:
        """The days of this month that have something: the list shown on a narrow screen."""
        return [d for week in self.weeks for d in week if d.in_month and d.entries]


def month_weeks(first: dt.date) -> list[list[dt.date]]:
    """Monday-first weeks covering the month, with the neighbouring months' days around it."""
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        first.year, first.month
    )


def month_grid(first: dt.date, entries: Iterable[Entry]) -> Month:
    """Lay entries out on the weeks of the month of `first`; a multi-day event on each day."""
    today = timezone.localdate()
    entries = list(entries)
    weeks = [
        [
            Day(
                date=day,
                in_month=day.month == first.month,
                is_today=day == today,
                entries=[e for e in entries if not e.whole_month and e.covers(day)],
            )
            for day in week
        ]
        for week in month_weeks(first)
    ]
    whole = [e for e in entries if e.whole_month and e.first_day == first]
    return Month(first=first, weeks=weeks, whole_month=whole)


def month_range(first: dt.date) -> tuple[dt.date, dt.date]:
    """The days the grid of a month shows, from the Monday before to the Sunday after."""
    weeks = month_weeks(first)
    return weeks[0][0], weeks[-1][-1]


def feed_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The previous and the current school year: what a subscribed calendar receives."""
    year = SchoolYear.of(today or timezone.localdate())
    return year.previous.starts_on, year.ends_on
