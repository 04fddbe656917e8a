import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from metodset.associations.tests.factories import AssociationFactory
from metodset.calendars import services
from metodset.calendars.models import CalendarFeed
from metodset.events.models import EventStatus
from metodset.events.tests.factories import EventFactory
from metodset.meetings.tests.factories import MeetingFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory

pytestmark = pytest.mark.django_db

MOSCOW = ZoneInfo("Europe/Moscow")


def fetch(client, feed: CalendarFeed):
    return client.get(reverse("calendars:feed", args=[feed.token]))


def vevents(response) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}


@pytest.fixture
def feed(association):
    return services.feed_get_or_create(municipality=association.municipality)


@pytest.fixture
def meeting(association):
    chair = TeacherFactory(
        organisation__municipality=association.municipality, last_name="Секретнова"
    )
    return MeetingFactory(
        association=association,
        date=dt.date(2025, 11, 25),
        starts_at=dt.time(14, 30),
        venue=OrganisationFactory(
            municipality=association.municipality,
            name="МБОУ СОШ № 1",
            short_name="СОШ № 1",
            address="ул. Мира, 5",
        ),
        place_note="кабинет 12",
        chair=chair,
    )


class TestFeed:
    def test_anyone_with_the_address_gets_an_icalendar(self, client, feed, meeting):
        response = fetch(client, feed)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = icalendar.Calendar.from_ical(response.content)
        assert calendar["version"] == "2.0"
        assert calendar["x-wr-calname"] == f"Календарь: {feed.municipality}"
        # the zone the times are written in is described inside the feed
        assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Moscow"]

    def test_a_meeting_with_a_time_has_its_local_time_place_and_address(
        self, client, feed, meeting
    ):
        event = vevents(fetch(client, feed))[f"meeting-{meeting.pk}"]
        assert event.decoded("dtstart") == dt.datetime(2025, 11, 25, 14, 30, tzinfo=MOSCOW)
        assert event["dtstart"].params["TZID"] == "Europe/Moscow"
        assert str(event["summary"]) == f"Заседание № 1: {meeting.association.name}"
        assert str(event["location"]) == "СОШ № 1, ул. Мира, 5, кабинет 12"
        assert str(event["url"]) == f"http://testserver/meetings/{meeting.pk}/"
        assert str(event["status"]) == "CONFIRMED"
        assert event["dtstamp"] and event["uid"] == f"meeting-{meeting.pk}@rubtsovsk.metodset"

    def test_it_names_no_teacher(self, client, feed, meeting):
        assert "Секретнова" not in fetch(client, feed).content.decode()

    def test_a_meeting_without_a_time_is_all_day(self, client, feed, association):
        meeting = MeetingFactory(association=association, date=dt.date(2025, 12, 3))
        event = vevents(fetch(client, feed))[f"meeting-{meeting.pk}"]
        assert event.decoded("dtstart") == dt.date(2025, 12, 3)
        assert event.decoded("dtend") == dt.date(2025, 12, 4)

    def test_an_event_keeps_its_moment_in_the_local_zone(self, client, feed, municipality):
        seminar = EventFactory(
            municipality=municipality,
            title="Семинар",
            starts_at=dt.datetime(2025, 12, 10, 7, 0, tzinfo=dt.UTC),
            ends_at=dt.datetime(2025, 12, 10, 9, 0, tzinfo=dt.UTC),
            online_url="https://example.org/room",
        )
        event = vevents(fetch(client, feed))[f"event-{seminar.pk}"]
        assert event.decoded("dtstart") == dt.datetime(2025, 12, 10, 10, 0, tzinfo=MOSCOW)
        assert event.decoded("dtend") == dt.datetime(2025, 12, 10, 12, 0, tzinfo=MOSCOW)
        assert str(event["location"]) == "https://example.org/room"
        assert "методическая служба" in str(event["description"])

    def test_plan_items_are_all_day_and_a_month_item_spans_its_month(
        self, client, feed, association
    ):
        plan = PlanFactory(association=association, school_year=2025)
        dated = PlanItemFactory(plan=plan, date=dt.date(2026, 2, 27), topic="Открытый урок")
        monthly = PlanItemFactory(plan=plan, date=None, month=2, topic="Консультации")
        events = vevents(fetch(client, feed))
        one = events[f"plan-item-{dated.pk}"]
        assert (one.decoded("dtstart"), one.decoded("dtend")) == (
            dt.date(2026, 2, 27),
            dt.date(2026, 2, 28),
        )
        assert str(one["status"]) == "TENTATIVE"
        month = events[f"plan-item-{monthly.pk}"]
        assert (month.decoded("dtstart"), month.decoded("dtend")) == (
            dt.date(2026, 2, 1),
            dt.date(2026, 3, 1),
        )
        assert str(month["summary"]) == "Консультации (в течение месяца)"
        assert str(month["url"]).endswith(f"/plans/{plan.pk}/#item-{monthly.pk}")

    def test_a_cancelled_event_is_cancelled(self, client, feed, municipality):
        cancelled = EventFactory(municipality=municipality, status=EventStatus.CANCELLED)
        assert str(vevents(fetch(client, feed))[f"event-{cancelled.pk}"]["status"]) == "CANCELLED"

    def test_it_holds_the_previous_and_the_current_school_year(self, client, feed, association):
        kept = [
            MeetingFactory(association=association, date=dt.date(2024, 9, 1)),
            MeetingFactory(association=association, date=dt.date(2026, 8, 31)),
        ]
        MeetingFactory(association=association, date=dt.date(2024, 8, 31))
        assert set(vevents(fetch(client, feed))) == {f"meeting-{m.pk}" for m in kept}

    def test_the_association_feed_has_only_the_association(self, client, association):
        mine = MeetingFactory(association=association, date=dt.date(2025, 12, 3))
        MeetingFactory(
            association=AssociationFactory(municipality=association.municipality),
            date=dt.date(2025, 12, 3),
        )
        EventFactory(municipality=association.municipality)  # the service's own event
        feed = services.feed_get_or_create(
            municipality=association.municipality, association=association
        )
        assert set(vevents(fetch(client, feed))) == {f"meeting-{mine.pk}"}

    def test_an_entry_keeps_its_uid_when_it_changes(self, client, feed, meeting):
        before = set(vevents(fetch(client, feed)))
        meeting.place_note = "актовый зал"
        meeting.save()
        after = vevents(fetch(client, feed))
        assert set(after) == before
        assert "актовый зал" in str(after[f"meeting-{meeting.pk}"]["location"])

    def test_another_municipalitys_entries_never_appear(
        self, client, feed, meeting, other_municipality, sibling_municipality
    ):
        for elsewhere in (other_municipality, sibling_municipality):
            MeetingFactory(
                association=AssociationFactory(municipality=elsewhere), date=dt.date(2025, 11, 25)
            )
            EventFactory(municipality=elsewhere)
        assert set(vevents(fetch(client, feed))) == {f"meeting-{meeting.pk}"}

    def test_a_wrong_token_is_404(self, client, feed):
        response = client.get(reverse("calendars:feed", args=["x" + feed.token[1:]]))
        assert response.status_code == 404

    def test_it_costs_the_same_for_few_or_many_entries(
        self, client, feed, association, django_assert_num_queries
    ):
        from metodset.calendars.tests.factories import entries_of

        entries_of(association, n=3)
        # the feed with its municipality and association; meetings, plan items, events
        with django_assert_num_queries(4):
            assert len(vevents(fetch(client, feed))) == 12
        entries_of(association, n=30, month=(2025, 12))
        with django_assert_num_queries(4):
            assert len(vevents(fetch(client, feed))) == 132


class TestRegeneration:
    def test_a_new_token_retires_the_old_address(self, client, feed, methodist):
        old = feed.token
        services.feed_token_regenerate(user=methodist, feed=feed)
        assert client.get(reverse("calendars:feed", args=[old])).status_code == 404
        assert fetch(client, feed).status_code == 200
        assert feed.token != old and len(feed.token) >= 40
        # the history says who did it, without the secret
        record = feed.history.first()
        assert record.history_user == methodist
        assert not hasattr(record, "token")

    def test_there_is_one_feed_per_municipality_and_per_association(self, association):
        municipality = association.municipality
        first = services.feed_get_or_create(municipality=municipality)
        assert services.feed_get_or_create(municipality=municipality) == first
        own = services.feed_get_or_create(municipality=municipality, association=association)
        assert own != first
        assert services.feed_get_or_create(municipality=municipality, association=association) == (
            own
        )
        assert CalendarFeed.objects.count() == 2
