import datetime as dt

import pytest

from metodset.associations.tests.factories import AssociationFactory
from metodset.calendars import selectors
from metodset.calendars.selectors import EVENT, MEETING, PLAN_ITEM
from metodset.calendars.tests.factories import MSK, entries_of
from metodset.events.models import EventStatus
from metodset.events.tests.factories import EventFactory
from metodset.meetings.tests.factories import MeetingFactory
from metodset.plans.models import ItemStatus
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory

pytestmark = pytest.mark.django_db

NOVEMBER = (dt.date(2025, 11, 1), dt.date(2025, 11, 30))


def in_november(municipality, **options):
    return selectors.calendar_entries(
        municipality=municipality, start=NOVEMBER[0], end=NOVEMBER[1], **options
    )


def kinds(entries) -> list[tuple[str, str]]:
    return [(e.kind, e.title) for e in entries]


class TestCalendarEntries:
    def test_it_gives_each_kind_in_the_range_in_date_order(self, association, municipality):
        plan = PlanFactory(association=association, school_year=2025)
        MeetingFactory(association=association, date=dt.date(2025, 11, 12))
        MeetingFactory(association=association, date=dt.date(2025, 12, 1))  # after the range
        PlanItemFactory(plan=plan, date=dt.date(2025, 11, 5), topic="Открытый урок")
        PlanItemFactory(plan=plan, date=dt.date(2025, 10, 31), topic="В октябре")
        PlanItemFactory(plan=plan, date=None, month=11, topic="Консультации")
        PlanItemFactory(plan=plan, date=None, month=12, topic="В декабре")
        EventFactory(
            municipality=municipality,
            title="Семинар",
            starts_at=dt.datetime(2025, 11, 30, 23, 30, tzinfo=MSK),
            ends_at=dt.datetime(2025, 11, 30, 23, 45, tzinfo=MSK),
        )
        EventFactory(
            municipality=municipality,
            title="Завтра по Москве",
            # 21:30 UTC on the 30th is already 1 December in Moscow.
            starts_at=dt.datetime(2025, 11, 30, 21, 30, tzinfo=dt.UTC),
            ends_at=dt.datetime(2025, 11, 30, 22, 0, tzinfo=dt.UTC),
        )
        entries = in_november(municipality)
        assert kinds(entries) == [
            (PLAN_ITEM, "Консультации"),  # the whole month comes first
            (PLAN_ITEM, "Открытый урок"),
            (MEETING, f"Заседание № 1: {association.name}"),
            (EVENT, "Семинар"),
        ]
        whole = entries[0]
        assert whole.whole_month and whole.last_day == dt.date(2025, 11, 30)

    def test_another_municipalitys_entries_never_appear(
        self, association, municipality, other_municipality, sibling_municipality, coordinator
    ):
        entries_of(association)
        entries_of(AssociationFactory(municipality=other_municipality))
        entries_of(AssociationFactory(municipality=sibling_municipality))
        found = in_november(municipality, user=coordinator)
        assert {e.association for e in found} == {association.name}
        assert len(found) == 4

    def test_a_user_sees_nothing_of_a_municipality_out_of_his_scope(
        self, association, methodist_other
    ):
        entries_of(association)
        found = in_november(association.municipality, user=methodist_other)
        assert found == []

    def test_an_association_gets_only_its_own(self, association, municipality):
        entries_of(association)
        entries_of(AssociationFactory(municipality=municipality))
        EventFactory(municipality=municipality, starts_at=dt.datetime(2025, 11, 3, tzinfo=MSK))
        found = in_november(municipality, association=association)
        assert {e.association for e in found} == {association.name}
        assert sorted(e.kind for e in found) == [EVENT, MEETING, PLAN_ITEM, PLAN_ITEM]
        # the association's own calendar does not repeat its name on each meeting
        assert [e.title for e in found if e.kind == MEETING] == ["Заседание № 1"]

    def test_a_plan_item_held_as_a_meeting_shows_once_as_the_meeting(self, association):
        meeting = MeetingFactory(association=association, date=dt.date(2025, 11, 12))
        plan = PlanFactory(association=association, school_year=2025)
        PlanItemFactory(plan=plan, date=dt.date(2025, 11, 12), meeting=meeting)
        found = in_november(association.municipality)
        assert [(e.kind, e.pk) for e in found] == [(MEETING, meeting.pk)]

    def test_it_asks_only_for_the_kinds_wanted(self, association, django_assert_num_queries):
        entries_of(association)
        with django_assert_num_queries(1):
            found = in_november(association.municipality, kinds=[EVENT])
        assert [e.kind for e in found] == [EVENT]

    def test_cancelled_entries_say_so(self, association, municipality):
        plan = PlanFactory(association=association, school_year=2025)
        PlanItemFactory(
            plan=plan,
            date=dt.date(2025, 11, 5),
            status=ItemStatus.CANCELLED,
            status_reason="Карантин",
        )
        EventFactory(
            municipality=municipality,
            starts_at=dt.datetime(2025, 11, 6, 10, tzinfo=MSK),
            status=EventStatus.CANCELLED,
        )
        found = in_november(municipality)
        assert [(e.cancelled, e.notice) for e in found] == [
            (True, "отменено"),
            (True, "отменено"),
        ]

    def test_a_moved_plan_item_says_where_to(self, association):
        plan = PlanFactory(association=association, school_year=2025)
        PlanItemFactory(
            plan=plan,
            date=dt.date(2025, 11, 5),
            status=ItemStatus.MOVED,
            status_reason="Совпало с олимпиадой",
            moved_to=dt.date(2025, 12, 12),
        )
        PlanItemFactory(plan=plan, date=dt.date(2025, 11, 6), status=ItemStatus.DONE)
        found = in_november(association.municipality)
        assert [(e.notice, e.tentative) for e in found] == [
            ("перенесено на 12.12.2025", True),
            ("", False),
        ]

    @pytest.mark.parametrize("n", [3, 30])
    def test_it_costs_three_queries_whatever_the_number(
        self, association, django_assert_num_queries, n
    ):
        entries_of(association, n=n)
        # meetings with their associations and venues, plan items with their plans,
        # associations and venues, events with their associations and venues
        with django_assert_num_queries(3):
            found = in_november(association.municipality)
        assert len(found) == 4 * n


class TestMonthGrid:
    def test_weeks_start_on_monday_and_cover_the_month(self):
        # 1 June 2025 is a Sunday: the first row is 26 May – 1 June.
        weeks = selectors.month_weeks(dt.date(2025, 6, 1))
        assert weeks[0][0] == dt.date(2025, 5, 26)
        assert weeks[0][6] == dt.date(2025, 6, 1)
        assert weeks[-1][-1] == dt.date(2025, 7, 6)
        assert all(week[0].weekday() == 0 for week in weeks)
        assert len(weeks) == 6

    def test_february_of_a_leap_year_has_its_29th(self):
        grid = selectors.month_grid(dt.date(2024, 2, 1), [])
        days = [d.date for week in grid.weeks for d in week if d.in_month]
        assert days[0] == dt.date(2024, 2, 1) and days[-1] == dt.date(2024, 2, 29)
        assert grid.last == dt.date(2024, 2, 29)
        assert (grid.previous, grid.next) == (dt.date(2024, 1, 1), dt.date(2024, 3, 1))

    def test_today_is_marked(self):
        grid = selectors.month_grid(dt.date(2025, 11, 1), [])
        assert [d.date for week in grid.weeks for d in week if d.is_today] == [
            dt.date(2025, 11, 20)
        ]

    def test_entries_go_on_their_days_and_month_items_under_the_header(
        self, association, municipality
    ):
        plan = PlanFactory(association=association, school_year=2025)
        PlanItemFactory(plan=plan, date=None, month=10, topic="В течение октября")
        PlanItemFactory(plan=plan, date=None, month=11, topic="В течение ноября")
        PlanItemFactory(plan=plan, date=dt.date(2025, 11, 1), topic="1 ноября")
        EventFactory(
            municipality=municipality,
            title="Два дня",
            starts_at=dt.datetime(2025, 10, 31, 10, tzinfo=MSK),
            ends_at=dt.datetime(2025, 11, 1, 16, tzinfo=MSK),
        )
        first = dt.date(2025, 10, 1)
        start, end = selectors.month_range(first)
        assert (start, end) == (dt.date(2025, 9, 29), dt.date(2025, 11, 2))
        grid = selectors.month_grid(
            first, selectors.calendar_entries(municipality=municipality, start=start, end=end)
        )
        # November's month-long item starts inside the grid but belongs to November's header.
        assert [e.title for e in grid.whole_month] == ["В течение октября"]
        by_day = {d.date: [e.title for e in d.entries] for week in grid.weeks for d in week}
        assert by_day[dt.date(2025, 10, 31)] == ["Два дня"]
        # the neighbouring month's day in the last row shows what happens on it, the entry
        # that began earlier first
        assert by_day[dt.date(2025, 11, 1)] == ["Два дня", "1 ноября"]
        assert [d.date for d in grid.days_with_entries] == [dt.date(2025, 10, 31)]


def test_the_feed_window_is_the_previous_and_the_current_school_year():
    assert selectors.feed_window(dt.date(2025, 11, 20)) == (
        dt.date(2024, 9, 1),
        dt.date(2026, 8, 31),
    )
