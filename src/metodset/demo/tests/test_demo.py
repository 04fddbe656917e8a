import datetime as dt
import io
import random
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from metodset.accounts.models import Role, User
from metodset.acts.models import Order, OrderKind
from metodset.associations.models import (
    Association,
    AssociationKind,
    AssociationStatus,
    HeadAppointment,
    Membership,
)
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality, Region
from metodset.core.tests.factories import MunicipalityFactory
from metodset.demo import data
from metodset.demo.names import feminine_surname, full_name
from metodset.demo.services import add_years, demo_load
from metodset.orgs.models import Organisation, OrganisationKind
from metodset.people.models import Gender, SelfEducationTheme, Teacher

pytestmark = pytest.mark.django_db

SMALL = 12  # teachers per municipality on average: enough for every rule, fast to load
EMAIL = re.compile(r"[\w.-]+@(?:[\w-]+\.)?metodset\.demo")
EXPECTED = {
    "rubtsovsk": ("г. Рубцовск", "Алтайский край"),
    "biysk-rayon": ("Бийский район", "Алтайский край"),
    "kuznetsk": ("г. Кузнецк", "Пензенская область"),
    "vesyegonsk": ("Весьегонский муниципальный округ", "Тверская область"),
    "choya": ("МО «Чойский район»", "Республика Алтай"),
}


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def run(*args) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def output(debug):
    return run("--teachers", str(SMALL))


def sample(queryset, size=60):
    rows = list(queryset)
    return random.Random(1).sample(rows, min(size, len(rows)))


class TestCommand:
    def test_it_refuses_without_debug(self, settings):
        settings.DEBUG = False
        with pytest.raises(CommandError, match="DEBUG"):
            run("--teachers", str(SMALL))
        assert not Municipality.objects.exists()
        assert not User.objects.exists()

    def test_it_rejects_a_teacher_count_out_of_range(self, debug):
        with pytest.raises(CommandError, match="--teachers"):
            run("--teachers", "3")
        assert not Municipality.objects.exists()

    def test_it_prints_the_password_and_one_login_per_role(self, output):
        assert data.PASSWORD in output
        for email in (
            "admin@metodset.demo",
            "coordinator@altai-krai.metodset.demo",
            "methodist@rubtsovsk.metodset.demo",
            "head@rubtsovsk.metodset.demo",
            "teacher@rubtsovsk.metodset.demo",
        ):
            assert email in output
        for slug in EXPECTED:
            for role in ("methodist", "head", "teacher"):
                assert f"{role}@{slug}.metodset.demo" in output

    def test_it_prints_in_russian(self, output):
        assert "Пароль" in output or "пароль" in output
        assert "Региональный координатор" in output

    def test_every_printed_login_works_with_the_printed_password(self, output, client):
        emails = sorted(set(EMAIL.findall(output)))
        assert len(emails) == 2 + 3 * len(EXPECTED)
        for email in emails:
            assert client.login(email=email, password=data.PASSWORD), email
            assert int(client.session["_auth_user_id"]) == User.objects.get(email=email).pk
            client.logout()

    def test_if_empty_changes_nothing_when_the_demo_is_loaded(self, output):
        counts = [m.objects.count() for m in (Teacher, Order, Association, Membership, User)]
        again = run("--if-empty", "--teachers", str(SMALL))
        assert [m.objects.count() for m in (Teacher, Order, Association, Membership, User)] == (
            counts
        )
        assert "уже загружен" in again
        assert set(EMAIL.findall(again)) == set(EMAIL.findall(output))

    def test_it_refuses_to_load_twice_without_if_empty(self, output):
        with pytest.raises(CommandError, match="--if-empty"):
            run("--teachers", str(SMALL))
        assert Municipality.objects.count() == len(EXPECTED)

    def test_if_empty_leaves_a_database_with_other_data_alone(self, debug):
        MunicipalityFactory()
        out = run("--if-empty", "--teachers", str(SMALL))
        assert Municipality.objects.count() == 1
        assert not User.objects.exists()
        assert "не загружен" in out

    def test_if_empty_loads_an_empty_database(self, debug):
        run("--if-empty", "--teachers", str(SMALL))
        assert Municipality.objects.count() == len(EXPECTED)


@pytest.mark.usefixtures("output")
class TestGeography:
    def test_it_creates_the_five_municipalities_in_their_regions(self):
        found = {
            m.slug: (m.name, m.region.name) for m in Municipality.objects.select_related("region")
        }
        assert found == EXPECTED

    def test_it_names_the_real_authorities_and_institutes(self):
        assert (
            Municipality.objects.get(slug="rubtsovsk").authority_name
            == "МКУ «Управление образования» г. Рубцовска"
        )
        assert Municipality.objects.get(slug="biysk-rayon").authority_name == (
            "Комитет администрации Бийского района по образованию и делам молодежи"
        )
        assert "АКИПКРО" in Region.objects.get(name="Алтайский край").institute
        assert "Институт регионального развития" in (
            Region.objects.get(name="Пензенская область").institute
        )
        assert "ТОИУУ" in Region.objects.get(name="Тверская область").institute

    def test_the_coordinator_sees_exactly_rubtsovsk_and_biysk_district(self):
        coordinator = User.objects.get(role=Role.REGIONAL_COORDINATOR)
        visible = set(Municipality.objects.for_user(coordinator).values_list("slug", flat=True))
        assert visible == {"rubtsovsk", "biysk-rayon"}
        teachers = Teacher.objects.for_user(coordinator)
        assert set(teachers.values_list("municipality__slug", flat=True)) == visible

    def test_every_municipality_has_its_authority_service_and_schools(self):
        for municipality in Municipality.objects.all():
            kinds = Counter(
                Organisation.objects.filter(municipality=municipality).values_list(
                    "kind", flat=True
                )
            )
            assert kinds[OrganisationKind.AUTHORITY] == 1
            assert kinds[OrganisationKind.METHODICAL_SERVICE] == 1
            assert kinds[OrganisationKind.SCHOOL] >= 7
            assert kinds[OrganisationKind.KINDERGARTEN] >= 6
            assert kinds[OrganisationKind.ADDITIONAL] >= 2
            assert sum(kinds.values()) >= 20
            assert Organisation.objects.filter(municipality=municipality, is_venue=True).exists()


@pytest.mark.usefixtures("output")
class TestRecords:
    def test_every_record_passes_full_clean(self):
        for model in (
            Municipality,
            Organisation,
            Teacher,
            SelfEducationTheme,
            Order,
            Association,
            HeadAppointment,
            Membership,
            User,
        ):
            rows = sample(model.objects.all())
            assert rows, model
            for row in rows:
                row.full_clean()

    def test_order_numbers_are_unique_and_grow_with_the_date_within_a_year(self):
        for municipality in Municipality.objects.all():
            by_year = {}
            for order in Order.objects.filter(municipality=municipality).order_by("date", "pk"):
                by_year.setdefault(order.year, []).append(order)
            for orders in by_year.values():
                numbers = [int(o.number) for o in orders]
                assert len(set(numbers)) == len(numbers)
                assert numbers == sorted(numbers)

    def test_the_seed_orders_keep_their_real_numbers(self):
        kuznetsk = Order.objects.get(municipality__slug="kuznetsk", kind=OrderKind.REGULATION)
        assert (kuznetsk.number, kuznetsk.date) == ("157", dt.date(2024, 9, 9))
        choya = Order.objects.get(municipality__slug="choya", kind=OrderKind.REGULATION)
        assert (choya.number, choya.date) == ("123", dt.date(2020, 8, 10))

    def test_every_association_but_a_school_one_has_a_creation_order(self):
        for association in Association.objects.select_related("creation_order"):
            if association.kind == AssociationKind.SHMO:
                assert association.creation_order is None
                assert association.parent is not None
                assert association.organisation is not None
            else:
                assert association.creation_order.date <= association.founded_on

    def test_each_municipality_has_one_liquidated_association_with_its_order(self):
        for municipality in Municipality.objects.all():
            liquidated = Association.objects.filter(
                municipality=municipality, status=AssociationStatus.LIQUIDATED
            )
            assert liquidated.count() == 1
            association = liquidated.get()
            assert association.liquidation_order.kind == OrderKind.LIQUIDATION
            assert association.liquidation_order.date <= association.liquidated_on
            assert not association.memberships.current().exists()
            assert not HeadAppointment.objects.current().filter(association=association).exists()

    def test_each_municipality_has_two_terms_ending_soon_and_one_vacancy(self):
        today = timezone.localdate()
        for municipality in Municipality.objects.all():
            active = Association.objects.filter(municipality=municipality).active()
            current = HeadAppointment.objects.current().filter(association__in=active)
            ending = current.filter(ends_on__lte=today + dt.timedelta(days=60))
            assert ending.count() == 2, municipality
            assert active.exclude(pk__in=current.values("association")).count() == 1

    def test_head_terms_last_at_most_three_years_and_follow_their_orders(self):
        for appointment in HeadAppointment.objects.select_related("order"):
            assert appointment.ends_on <= add_years(appointment.starts_on, 3)
            if appointment.order:
                assert appointment.order.kind == OrderKind.APPOINTMENT
                assert appointment.order.date <= appointment.starts_on

    def test_heads_are_members_and_some_members_left(self):
        for appointment in HeadAppointment.objects.all():
            assert Membership.objects.filter(
                association=appointment.association,
                teacher=appointment.teacher,
                joined_on__lte=appointment.starts_on,
            ).exists()
        active = Membership.objects.filter(association__status=AssociationStatus.ACTIVE)
        assert active.exclude(left_on=None).exists()

    def test_the_head_login_heads_and_the_teacher_login_is_a_member(self):
        for slug in EXPECTED:
            head = User.objects.get(email=f"head@{slug}.metodset.demo")
            assert head.role == Role.TEACHER
            assert head.is_head
            teacher = User.objects.get(email=f"teacher@{slug}.metodset.demo")
            assert not teacher.is_head
            assert Membership.objects.current().filter(teacher__user=teacher).exists()
            # The head sees his member's card: the demo shows the narrowing at work.
            assert Teacher.objects.for_user(head).filter(user=teacher).exists()


@pytest.mark.usefixtures("output")
class TestPeople:
    def test_names_agree_with_the_gender(self):
        for teacher in Teacher.objects.all():
            if teacher.gender == Gender.FEMALE:
                assert teacher.patronymic.endswith(("вна", "чна")), teacher
                assert not teacher.last_name.endswith(("ов", "ев", "ёв", "ин", "ский", "ой")), (
                    teacher
                )
            else:
                assert teacher.patronymic.endswith("ич"), teacher
                assert not teacher.last_name.endswith(("ова", "ева", "ина", "ская", "ая")), teacher

    def test_dates_agree_with_the_age(self):
        for teacher in Teacher.objects.all():
            assert 1960 <= teacher.birth_date.year <= 2001
            assert teacher.working_since <= teacher.teaching_since
            assert teacher.teaching_since >= add_years(teacher.birth_date, 18)
            assert teacher.graduation_year >= teacher.birth_date.year + 18
            assert teacher.teaching_since.year >= teacher.graduation_year - 1 or (
                teacher.working_since.year >= teacher.graduation_year - 1
            )

    def test_most_teachers_have_a_theme_for_the_current_school_year(self):
        year = SchoolYear.current().start_year
        active = Teacher.objects.filter(is_active=True)
        with_theme = active.filter(self_education_themes__school_year=year).count()
        assert with_theme >= active.count() * 0.6


class TestNames:
    def test_feminine_surnames(self):
        assert [
            feminine_surname(s)
            for s in ("Иванов", "Ильин", "Покровский", "Полевой", "Ткаченко", "Шмидт", "Черных")
        ] == ["Иванова", "Ильина", "Покровская", "Полевая", "Ткаченко", "Шмидт", "Черных"]

    def test_patronymics_follow_the_gender(self):
        rng = random.Random(5)
        for _i in range(300):
            female = rng.random() < 0.5
            name = full_name(rng, female=female, born=rng.randint(1960, 2001), region="penza")
            assert name.patronymic.endswith("на" if female else "ич")


class TestReproducibility:
    @staticmethod
    def fingerprint(seed: int):
        class Rollback(Exception):
            pass

        result = None
        try:
            with transaction.atomic():
                demo_load(seed=seed, teachers=SMALL)
                result = (
                    sorted(
                        Teacher.objects.values_list(
                            "last_name", "first_name", "patronymic", "birth_date", "position"
                        )
                    ),
                    sorted(Order.objects.values_list("number", "date", "title")),
                    sorted(Membership.objects.values_list("teacher__last_name", "joined_on")),
                )
                raise Rollback
        except Rollback:
            pass
        return result

    def test_the_same_seed_gives_the_same_demo(self):
        assert self.fingerprint(7) == self.fingerprint(7)

    def test_another_seed_gives_another_demo(self):
        assert self.fingerprint(7) != self.fingerprint(8)


class TestFullScale:
    def test_it_loads_the_default_size_with_8_to_30_members_per_association(self, debug):
        demo_load()
        for municipality in Municipality.objects.all():
            count = Teacher.objects.filter(municipality=municipality).count()
            assert 100 <= count <= 300, municipality
            assert Organisation.objects.filter(municipality=municipality).count() >= 20
            associations = Association.objects.filter(municipality=municipality)
            assert 5 <= associations.count() <= 10
            for association in associations.active():
                members = association.memberships.current().count()
                assert 8 <= members <= 30, association
