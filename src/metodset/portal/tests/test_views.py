import datetime as dt
import re

import pytest
from django.urls import reverse

from metodset.acts.tests.factories import OrderFactory
from metodset.associations.models import AssociationKind, AssociationStatus
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.events.models import EventStatus
from metodset.events.tests.factories import EventFactory
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.meetings.tests.pages import assert_clean
from metodset.plans.models import PlanStatus
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory
from metodset.plans.tests.test_views import COMPOSES, ROLES
from metodset.portal.models import Passport
from metodset.portal.tests.factories import PassportFactory

pytestmark = pytest.mark.django_db

PUBLIC = dict.fromkeys(ROLES, 200)
# An unpublished passport is a preview for those who may publish it, and does not exist
# for anybody else.
PREVIEW = dict.fromkeys(ROLES, 404) | {"platform_admin": 200, "methodist": 200, "head": 200}
# Who may publish is who composes the plan: the methodist, the admin and the head.
PUBLISHES = COMPOSES

# (url name, the key of the URL arguments in `objects`, expected status per role)
PAGES = [
    ("portal:index", None, PUBLIC),
    ("portal:municipality", "municipality", PUBLIC),
    ("portal:passport", "published", PUBLIC),
    ("portal:passport", "unpublished", PREVIEW),
    ("portal:plan", "plan", PUBLIC),
    ("portal:results", "municipality", PUBLIC),
    ("portal:passport_document", "published_docx", PUBLIC),
    ("portal:passport_document", "unpublished_docx", PREVIEW),
    ("portal:publish", "association", PUBLISHES),
    ("portal:unpublish", "association", PUBLISHES),
]
POST_ONLY: list[str] = []


@pytest.fixture
def published(municipality):
    """Another association of the municipality, whose passport is on the portal."""
    association = AssociationFactory(municipality=municipality, name="ММО учителей истории")
    PassportFactory(association=association)
    return association


@pytest.fixture
def published_plan(published):
    plan = PlanFactory(
        association=published,
        status=PlanStatus.PUBLISHED,
        published_at=dt.datetime(2025, 10, 1, tzinfo=dt.UTC),
        theme="Историческое мышление школьников",
    )
    PlanItemFactory(plan=plan, topic="Семинар об источниках")
    return plan


@pytest.fixture
def objects(municipality, association, published, published_plan):
    slug = municipality.slug
    return {
        "municipality": [slug],
        "published": [slug, published.pk],
        "unpublished": [slug, association.pk],
        "published_docx": [slug, published.pk, "docx"],
        "unpublished_docx": [slug, association.pk, "docx"],
        "plan": [slug, published_plan.pk],
        "association": [association.pk],
    }


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{key}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(self, client_for, objects, name, key, role, status):
        response = client_for(role).get(reverse(name, args=objects[key] if key else []))
        assert response.status_code == status, f"{name} {key} as {role}"

    def test_every_url_is_covered(self):
        from metodset.portal.urls import urlpatterns

        names = {f"portal:{p.name}" for p in urlpatterns}
        assert names == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    @pytest.mark.parametrize(
        ("name", "key"),
        [
            ("portal:index", None),
            ("portal:municipality", "municipality"),
            ("portal:passport", "published"),
            ("portal:plan", "plan"),
            ("portal:results", "municipality"),
        ],
    )
    def test_public_pages_are_clean_and_show_no_back_office(self, client, objects, name, key):
        response = client.get(reverse(name, args=objects[key] if key else []))
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in response.headers
        assert_clean(response)
        assert 'aria-label="Главное меню"' not in response.text
        assert "Вход для сотрудников" in response.text
        # Whoever holds a certificate finds where to check it (header and footer).
        verify = f'<a href="{reverse("events:verify")}">Проверка сертификата</a>'
        assert response.text.count(verify) == 2
        assert client.get(reverse("events:verify")).status_code == 200

    def test_a_logged_in_user_gets_the_public_page_with_a_way_back(self, client_for, objects):
        html = (
            client_for("methodist")
            .get(reverse("portal:municipality", args=objects["municipality"]))
            .text
        )
        assert 'aria-label="Главное меню"' not in html
        assert reverse("home:home") in html


class TestNotFound:
    def test_unknown_municipality_association_and_plan(self, client, objects, municipality):
        assert client.get(reverse("portal:municipality", args=["nowhere"])).status_code == 404
        slug = municipality.slug
        assert client.get(reverse("portal:passport", args=[slug, 999999])).status_code == 404
        assert client.get(reverse("portal:plan", args=[slug, 999999])).status_code == 404

    def test_an_association_under_another_municipality_slug(
        self, client, published, published_plan, other_municipality
    ):
        other = other_municipality.slug
        assert client.get(reverse("portal:passport", args=[other, published.pk])).status_code == 404
        assert (
            client.get(reverse("portal:plan", args=[other, published_plan.pk])).status_code == 404
        )

    def test_a_liquidated_association_is_gone_with_its_plan(
        self, client, client_for, municipality, published, published_plan
    ):
        published.status = AssociationStatus.LIQUIDATED
        published.liquidated_on = dt.date(2025, 11, 1)
        published.save()
        slug = municipality.slug
        assert client.get(reverse("portal:passport", args=[slug, published.pk])).status_code == 404
        assert client.get(reverse("portal:plan", args=[slug, published_plan.pk])).status_code == 404
        html = client.get(reverse("portal:municipality", args=[slug])).text
        assert published.name not in html
        # Not even a preview for the methodist: a liquidated association has no passport.
        preview = client_for("methodist").get(reverse("portal:passport", args=[slug, published.pk]))
        assert preview.status_code == 404

    def test_a_withdrawn_passport_is_not_found(self, client, municipality, published):
        Passport.objects.filter(association=published).update(published_at=None)
        url = reverse("portal:passport", args=[municipality.slug, published.pk])
        assert client.get(url).status_code == 404


class TestIndex:
    def test_it_lists_regions_and_their_municipalities(
        self, client, municipality, sibling_municipality
    ):
        html = client.get(reverse("portal:index")).text
        assert "Алтайский край" in html
        assert reverse("portal:municipality", args=[municipality.slug]) in html
        assert reverse("portal:municipality", args=[sibling_municipality.slug]) in html


class TestMunicipalityPage:
    def test_it_groups_active_associations_by_kind(
        self, client, municipality, association, published
    ):
        council = AssociationFactory(
            municipality=municipality, kind=AssociationKind.COUNCIL, name="Методический совет"
        )
        html = client.get(reverse("portal:municipality", args=[municipality.slug])).text
        mmo = html.index("<h3>Муниципальное методическое объединение (ММО)</h3>")
        assert mmo < html.index(association.name) and mmo < html.index(published.name)
        assert mmo < html.index("<h3>Методический совет</h3>") < html.index(council.name)
        # Only the published passport is a link.
        assert reverse("portal:passport", args=[municipality.slug, published.pk]) in html
        assert reverse("portal:passport", args=[municipality.slug, association.pk]) not in html
        assert "паспорт ещё не опубликован" in html

    def test_it_shows_published_plans_only(self, client, municipality, association, published_plan):
        for status in (
            PlanStatus.DRAFT,
            PlanStatus.ADOPTED,
            PlanStatus.AGREED,
            PlanStatus.APPROVED,
        ):
            PlanFactory(
                association=AssociationFactory(municipality=municipality),
                status=status,
                theme=f"Тема в статусе {status}",
            )
        html = client.get(reverse("portal:municipality", args=[municipality.slug])).text
        assert reverse("portal:plan", args=[municipality.slug, published_plan.pk]) in html
        assert html.count(f"/p/{municipality.slug}/plans/") == 1

    def test_it_shows_upcoming_planned_events_without_their_details(self, client, municipality):
        soon = dt.datetime(2025, 12, 3, 10, 0, tzinfo=dt.UTC)
        EventFactory(
            municipality=municipality,
            title="Семинар для всех",
            starts_at=soon,
            description="Ведущая Иванова, телефон 8-900-000-00-00",
            online_url="https://meet.example/secret-room",
        )
        EventFactory(
            municipality=municipality,
            title="Отменённый семинар",
            starts_at=soon,
            status=EventStatus.CANCELLED,
        )
        EventFactory(
            municipality=municipality,
            title="Прошедший семинар",
            starts_at=dt.datetime(2025, 10, 1, 10, 0, tzinfo=dt.UTC),
        )
        html = client.get(reverse("portal:municipality", args=[municipality.slug])).text
        assert "Семинар для всех" in html and "03.12.2025" in html
        for absent in ("Отменённый семинар", "Прошедший семинар", "8-900", "secret-room"):
            assert absent not in html

    def test_it_runs_the_same_queries_for_3_and_30_associations(
        self, client, municipality, django_assert_num_queries
    ):
        def add(n):
            for association in AssociationFactory.create_batch(n, municipality=municipality):
                PassportFactory(association=association)
                HeadAppointmentFactory(association=association, teacher__last_name="Глава")
                MembershipFactory.create_batch(2, association=association)
                PlanFactory(association=association, status=PlanStatus.PUBLISHED)
                EventFactory(
                    municipality=municipality,
                    association=association,
                    starts_at=dt.datetime(2025, 12, 1, 10, 0, tzinfo=dt.UTC),
                )

        url = reverse("portal:municipality", args=[municipality.slug])
        # the municipality, the associations (member count and passport joined), their
        # heads today, the network groups' base organisations, the published plans, the
        # upcoming events
        add(3)
        with django_assert_num_queries(6):
            html = client.get(url).text
        assert html.count("Глава") == 3
        add(30)
        with django_assert_num_queries(6):
            html = client.get(url).text
        assert html.count("Глава") == 33


class TestPassportPage:
    def test_it_shows_the_passport(self, client, municipality, published, published_plan):
        order = OrderFactory(municipality=municipality, number="45-од", date=dt.date(2024, 8, 20))
        head = HeadAppointmentFactory(
            association=published,
            order=order,
            teacher__last_name="Смирнова",
            teacher__position="учитель истории",
            starts_on=dt.date(2024, 9, 1),
            ends_on=dt.date(2027, 8, 31),
        )
        MembershipFactory.create_batch(3, association=published)
        MembershipFactory(association=published, left_on=dt.date(2024, 5, 1))
        html = client.get(reverse("portal:passport", args=[municipality.slug, published.pk])).text
        assert head.teacher.full_name in html
        assert "учитель истории" in html and str(head.teacher.organisation) in html
        assert "№ 45-од от 20.08.2024" in html
        assert "01.09.2024 — 31.08.2027" in html
        assert published_plan.theme in html and "Семинар об источниках" in html
        assert "<dt>Участников</dt><dd>3</dd>" in html.replace("\n", "")

    def test_it_shows_the_current_and_previous_plan_but_no_unpublished_one(
        self, client, municipality, published, published_plan
    ):
        PlanFactory(
            association=published,
            school_year=2024,
            status=PlanStatus.PUBLISHED,
            theme="Тема прошлого года",
        )
        PlanFactory(
            association=published,
            school_year=2023,
            status=PlanStatus.PUBLISHED,
            theme="Тема позапрошлого года",
        )
        draft = PlanFactory(association=published, school_year=2026, theme="Черновик темы")
        PlanItemFactory(plan=draft, date=dt.date(2026, 10, 1), topic="Тайный пункт")
        html = client.get(reverse("portal:passport", args=[municipality.slug, published.pk])).text
        assert "Тема прошлого года" in html
        for absent in ("Тема позапрошлого года", "Черновик темы", "Тайный пункт"):
            assert absent not in html
        assert (
            client.get(reverse("portal:plan", args=[municipality.slug, draft.pk])).status_code
            == 404
        )

    @pytest.mark.parametrize(
        "status", [PlanStatus.DRAFT, PlanStatus.ADOPTED, PlanStatus.AGREED, PlanStatus.APPROVED]
    )
    def test_an_unpublished_plan_never_shows(self, client, municipality, published, status):
        plan = PlanFactory(association=published, status=status, theme="Неопубликованная тема")
        PlanItemFactory(plan=plan, topic="Неопубликованный пункт")
        html = client.get(reverse("portal:passport", args=[municipality.slug, published.pk])).text
        assert "Неопубликованная тема" not in html and "Неопубликованный пункт" not in html
        assert "план на 2025/2026 ещё не опубликован" in html
        assert (
            client.get(reverse("portal:plan", args=[municipality.slug, plan.pk])).status_code == 404
        )

    def test_it_shows_no_personal_data_of_teachers(
        self, client, municipality, published, published_plan
    ):
        head = HeadAppointmentFactory(
            association=published,
            teacher__email="head@example.org",
            teacher__phone="+7 900 111-22-33",
            teacher__birth_date=dt.date(1975, 4, 7),
        ).teacher
        member = MembershipFactory(
            association=published,
            teacher__last_name="Участникова",
            teacher__email="member@example.org",
            teacher__phone="+7 900 444-55-66",
            teacher__birth_date=dt.date(1988, 2, 9),
            teacher__awards="Почётная грамота Минпросвещения",
        ).teacher
        item = published_plan.items.get()
        item.responsible.set([member])
        item.responsible_note = "Методист Секретова"
        item.save()
        meeting = MeetingFactory(association=published, date=dt.date(2025, 12, 10), chair=member)
        AgendaItemFactory(meeting=meeting, title="Секретный вопрос повестки")
        pages = [
            client.get(reverse("portal:passport", args=[municipality.slug, published.pk])).text,
            client.get(reverse("portal:plan", args=[municipality.slug, published_plan.pk])).text,
            client.get(reverse("portal:municipality", args=[municipality.slug])).text,
        ]
        assert "Заседание № 1" in pages[0] and "10.12.2025" in pages[0]
        for html in pages:
            for absent in (
                member.last_name,
                "member@example.org",
                "444-55-66",
                "09.02.1988",
                "1988-02-09",
                "Почётная грамота",
                "head@example.org",
                "111-22-33",
                "07.04.1975",
                "1975-04-07",
                "Секретова",
                "Секретный вопрос",
            ):
                assert absent not in html
        assert head.full_name in pages[0]

    def test_it_runs_the_same_queries_for_3_and_30_plan_items(
        self, client, municipality, published, published_plan, django_assert_num_queries
    ):
        HeadAppointmentFactory(association=published)
        url = reverse("portal:passport", args=[municipality.slug, published.pk])

        def add(n):
            PlanItemFactory.create_batch(n, plan=published_plan)
            MembershipFactory.create_batch(n, association=published)
            for i in range(n):
                EventFactory(
                    municipality=municipality,
                    association=published,
                    starts_at=dt.datetime(2025, 12, 1 + i % 28, 10, 0, tzinfo=dt.UTC),
                )

        # the municipality, the association (member count, passport), its head, its base
        # organisations (a network group's), the plans,
        # their items, the meetings, the events; then the year's results: their counts of
        # this and last year, the events held and the bank's practices, and the indicators
        # (computed once, then from the cache, which is emptied here to count them too)
        from django.core.cache import cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        add(3)
        cache.clear()
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        add(27)
        cache.clear()
        with CaptureQueriesContext(connection) as many:
            response = client.get(url)
        assert len(many) == len(few)
        cache.clear()
        client.get(url)
        with django_assert_num_queries(8 + 12):  # 5 counts a year, held events, practices
            client.get(url)
        assert len(response.context["plans"][0][0].public_items) == 31


class TestBackOffice:
    @pytest.mark.parametrize(
        ("role", "button"),
        [("methodist", True), ("head", True), ("teacher", False), ("other_head", False)],
    )
    def test_the_association_page_offers_publishing_to_who_may(
        self, client_for, association, role, button
    ):
        html = client_for(role).get(association.get_absolute_url()).text
        assert "Паспорт на портале" in html
        assert (reverse("portal:publish", args=[association.pk]) in html) is button

    def test_the_footer_and_the_login_page_link_the_portal(self, client, client_for, municipality):
        login = client.get(reverse("accounts:login")).text
        assert reverse("portal:index") in login and "без входа" in login
        home = client_for("methodist").get(reverse("home:home")).text
        assert reverse("portal:municipality", args=[municipality.slug]) in home


class TestPublishing:
    @pytest.mark.parametrize(
        ("role", "status"),
        [
            ("methodist", 302),
            ("head", 302),
            ("platform_admin", 302),
            ("other_head", 403),
            ("teacher", 403),
            ("coordinator", 403),
            ("methodist_other", 404),
            ("anonymous", 302),
        ],
    )
    def test_publish_and_unpublish_per_role(self, client_for, users, association, role, status):
        client = client_for(role)
        response = client.post(reverse("portal:publish", args=[association.pk]))
        assert response.status_code == status
        passport = Passport.objects.filter(association=association).first()
        allowed = role in ("methodist", "head", "platform_admin")
        assert (passport is not None and passport.is_published) is allowed
        if allowed:
            assert response["Location"] == association.get_absolute_url()
            assert passport.published_by == users[role]
            assert passport.history.first().history_user == users[role]
        else:
            PassportFactory(association=association)
        response = client.post(reverse("portal:unpublish", args=[association.pk]))
        assert response.status_code == status
        passport = Passport.objects.get(association=association)
        assert passport.is_published is not allowed

    def test_the_history_keeps_who_published_and_who_withdrew(self, client_for, users, association):
        client_for("head").post(reverse("portal:publish", args=[association.pk]))
        client_for("methodist").post(reverse("portal:unpublish", args=[association.pk]))
        passport = Passport.objects.get(association=association)
        records = list(passport.history.order_by("history_id"))
        # The first record is the publication itself, not an empty passport.
        assert [(r.history_user, r.published_at is not None) for r in records] == [
            (users["head"], True),
            (users["methodist"], False),
        ]
        assert passport.published_at is None and passport.published_by is None
        html = client_for("head").get(association.get_absolute_url()).text
        history = html[html.index("История публикации") :]
        history = history[: history.index("</ul>")]
        withdrawn, published = re.findall(r"</time>([^<]+)</li>", history)
        assert withdrawn.startswith("снят с публикации") and published.startswith("опубликован")

    def test_publishing_twice_is_refused_in_words(self, client_for, association):
        PassportFactory(association=association)
        before = Passport.objects.get(association=association).published_at
        response = client_for("methodist").post(
            reverse("portal:publish", args=[association.pk]), follow=True
        )
        assert "Паспорт уже опубликован." in response.text
        assert Passport.objects.get(association=association).published_at == before

    def test_withdrawing_an_unpublished_passport_is_refused_in_words(self, client_for, association):
        response = client_for("methodist").post(
            reverse("portal:unpublish", args=[association.pk]), follow=True
        )
        assert "Паспорт не опубликован." in response.text
        assert not Passport.objects.filter(association=association).exists()

    def test_a_liquidated_association_cannot_publish(self, client_for, association):
        association.status = AssociationStatus.LIQUIDATED
        association.liquidated_on = dt.date(2025, 11, 1)
        association.save()
        response = client_for("methodist").post(
            reverse("portal:publish", args=[association.pk]), follow=True
        )
        assert "У ликвидированного объединения нет паспорта" in response.text
        assert not Passport.objects.filter(association=association).exists()

    def test_the_public_page_appears_and_disappears(
        self, client, client_for, association, municipality
    ):
        url = reverse("portal:passport", args=[municipality.slug, association.pk])
        assert client.get(url).status_code == 404
        client_for("head").post(reverse("portal:publish", args=[association.pk]))
        client.logout()
        assert client.get(url).status_code == 200
        client_for("head").post(reverse("portal:unpublish", args=[association.pk]))
        client.logout()
        assert client.get(url).status_code == 404


class TestAdmin:
    def test_the_admin_lists_passports_read_only(self, client_for, published):
        client = client_for("platform_admin")
        response = client.get(reverse("admin:portal_passport_changelist"))
        assert response.status_code == 200 and published.name in response.text
        assert client.get(reverse("admin:portal_passport_add")).status_code == 403
