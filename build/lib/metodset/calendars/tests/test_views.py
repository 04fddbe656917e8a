import datetime as dt

import pytest
from django.urls import reverse

from metodset.associations.tests.factories import AssociationFactory
from metodset.calendars import services
from metodset.calendars.tests.factories import MSK, entries_of
from metodset.core.tests.roles import MANAGE, READ_ALL, READ_IN_SCOPE, ROLES
from metodset.events.tests.factories import EventFactory
from metodset.meetings.tests.factories import MeetingFactory
from metodset.meetings.tests.pages import assert_clean
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory

pytestmark = pytest.mark.django_db


# (url name, the object its argument is taken from, expected status per role)
PAGES = [
    # Everyone sees the calendar of his own municipality (a coordinator: of his region).
    ("calendars:month", None, READ_ALL),
    ("calendars:association", "association", READ_IN_SCOPE),
    ("calendars:feed_regenerate", "municipality_feed", MANAGE),
    ("calendars:feed_regenerate", "association_feed", MANAGE | {"head": 200}),
    # A calendar app cannot log in: the secret address is the key.
    ("calendars:feed", "token", dict.fromkeys(ROLES, 200)),
]
POST_ONLY: list[str] = []


@pytest.fixture
def objects(association):
    municipality_feed = services.feed_get_or_create(municipality=association.municipality)
    return {
        "association": association,
        "municipality_feed": municipality_feed,
        "association_feed": services.feed_get_or_create(
            municipality=association.municipality, association=association
        ),
        "token": municipality_feed.token,
    }


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{key}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(self, client_for, objects, name, key, role, status):
        value = objects[key] if key else None
        args = [value if isinstance(value, str) else value.pk] if key else []
        response = client_for(role).get(reverse(name, args=args))
        assert response.status_code == status, f"{name} as {role}"
        if status == 200 and response["Content-Type"].startswith("text/html"):
            assert_clean(response)

    def test_every_url_is_covered(self):
        from metodset.calendars.urls import urlpatterns

        names = {f"calendars:{p.name}" for p in urlpatterns}
        assert names == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    @pytest.mark.parametrize(
        ("role", "key", "status"),
        [
            ("methodist", "municipality_feed", 302),
            ("platform_admin", "municipality_feed", 302),
            ("head", "association_feed", 302),
            ("methodist", "association_feed", 302),
            ("head", "municipality_feed", 403),
            ("other_head", "association_feed", 403),
            ("teacher", "association_feed", 403),
            ("coordinator", "municipality_feed", 403),
            ("methodist_other", "municipality_feed", 404),
        ],
    )
    def test_only_the_keepers_regenerate_the_address(self, client_for, objects, role, key, status):
        feed = objects[key]
        old = feed.token
        response = client_for(role).post(reverse("calendars:feed_regenerate", args=[feed.pk]))
        assert response.status_code == status
        feed.refresh_from_db()
        assert (feed.token != old) == (status == 302)
        if status == 302:
            old_url = reverse("calendars:feed", args=[old])
            assert client_for("anonymous").get(old_url).status_code == 404
            assert response["Location"] in {
                f"/calendar/?municipality={feed.municipality_id}",
                f"/calendar/association/{feed.association_id}/",
            }


class TestMonthPage:
    def test_it_shows_the_month_with_its_entries_by_kind(self, client_for, association):
        plan = PlanFactory(association=association, school_year=2025)
        PlanItemFactory(plan=plan, date=None, month=11, topic="Консультации для молодых")
        meeting = MeetingFactory(association=association, date=dt.date(2025, 11, 12))
        seminar = EventFactory(
            municipality=association.municipality,
            title="Семинар по ФГОС",
            starts_at=dt.datetime(2025, 11, 20, 15, 0, tzinfo=MSK),
        )
        response = client_for("teacher").get(reverse("calendars:month"))
        html = response.text
        assert response.status_code == 200
        assert "Ноябрь 2025" in html
        assert ">Пн</th>" in html and html.index(">Пн<") < html.index(">Вс<")
        assert 'aria-current="date"' in html
        assert f'href="{meeting.get_absolute_url()}"' in html
        assert f'href="{seminar.get_absolute_url()}"' in html
        assert "entry--meeting" in html and "entry--event" in html
        assert "15:00" in html
        # the month-long item is listed under the month, not on a day
        month_items = html.split("В течение месяца")[1].split("</section>")[0]
        assert "Консультации для молодых" in month_items
        # previous and next month, by link and by HTMX
        assert 'href="?month=2025-10"' in html and 'hx-get="?month=2025-12"' in html
        assert "Октябрь" in html and "Декабрь" in html
        assert 'href="/calendar/feed/' not in html  # the address is absolute…
        assert "http://testserver/calendar/feed/" in html and "webcal://testserver/" in html
        assert "Сменить адрес" not in html  # …and a teacher cannot change it

    def test_the_chips_of_the_municipality_name_their_association(self, client_for, association):
        other = AssociationFactory(municipality=association.municipality, name="ММО физиков")
        for owner in (association, other):
            plan = PlanFactory(association=owner, school_year=2025)
            PlanItemFactory(plan=plan, date=None, month=11, topic="Мастер-класс «Оценивание»")
        html = client_for("methodist").get(reverse("calendars:month")).text
        month_items = html.split("В течение месяца")[1].split("</section>")[0]
        assert f'<span class="entry__owner">{association.name}</span>' in month_items
        assert '<span class="entry__owner">ММО физиков</span>' in month_items
        # an association's own calendar does not repeat its name on every chip
        own = client_for("methodist").get(reverse("calendars:association", args=[other.pk]))
        assert "entry__owner" not in own.text

    def test_a_day_of_another_month_is_readable(self):
        """axe's color-contrast: the 0.6 opacity of these numbers gave 2.58:1."""
        import re

        from django.contrib.staticfiles import finders

        def luminance(hex_colour: str) -> float:
            channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
            linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

        with open(finders.find("calendars/calendar.css")) as file:
            css = file.read()
        rule = css.split(".day--out .day__number {")[1].split("}")[0]
        background = re.search(r"\.day--out \{ background: (#[0-9a-f]{6})", css).group(1)
        colour = re.search(r"color: (#[0-9a-f]{6})", rule).group(1)
        assert "opacity" not in rule
        light, dark = sorted([luminance(background), luminance(colour)], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5

    def test_htmx_gets_only_the_calendar(self, client_for, association):
        response = client_for("methodist").get(
            reverse("calendars:month"), {"month": "2024-02"}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        assert "<html" not in response.text
        assert response.text.lstrip().startswith('<div id="calendar"')
        assert "Февраль 2024" in response.text
        assert ">29</span>" in response.text

    def test_a_month_that_cannot_be_read_is_said_and_the_current_one_shown(
        self, client_for, association
    ):
        response = client_for("methodist").get(reverse("calendars:month"), {"month": "2025-13"})
        assert response.status_code == 400
        assert "Укажите месяц в виде ГГГГ-ММ" in response.text
        assert "Ноябрь 2025" in response.text

    def test_filters_by_kind_and_association(self, client_for, association, municipality):
        other = AssociationFactory(municipality=municipality, name="ММО историков")
        entries_of(association)
        entries_of(other)
        client = client_for("methodist")
        only_events = client.get(reverse("calendars:month"), {"kind": "event"})
        assert "entry--event" in only_events.text
        assert "entry--meeting" not in only_events.text
        assert "entry--plan_item" not in only_events.text
        one = client.get(reverse("calendars:month"), {"association": other.pk})
        days = one.context["month"].days_with_entries
        assert {e.association for d in days for e in d.entries} == {"ММО историков"}

    def test_a_coordinator_picks_a_municipality_of_his_region(
        self, client_for, association, sibling_municipality, other_municipality
    ):
        there = AssociationFactory(municipality=sibling_municipality, name="РМО Бийска")
        entries_of(there)
        entries_of(AssociationFactory(municipality=other_municipality, name="ММО Весьегонска"))
        client = client_for("coordinator")
        response = client.get(reverse("calendars:month"), {"municipality": sibling_municipality.pk})
        assert response.status_code == 200
        assert "РМО Бийска" in response.text
        assert "Календарь: Бийский район" in response.text
        refused = client.get(reverse("calendars:month"), {"municipality": other_municipality.pk})
        assert refused.status_code == 400
        assert "Весьегонск" not in refused.text

    def test_the_association_calendar_has_its_own_feed_and_the_head_may_renew_it(
        self, client_for, association, municipality
    ):
        entries_of(association)
        entries_of(AssociationFactory(municipality=municipality, name="ММО историков"))
        response = client_for("head").get(reverse("calendars:association", args=[association.pk]))
        assert "ММО историков" not in response.text
        feed = services.feed_get_or_create(municipality=municipality, association=association)
        assert f"/calendar/feed/{feed.token}.ics" in response.text
        assert reverse("calendars:feed_regenerate", args=[feed.pk]) in response.text

    def test_the_menu_and_the_association_page_lead_to_the_calendar(self, client_for, association):
        page = client_for("teacher").get(association.get_absolute_url()).text
        assert f'href="/calendar/association/{association.pk}/"' in page
        assert '<a href="/calendar/">Календарь</a>' in page


class TestQueryCounts:
    def test_the_municipality_month_costs_the_same_for_3_or_30_entries_a_kind(
        self, client_for, association, django_assert_num_queries
    ):
        client = client_for("methodist")
        url = reverse("calendars:month")
        client.get(url)  # the feed is made on the first visit
        # session, user, the municipality, meetings, plan items, events, the feed, unread
        # notifications and the municipality (top bar), the associations of the filter
        entries_of(association, n=3)
        with django_assert_num_queries(10):
            response = client.get(url)
        assert len(response.context["month"].days_with_entries) == 3
        entries_of(association, n=27, month=(2025, 11))
        with django_assert_num_queries(10):
            response = client.get(url)
        assert len(response.context["month"].days_with_entries) == 27

    def test_the_association_month_costs_the_same_for_3_or_30_entries_a_kind(
        self, client_for, association, django_assert_num_queries
    ):
        client = client_for("head")
        url = reverse("calendars:association", args=[association.pk])
        client.get(url)
        # session, user, the association, meetings, plan items, events, the feed, the head's
        # teacher card and associations (may he renew the feed), model and group permissions
        # (menu), unread notifications and the municipality (top bar)
        entries_of(association, n=3)
        with django_assert_num_queries(13):
            client.get(url)
        entries_of(association, n=27)
        with django_assert_num_queries(13):
            client.get(url)
