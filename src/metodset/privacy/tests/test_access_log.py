"""The personal data access log: who saw whose data, written cheaply, read by the right
people, kept for the configured period."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.associations.tests.factories import MembershipFactory
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.growth.models import Attestation
from metodset.people.tests.factories import TeacherFactory
from metodset.privacy.models import AccessKind, AccessLogEntry

API = "/api/v1"


def entries(**filters) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(**filters).order_by("teacher_id"))


@pytest.fixture
def member(association):
    return MembershipFactory(association=association).teacher


@pytest.mark.django_db
class TestWhatIsLogged:
    def test_it_logs_an_opened_card_with_who_when_and_from_where(
        self, client_as, methodist, member
    ):
        url = reverse("people:detail", args=[member.pk])
        client_as(methodist).get(url, REMOTE_ADDR="192.0.2.7")
        [entry] = entries()
        assert (entry.user, entry.teacher, entry.kind) == (methodist, member, AccessKind.CARD)
        assert (entry.municipality_id, entry.path, entry.address) == (
            member.municipality_id,
            url,
            "192.0.2.7",
        )
        assert entry.at.date() == dt.date(2025, 11, 20)

    def test_it_does_not_log_ones_own_card(self, client_as, teacher_user):
        own = teacher_user.teacher_profile
        client = client_as(teacher_user)
        assert client.get(reverse("people:detail", args=[own.pk])).status_code == 200
        assert client.get(reverse("growth:teacher", args=[own.pk])).status_code == 200
        assert entries() == []

    def test_it_logs_the_rows_of_a_list_page_and_of_its_export(
        self, client_as, methodist, municipality, settings
    ):
        settings.METODSET_PAGE_SIZE = 5
        teachers = TeacherFactory.create_batch(7, organisation__municipality=municipality)
        client = client_as(methodist)
        client.get(reverse("people:list"))
        listed = entries(kind=AccessKind.LIST)
        assert len(listed) == 5 and {e.path for e in listed} == {reverse("people:list")}
        client.get(reverse("people:list"), {"export": "xlsx"})
        exported = entries(kind=AccessKind.EXPORT)
        assert [e.teacher_id for e in exported] == sorted(t.pk for t in teachers)

    def test_it_logs_the_members_of_an_association(self, client_as, teacher_user, association):
        members = [MembershipFactory(association=association).teacher for _ in range(3)]
        client_as(teacher_user).get(reverse("associations:detail", args=[association.pk]))
        assert [e.teacher for e in entries(kind=AccessKind.LIST)] == members
        assert {e.user for e in entries()} == {teacher_user}

    def test_it_logs_growth_pages_and_event_participants(
        self, client_as, methodist, municipality, member
    ):
        Attestation.objects.create(
            teacher=member,
            category="first",
            assigned_on=dt.date(2022, 3, 1),
            expires_on=dt.date(2027, 3, 1),
        )
        event = EventFactory(municipality=municipality)
        participant = ParticipationFactory(event=event).teacher
        client = client_as(methodist)
        client.get(reverse("growth:teacher", args=[member.pk]))
        client.get(reverse("growth:attestation"))
        client.get(reverse("events:detail", args=[event.pk]))
        logged = {(e.teacher_id, e.kind, e.path) for e in entries()}
        assert logged == {
            (member.pk, AccessKind.CARD, reverse("growth:teacher", args=[member.pk])),
            (member.pk, AccessKind.LIST, reverse("growth:attestation")),
            (participant.pk, AccessKind.LIST, reverse("events:detail", args=[event.pk])),
        }

    def test_it_logs_api_reads(self, client_as, methodist, municipality, member):
        other = TeacherFactory(organisation__municipality=municipality)
        client = client_as(methodist)
        client.get(f"{API}/teachers/")
        assert {e.teacher_id for e in entries(kind=AccessKind.API)} == {member.pk, other.pk}
        AccessLogEntry.objects.all().delete()
        client.get(f"{API}/teachers/{member.pk}")
        client.get(f"{API}/growth/{member.pk}")
        client.get(f"{API}/associations/memberships/")
        assert [(e.teacher_id, e.path) for e in AccessLogEntry.objects.order_by("pk")] == [
            (member.pk, f"{API}/teachers/{member.pk}"),
            (member.pk, f"{API}/growth/{member.pk}"),
            (member.pk, f"{API}/associations/memberships/"),
        ]

    def test_a_list_page_logs_in_one_insert(
        self,
        client_as,
        methodist,
        municipality,
        django_assert_num_queries,
        django_assert_max_num_queries,
    ):
        client = client_as(methodist)
        TeacherFactory.create_batch(3, organisation__municipality=municipality)
        client.get(reverse("people:list"))  # warm: the same count for 3 and 33 rows
        with django_assert_max_num_queries(10) as three:
            client.get(reverse("people:list"))
        TeacherFactory.create_batch(30, organisation__municipality=municipality)
        with django_assert_num_queries(len(three.captured_queries)):
            client.get(reverse("people:list"))
        inserts = [q for q in three.captured_queries if "privacy_accesslogentry" in q["sql"]]
        assert len(inserts) == 1 and inserts[0]["sql"].startswith("INSERT")


@pytest.fixture
def logged(municipality, other_municipality, methodist):
    """Entries about a member of each municipality, by two users on two days."""
    here = TeacherFactory(organisation__municipality=municipality, last_name="Воронцова")
    there = TeacherFactory(organisation__municipality=other_municipality, last_name="Дальняя")
    reader = UserFactory(role=Role.TEACHER, municipality=municipality, last_name="Смирнова")

    def add(teacher, user, day, kind=AccessKind.CARD):
        return AccessLogEntry.objects.create(
            at=dt.datetime(2025, 11, day, 10, 0, tzinfo=dt.UTC),
            user=user,
            teacher=teacher,
            municipality_id=teacher.municipality_id,
            kind=kind,
            path="/teachers/1/",
        )

    return {
        "mine_by_methodist": add(here, methodist, 10),
        "mine_by_reader": add(here, reader, 12, AccessKind.LIST),
        "theirs": add(there, methodist, 12),
        "here": here,
    }


@pytest.mark.django_db
class TestTheLogPage:
    def test_a_methodist_reads_his_municipality_and_the_admin_everything(
        self, client_as, methodist, platform_admin, logged
    ):
        rows = client_as(methodist).get(reverse("privacy:log")).context["rows"]
        assert set(rows) == {logged["mine_by_methodist"], logged["mine_by_reader"]}
        rows = client_as(platform_admin).get(reverse("privacy:log")).context["rows"]
        assert len(rows) == 3

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"q": "воронц"}, {"mine_by_methodist", "mine_by_reader"}),
            ({"who": "Смирнова"}, {"mine_by_reader"}),
            ({"kind": "list"}, {"mine_by_reader"}),
            ({"since": "2025-11-11"}, {"mine_by_reader"}),
            ({"until": "2025-11-11"}, {"mine_by_methodist"}),
        ],
    )
    def test_it_filters(self, client_as, methodist, logged, query, expected):
        rows = client_as(methodist).get(reverse("privacy:log"), query).context["rows"]
        assert set(rows) == {logged[key] for key in expected}

    def test_the_card_links_to_its_persons_entries(self, client_as, methodist, logged):
        client = client_as(methodist)
        card = client.get(reverse("people:detail", args=[logged["here"].pk]))
        link = f"{reverse('privacy:log')}?teacher={logged['here'].pk}"
        assert link in card.text
        rows = client.get(link).context["rows"]
        # the card just opened is there too
        assert {e.teacher_id for e in rows} == {logged["here"].pk} and len(rows) == 3

    def test_it_reads_with_constant_queries(
        self, client_as, methodist, logged, django_assert_num_queries
    ):
        client = client_as(methodist)
        # session, user, the notifications badge, the user's municipality (layout),
        # the count and the page (with who, whose and the municipality joined)
        with django_assert_num_queries(6):
            client.get(reverse("privacy:log"))
        for _ in range(30):
            AccessLogEntry.objects.create(
                user=methodist,
                teacher=logged["here"],
                municipality_id=logged["here"].municipality_id,
                kind=AccessKind.CARD,
            )
        with django_assert_num_queries(6):
            client.get(reverse("privacy:log"))

    def test_it_exports_to_excel(self, client_as, methodist, logged):
        response = client_as(methodist).get(reverse("privacy:log"), {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        assert values[0][:3] == ["Когда", "Кто", "Чьи данные"]
        assert len(values) == 3 and values[1][2] == logged["here"].full_name

    def test_a_deleted_card_keeps_its_entries(self, client_as, methodist, logged):
        logged["here"].delete()
        page = client_as(methodist).get(reverse("privacy:log"))
        assert f"удалённая карточка № {logged['mine_by_reader'].teacher_id}" in page.text

    def test_the_menu_offers_it_to_those_who_may_read_it(
        self, client_as, methodist, coordinator, teacher_user
    ):
        assert reverse("privacy:log") in client_as(methodist).get(reverse("home:home")).text
        for user in (coordinator, teacher_user):
            assert reverse("privacy:log") not in client_as(user).get(reverse("home:home")).text


@pytest.mark.django_db
class TestRetention:
    def test_the_purge_keeps_the_configured_period(self, settings, logged):
        settings.METODSET_PD_ACCESS_LOG_DAYS = 9
        out = io.StringIO()
        with time_machine.travel(dt.datetime(2025, 11, 20, 12, 0, tzinfo=dt.UTC)):
            call_command("access_log_purge", stdout=out)
        assert "deleted: 1" in out.getvalue()
        assert set(AccessLogEntry.objects.all()) == {logged["mine_by_reader"], logged["theirs"]}

    def test_the_default_is_a_year(self):
        from metodset import settings as project_settings

        assert project_settings.METODSET_PD_ACCESS_LOG_DAYS == 365
