"""Calendar entries as an iCalendar (RFC 5545) document for calendar apps.

Times are written in the site's time zone (settings.TIME_ZONE, the zone the forms read
times in) with its VTIMEZONE, so a meeting at 14:00 reads 14:00 to a subscriber in the
same zone. A meeting without a time and a plan item are all-day entries; an item with
only a month spans the month. UIDs are built from the kind and the primary key, so an
entry edited later replaces itself in the subscriber's calendar instead of doubling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.calendars.selectors import Entry

PRODID = "-//Metodset//Calendar//RU"


def _status(entry: Entry) -> str:
    if entry.cancelled:
        return "CANCELLED"
    return "TENTATIVE" if entry.tentative else "CONFIRMED"


def _description(entry: Entry, link: str) -> str:
    lines = [entry.association]
    if entry.details:
        lines.append(entry.details)
    if entry.whole_month:
        lines.append(_("during the month"))
    if entry.status:
        lines.append(entry.status)
    if entry.notice and entry.notice != entry.status:
        lines.append(entry.notice)
    if entry.online_url:
        lines.append(_("Online: %(url)s") % {"url": entry.online_url})
    lines.append(link)
    return "\n".join(lines)


def _vevent(
    entry: Entry, *, uid_domain: str, absolute: Callable[[str], str], now: dt.datetime
) -> icalendar.Event:
    tz = timezone.get_current_timezone()
    link = absolute(entry.url)
    event = icalendar.Event()
    event.add("uid", f"{entry.uid_part}@{uid_domain}")
    event.add("dtstamp", entry.changed_at or now)
    if entry.changed_at:
        event.add("last-modified", entry.changed_at)
    if entry.starts_at is not None:
        event.add("dtstart", entry.starts_at.astimezone(tz))
        if entry.ends_at is not None:
            event.add("dtend", entry.ends_at.astimezone(tz))
    else:
        # All day: DTEND is the day after the last one (RFC 5545 §3.6.1).
        event.add("dtstart", entry.first_day)
        event.add("dtend", entry.last_day + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    summary = entry.title
    if entry.whole_month:
        summary = f"{summary} ({_('during the month')})"
    event.add("summary", summary)
    location = ", ".join(p for p in (entry.place, entry.online_url) if p)
    if location:
        event.add("location", location)
    event.add("description", _description(entry, link))
    event.add("url", link)
    event.add("status", _status(entry))
    event.add("categories", [str(entry.kind_label)])
    return event


def feed_calendar(
    entries: Iterable[Entry],
    *,
    name: str,
    uid_domain: str,
    absolute: Callable[[str], str],
    window: tuple[dt.date, dt.date],
) -> bytes:
    """The whole feed as bytes; `absolute` turns a site path into a full address.

    The time zone is described for the `window` the entries come from only: a zone's
    whole history since 1970 would weigh more than a year of meetings.
    """
    now = timezone.now()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(timezone.get_current_timezone()))
    cal.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    for entry in entries:
        cal.add_component(_vevent(entry, uid_domain=uid_domain, absolute=absolute, now=now))
    first, last = window
    cal.add_missing_timezones(first_date=first, last_date=last + dt.timedelta(days=1))
    return cal.to_ical()
