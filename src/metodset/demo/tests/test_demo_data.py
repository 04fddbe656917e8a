"""Read-only checks of one small demo, loaded once for the module."""

import datetime as dt
import random
from collections import Counter

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings
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
from metodset.demo.generator import add_years, demo_load
from metodset.orgs.models import AuthorityHead, Organisation, OrganisationKind
from metodset.people.models import Gender, SelfEducationTheme, Teacher
from metodset.regulations.models import RegulationVersion

from .common import EXPECTED, SMALL

pytestmark = pytest.mark.django_db

FROZEN = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC)  # "today" of /work/main/conftest.py


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """One small demo shared by the read-only tests of a module, rolled back at the end.

    It is built on the suite's frozen "today" (conftest), which the rules about terms
    ending soon depend on.
    """
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # the demo bank's files go to a folder of this module's, never into var/
        PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"),
    )
    with django_db_blocker.unblock(), fast, transaction.atomic():
        with time_machine.travel(FROZEN, tick=False):
            demo_load(teachers=SMALL)
        yield
        transaction.set_rollback(True)


def sample(queryset, size=60):
    rows = list(queryset)
    return random.Random(1).sample(rows, min(size, len(rows)))


@pytest.mark.usefixtures("loaded")
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

    def test_it_gives_the_coordinator_exactly_rubtsovsk_and_biysk_district(self):
        coordinator = User.objects.get(role=Role.REGIONAL_COORDINATOR)
        visible = set(Municipality.objects.for_user(coordinator).values_list("slug", flat=True))
        assert visible == {"rubtsovsk", "biysk-rayon"}
        teachers = Teacher.objects.for_user(coordinator)
        assert set(teachers.values_list("municipality__slug", flat=True)) == visible

    def test_it_gives_every_municipality_its_settlement_and_a_signatory_for_every_order(self):
        settlements = dict(Municipality.objects.values_list("slug", "settlement"))
        assert settlements == {
            "rubtsovsk": "г. Рубцовск",
            "biysk-rayon": "г. Бийск",
            "kuznetsk": "г. Кузнецк",
            "vesyegonsk": "г. Весьегонск",
            "choya": "с. Чоя",
        }
        for municipality in Municipality.objects.all():
            heads = list(AuthorityHead.objects.filter(municipality=municipality))
            assert len(heads) == 2  # the present head and a predecessor
            assert sum(h.in_office_on(FROZEN.date()) for h in heads) == 1
            orders = Order.objects.filter(municipality=municipality)
            days = set(orders.values_list("date", flat=True))
            assert days and all(any(h.in_office_on(day) for h in heads) for day in days)

    def test_it_gives_every_municipality_its_authority_service_and_schools(self):
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


@pytest.mark.usefixtures("loaded")
class TestRecords:
    def test_it_makes_records_that_pass_full_clean(self):
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

    def test_it_numbers_orders_uniquely_and_in_date_order_within_a_year(self):
        for municipality in Municipality.objects.all():
            by_year = {}
            for order in Order.objects.filter(municipality=municipality).order_by("date", "pk"):
                by_year.setdefault(order.year, []).append(order)
            for orders in by_year.values():
                numbers = [int(o.number) for o in orders]
                assert len(set(numbers)) == len(numbers)
                assert numbers == sorted(numbers)

    def test_it_loads_every_municipality_s_regulation_as_data(self):
        for municipality in Municipality.objects.all():
            version = RegulationVersion.objects.get(regulation__municipality=municipality)
            assert version.rules
        kuznetsk = RegulationVersion.objects.get(regulation__municipality__slug="kuznetsk")
        assert kuznetsk.order == Order.objects.get(
            municipality__slug="kuznetsk", kind=OrderKind.REGULATION
        )

    def test_it_keeps_the_real_numbers_of_the_seed_orders(self):
        kuznetsk = Order.objects.get(municipality__slug="kuznetsk", kind=OrderKind.REGULATION)
        assert (kuznetsk.number, kuznetsk.date) == ("157", dt.date(2024, 9, 9))
        choya = Order.objects.get(municipality__slug="choya", kind=OrderKind.REGULATION)
        assert (choya.number, choya.date) == ("123", dt.date(2020, 8, 10))

    def test_it_gives_every_association_but_a_school_one_a_creation_order(self):
        for association in Association.objects.select_related("creation_order"):
            if association.kind == AssociationKind.SHMO:
                assert association.creation_order is None
                assert association.parent is not None
                assert association.organisation is not None
            else:
                assert association.creation_order.date <= association.founded_on

    def test_it_liquidates_one_association_per_municipality_by_order(self):
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

    def test_it_ends_two_terms_soon_and_leaves_one_vacancy_per_municipality(self):
        today = timezone.localdate()
        for municipality in Municipality.objects.all():
            active = Association.objects.filter(municipality=municipality).active()
            current = HeadAppointment.objects.current().filter(association__in=active)
            ending = current.filter(ends_on__lte=today + dt.timedelta(days=60))
            assert ending.count() == 2, municipality
            assert active.exclude(pk__in=current.values("association")).count() == 1

    def test_it_keeps_head_terms_within_three_years_after_their_orders(self):
        for appointment in HeadAppointment.objects.select_related("order"):
            assert appointment.ends_on <= add_years(appointment.starts_on, 3)
            if appointment.order:
                assert appointment.order.kind == OrderKind.APPOINTMENT
                assert appointment.order.date <= appointment.starts_on

    def test_it_makes_heads_members_and_lets_some_members_leave(self):
        for appointment in HeadAppointment.objects.all():
            assert Membership.objects.filter(
                association=appointment.association,
                teacher=appointment.teacher,
                joined_on__lte=appointment.starts_on,
            ).exists()
        active = Membership.objects.filter(association__status=AssociationStatus.ACTIVE)
        assert active.exclude(left_on=None).exists()

    def test_it_links_the_head_login_to_a_head_and_the_teacher_login_to_his_member(self):
        for slug in EXPECTED:
            head = User.objects.get(email=f"head@{slug}.metodset.demo")
            assert head.role == Role.TEACHER
            assert head.is_head
            teacher = User.objects.get(email=f"teacher@{slug}.metodset.demo")
            assert not teacher.is_head
            assert Membership.objects.current().filter(teacher__user=teacher).exists()
            # The head sees his member's card: the demo shows the narrowing at work.
            assert Teacher.objects.for_user(head).filter(user=teacher).exists()


@pytest.mark.usefixtures("loaded")
class TestNetworkGroups:
    def test_it_keeps_active_network_groups_with_their_network_attributes(self):
        """004 §3.3.2 (Чойский район) and 001 §3.6 (Кузнецк): network structures at work."""
        today = timezone.localdate()
        active = (
            Association.objects.active()
            .filter(kind=AssociationKind.NETWORK)
            .prefetch_related("base_organisations", "partner_organisations")
        )
        by_slug = Counter(active.values_list("municipality__slug", flat=True))
        assert by_slug["choya"] >= 1 and by_slug["kuznetsk"] >= 1, by_slug
        subtypes = set()
        for group in active:
            subtypes.add(group.network_subtype)
            assert group.network_subtype and group.task, group
            assert group.planned_end > today, group
            assert not group.network_ended(today) and not group.result_report, group
            bases = list(group.base_organisations.all())
            partners = list(group.partner_organisations.all())
            assert bases and partners, group
            assert {o.municipality_id for o in bases + partners} == {group.municipality_id}
            assert not {o.pk for o in bases} & {o.pk for o in partners}
            assert HeadAppointment.objects.current().filter(association=group).exists(), group
            # members besides the head; 8–30 at full size (test_demo.TestFullScale)
            assert group.memberships.current().count() >= 2, group
        assert len(subtypes) >= 2

    def test_it_keeps_network_heads_off_the_council(self):
        council = Association.objects.get(municipality__slug="choya", kind=AssociationKind.COUNCIL)
        heads = HeadAppointment.objects.current().filter(
            association__kind=AssociationKind.NETWORK,
            association__municipality__slug="choya",
        )
        members = set(council.memberships.current().values_list("teacher", flat=True))
        standing_heads = set(
            HeadAppointment.objects.current()
            .filter(association__municipality__slug="choya")
            .exclude(association__kind=AssociationKind.NETWORK)
            .values_list("teacher", flat=True)
        )
        only_network = {a.teacher_id for a in heads} - standing_heads
        assert not only_network & members


@pytest.mark.usefixtures("loaded")
class TestObservations:
    def test_it_shows_observations_acknowledged_online_on_paper_and_waiting(self):
        from metodset.schools.models import Observation

        online = Observation.objects.filter(acknowledged_by__isnull=False)
        assert online.exists()
        for observation in online.select_related("teacher", "visit"):
            # by the observed teacher himself, after the lesson
            assert observation.acknowledged_by_id == observation.teacher.user_id
            assert observation.acknowledged_on >= observation.visit.date
        assert Observation.objects.filter(acknowledged_on__isnull=True).exists()
        paper = Observation.objects.filter(acknowledged_by__isnull=True)
        assert paper.filter(acknowledged_on__isnull=False).exists()


@pytest.mark.usefixtures("loaded")
class TestPeople:
    def test_it_agrees_names_with_the_gender(self):
        for teacher in Teacher.objects.all():
            if teacher.gender == Gender.FEMALE:
                assert teacher.patronymic.endswith(("вна", "чна")), teacher
                assert not teacher.last_name.endswith(("ов", "ев", "ёв", "ин", "ский", "ой")), (
                    teacher
                )
            else:
                assert teacher.patronymic.endswith("ич"), teacher
                assert not teacher.last_name.endswith(("ова", "ева", "ина", "ская", "ая")), teacher

    def test_it_agrees_dates_with_the_age(self):
        for teacher in Teacher.objects.all():
            assert 1960 <= teacher.birth_date.year <= 2001
            assert teacher.working_since <= teacher.teaching_since
            assert teacher.teaching_since >= add_years(teacher.birth_date, 18)
            assert teacher.graduation_year >= teacher.birth_date.year + 18
            assert teacher.teaching_since.year >= teacher.graduation_year - 1 or (
                teacher.working_since.year >= teacher.graduation_year - 1
            )

    def test_it_gives_most_teachers_a_theme_for_the_current_school_year(self):
        year = SchoolYear.current().start_year
        active = Teacher.objects.filter(is_active=True)
        with_theme = active.filter(self_education_themes__school_year=year).count()
        assert with_theme >= active.count() * 0.6


@pytest.mark.usefixtures("loaded")
class TestPlansAndMinutes:
    def test_every_municipality_has_plans_of_both_years_and_signed_minutes(self):
        from metodset.meetings.models import Meeting
        from metodset.plans.models import Plan

        for slug in EXPECTED:
            years = set(
                Plan.objects.filter(municipality__slug=slug).values_list("school_year", flat=True)
            )
            assert years == {2024, 2025}, slug
            signed = Meeting.objects.filter(municipality__slug=slug, signed_at__isnull=False)
            assert signed.filter(school_year=2024).exists() and signed.exists(), slug

    def test_the_minutes_obey_the_services_rules(self):
        from metodset.meetings.models import Meeting
        from metodset.meetings.services import minutes_problems

        for meeting in sample(Meeting.objects.filter(signed_at__isnull=False), 20):
            assert minutes_problems(meeting) == [], meeting
            assert meeting.attendance.filter(teacher=meeting.chair, present=True).exists()

    def test_the_plan_rules_of_the_compliance_matrix_read_real_plans(self):
        from metodset.associations.models import Association
        from metodset.regulations.checks import check_many
        from metodset.regulations.kinds import Status

        associations = list(Association.objects.active().filter(municipality__slug="kuznetsk"))
        verdicts = check_many(associations)
        plan_statuses = {
            v.result.status
            for per in verdicts.values()
            for v in per
            if v.rule.kind == "annual_plan"
        }
        assert Status.NO_DATA not in plan_statuses and plan_statuses

    def test_the_service_has_its_own_plan_behind_its_orders(self):
        """004 §4.1: «Об утверждении плана работы ММС» has the service's plan behind it."""
        from metodset.plans.models import Plan, PlanOwner

        for slug in EXPECTED:
            orders = Order.objects.filter(
                municipality__slug=slug,
                kind=OrderKind.PLAN,
                title__startswith="Об утверждении плана работы муниципальной методической",
            )
            service = Plan.objects.filter(municipality__slug=slug, owner=PlanOwner.SERVICE)
            assert service.count() == orders.count() > 0, slug
            assert all(plan.association_id is None for plan in service)
        linked = Plan.objects.filter(owner=PlanOwner.SERVICE, approval_order__isnull=False)
        assert linked.exists()
