"""Each indicator on a small data set whose value is computed by hand in the test."""

import datetime as dt

import pytest
from django.db import connection

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core.dates import SchoolYear
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.growth.models import Diagnostic, Mentoring, PDCourse, RegionalMethodistStatus, Route
from metodset.indicators.compute import for_associations, for_municipalities, numerator_teachers
from metodset.people.tests.factories import TeacherFactory

YEAR = SchoolYear(2025)  # 01.09.2025 – 31.08.2026


@pytest.fixture
def members(municipality):
    """Four members during 2025/2026, plus two who do not count."""
    association = AssociationFactory(municipality=municipality)
    teachers = [
        MembershipFactory(association=association, joined_on=dt.date(2022, 9, 1)).teacher
        for _ in range(4)
    ]
    MembershipFactory(
        association=association, joined_on=dt.date(2020, 9, 1), left_on=dt.date(2025, 6, 1)
    )
    MembershipFactory(association=association, joined_on=dt.date(2026, 9, 2))
    return association, teachers


def values(association):
    return for_associations([association.pk], YEAR)[association.pk]


@pytest.mark.django_db
class TestAssociationIndicators:
    def test_event_participation_share(self, members):
        association, (a, b, c, d) = members
        event = EventFactory(municipality=association.municipality, association=association)
        ParticipationFactory(event=event, teacher=a, attended=True)
        ParticipationFactory(event=event, teacher=b, attended=True)
        ParticipationFactory(event=event, teacher=c, attended=False)  # registered, did not come
        other = EventFactory(municipality=association.municipality)  # not the association's
        ParticipationFactory(event=other, teacher=d, attended=True)
        value = values(association)["event_participation_share"]
        # 2 of the 4 members attended an event of the association: 2 / 4 = 50 %
        assert (value.numerator, value.denominator, value.value) == (2, 4, 50.0)
        assert set(
            numerator_teachers("event_participation_share", YEAR, association=association)
        ) == {a, b}

    def test_diagnostics_share(self, members):
        association, (a, b, *_rest) = members
        Diagnostic.objects.create(teacher=a, date=dt.date(2025, 10, 1), instrument="ЕФОМ")
        Diagnostic.objects.create(
            teacher=b, date=dt.date(2025, 8, 31), instrument="ЕФОМ"
        )  # last year
        # 1 of 4: 25 %
        assert values(association)["diagnostics_share"].value == 25.0

    def test_federal_registry_after_diagnostics_share(self, members):
        association, (a, b, c, _d) = members
        course = {
            "program": "П",
            "provider": "АКИПКРО",
            "hours": 36,
            "starts_on": dt.date(2025, 10, 1),
            "ends_on": dt.date(2025, 10, 20),
        }
        PDCourse.objects.create(
            teacher=a, in_federal_registry=True, after_diagnostics=True, **course
        )
        PDCourse.objects.create(
            teacher=b, in_federal_registry=True, after_diagnostics=False, **course
        )
        PDCourse.objects.create(
            teacher=c, in_federal_registry=False, after_diagnostics=True, **course
        )
        # only a: 1 / 4 = 25 %
        assert values(association)["dpo_federal_registry_share"].value == 25.0

    def test_route_shares(self, members):
        association, (a, b, c, _d) = members
        Route.objects.create(
            teacher=a,
            school_year=2025,
            title="ИОМ",
            status="completed",
            completed_on=dt.date(2026, 5, 1),
        )
        Route.objects.create(teacher=b, school_year=2025, title="ИОМ")
        Route.objects.create(teacher=c, school_year=2024, title="ИОМ прошлого года")
        result = values(association)
        # with a route this year: a, b -> 2 / 4 = 50 %
        assert result["iom_share"].value == 50.0
        # completed among those with a route: a of (a, b) -> 1 / 2 = 50 %
        assert (
            result["iom_completed_share"].numerator,
            result["iom_completed_share"].denominator,
        ) == (1, 2)

    def test_regional_methodists(self, members):
        association, (a, *_rest) = members
        RegionalMethodistStatus.objects.create(teacher=a, starts_on=dt.date(2024, 1, 1))
        result = values(association)
        # 1 of 4 = 25 %; 4 teachers per 1 regional methodist
        assert result["regional_methodist_share"].value == 25.0
        assert result["teachers_per_regional_methodist"].value == 4.0

    def test_young_teachers_supported(self, members, municipality):
        association, (a, b, c, _d) = members
        for young in (a, b):
            young.birth_date = dt.date(1998, 1, 1)  # 27 on 01.09.2025
            young.save()
        Mentoring.objects.create(teacher=a, mentor=c, starts_on=dt.date(2025, 9, 1))
        # young: a, b; supported: a -> 1 / 2 = 50 %
        value = values(association)["young_teachers_supported_share"]
        assert (value.numerator, value.denominator) == (1, 2)

    def test_indicators_without_data_say_so(self, members):
        association, _teachers = members
        assert values(association)["satisfaction"].value is None
        assert values(association)["satisfaction"].numerator is None


@pytest.mark.django_db
class TestMunicipalityIndicators:
    def test_it_computes_per_municipality(self, municipality, other_municipality):
        mine = TeacherFactory.create_batch(4, organisation__municipality=municipality)
        TeacherFactory(organisation__municipality=other_municipality)
        Diagnostic.objects.create(teacher=mine[0], date=dt.date(2025, 12, 1), instrument="ЕФОМ")
        result = for_municipalities([municipality.pk, other_municipality.pk], YEAR)
        # 1 of 4 = 25 %; the other municipality 0 of 1
        assert result[municipality.pk]["diagnostics_share"].value == 25.0
        assert result[other_municipality.pk]["diagnostics_share"].value == 0.0

    @pytest.mark.parametrize("count", [3, 30])
    def test_it_uses_a_fixed_number_of_queries_for_any_number_of_associations(
        self, municipality, django_assert_num_queries, count
    ):
        from django.core.cache import cache

        associations = AssociationFactory.create_batch(count, municipality=municipality)
        for association in associations:
            MembershipFactory(association=association)
        cache.clear()
        # savepoint + release; the members of every association with every share indicator
        # (their numerators and narrower denominators) in one scan (1), but the event
        # participation, a semi-join on the member's own association (1); experience units,
        # publications and satisfaction one each (3); the roadmap its measures and its
        # assessments (2); on PostgreSQL three SET LOCAL (no JIT, more work_mem, no
        # parallel workers)
        settings_queries = 3 if connection.vendor == "postgresql" else 0
        with django_assert_num_queries(2 + 1 + 1 + 3 + 2 + settings_queries):
            for_associations([a.pk for a in associations], YEAR)

    def test_a_change_of_data_invalidates_the_cache(self, members):
        association, (a, *_rest) = members
        assert values(association)["diagnostics_share"].value == 0.0
        Diagnostic.objects.create(teacher=a, date=dt.date(2025, 10, 1), instrument="ЕФОМ")
        assert values(association)["diagnostics_share"].value == 25.0
