"""Calendar entries of every kind around one association, for the calendar tests."""

import datetime as dt

from metodset.events.tests.factories import EventFactory
from metodset.meetings.tests.factories import MeetingFactory
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory

MSK = dt.timezone(dt.timedelta(hours=3))


def entries_of(association, *, n: int = 1, month: tuple[int, int] = (2025, 11)) -> dict:
    """`n` meetings, dated plan items, month-only plan items and events in `month`."""
    year, number = month
    school_year = year if number >= 9 else year - 1
    plan = association.plans.filter(school_year=school_year).first() or PlanFactory(
        association=association, school_year=school_year
    )
    made: dict[str, list] = {"meetings": [], "items": [], "month_items": [], "events": []}
    for i in range(n):
        day = dt.date(year, number, 1 + i % 28)
        made["meetings"].append(MeetingFactory(association=association, date=day))
        made["items"].append(PlanItemFactory(plan=plan, date=day, topic=f"Семинар {i}"))
        made["month_items"].append(
            PlanItemFactory(plan=plan, date=None, month=number, topic=f"Консультации {i}")
        )
        starts = dt.datetime(year, number, 1 + i % 28, 10, 0, tzinfo=MSK)
        made["events"].append(
            EventFactory(
                municipality=association.municipality,
                association=association,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
            )
        )
    return made
