"""The shares in one scan (compute._shares, the attendance summary) give the same values as
one query per indicator (compute._grouped) and as the participations read directly."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Exists, OuterRef

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core.dates import SchoolYear
from metodset.events.models import Participation
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.growth.models import Diagnostic, Mentoring, PDCourse, RegionalMethodistStatus, Route
from metodset.indicators import compute
from metodset.indicators.catalogue import CATALOGUE, EventParticipation, year_bounds
from metodset.people.models import Teacher
from metodset.people.tests.factories import TeacherFactory

MSK = ZoneInfo("Europe/Moscow")
YEARS = [SchoolYear(2024), SchoolYear(2025), SchoolYear(2026)]


class ParticipationsRead(EventParticipation):
    """The definition before the summary: the year's attended participations themselves."""

    def has(self, year, teacher_ref, association_ref):
        starts, ends = year_bounds(year)
        participations = Participation.objects.filter(
            teacher_id=OuterRef(teacher_ref),
            attended=True,
            event__starts_at__gte=starts,
            event__starts_at__lt=ends,
        )
        if association_ref:
            participations = participations.filter(event__association_id=OuterRef(association_ref))
        return Exists(participations)


@pytest.fixture
def mixed(municipality, sibling_municipality):
    """Two associations sharing a member, a municipality next door, events on both sides of
    the turn of the school year, and a record of every kind for some teachers."""
    first, second = (AssociationFactory(municipality=municipality) for _ in range(2))
    a, b, c, d, e = (
        MembershipFactory(association=first, joined_on=dt.date(2023, 9, 1)).teacher
        for _ in range(5)
    )
    MembershipFactory(association=second, teacher=a, joined_on=dt.date(2024, 9, 1))
    MembershipFactory(association=second, teacher=b, joined_on=dt.date(2023, 9, 1))
    # b twice a member of the second association in 2025/2026: counted once
    MembershipFactory(
        association=second, teacher=b, joined_on=dt.date(2020, 9, 1), left_on=dt.date(2025, 10, 1)
    )
    young = TeacherFactory(organisation__municipality=municipality, birth_date=dt.date(1998, 1, 1))
    MembershipFactory(association=second, teacher=young, joined_on=dt.date(2024, 9, 1))
    neighbour = TeacherFactory(organisation__municipality=sibling_municipality)

    def event(association, *moment):
        return EventFactory(
            municipality=municipality,
            association=association,
            starts_at=dt.datetime(*moment, tzinfo=MSK),
        )

    last_minute = event(first, 2025, 8, 31, 23, 59)  # 2024/2025 in Moscow, 2025 in UTC
    first_minute = event(second, 2025, 9, 1, 0, 1)
    own = event(None, 2026, 3, 1, 10)  # the methodical service's own event
    ParticipationFactory(event=last_minute, teacher=a, attended=True)
    ParticipationFactory(event=first_minute, teacher=a, attended=True)
    ParticipationFactory(event=first_minute, teacher=b, attended=False)
    ParticipationFactory(event=own, teacher=c, attended=True)
    ParticipationFactory(event=event(first, 2026, 9, 10, 10), teacher=d, attended=True)
    ParticipationFactory(event=first_minute, teacher=young, attended=True)
    Diagnostic.objects.create(teacher=a, date=dt.date(2025, 10, 1), instrument="ЕФОМ")
    Diagnostic.objects.create(teacher=neighbour, date=dt.date(2025, 10, 1), instrument="ЕФОМ")
    PDCourse.objects.create(
        teacher=b,
        program="Функциональная грамотность",
        provider="ИРО",
        hours=36,
        starts_on=dt.date(2025, 10, 1),
        ends_on=dt.date(2025, 11, 1),
        in_federal_registry=True,
        after_diagnostics=True,
    )
    Route.objects.create(teacher=c, school_year=2025, title="ИОМ", status="completed")
    Route.objects.create(teacher=d, school_year=2025, title="ИОМ")
    RegionalMethodistStatus.objects.create(teacher=e, starts_on=dt.date(2024, 1, 1))
    Mentoring.objects.create(teacher=young, mentor=e, starts_on=dt.date(2025, 9, 1))
    return first, second, (a, b, c, d, e, young)


def per_indicator(rows, group, teacher, year, association, indicator):
    return compute._grouped(rows, group, teacher, indicator, year, association)


@pytest.mark.django_db
class TestOneScan:
    def groupings(self, first, second, municipality, region):
        ids = [first.pk, second.pk]
        return [
            (
                lambda y: compute.members_during(y).filter(association_id__in=ids),
                ids,
                "association_id",
                "teacher_id",
                "association_id",
            ),
            (
                lambda y: Teacher.objects.working().filter(municipality_id__in=[municipality.pk]),
                [municipality.pk],
                "municipality_id",
                "id",
                None,
            ),
            (
                lambda y: Teacher.objects.working().filter(municipality__region_id__in=[region.pk]),
                [region.pk],
                "municipality__region_id",
                "id",
                None,
            ),
        ]

    def test_the_scan_equals_one_query_per_indicator(self, mixed, municipality, region):
        first, second, _teachers = mixed
        compared = 0
        for rows_of, _ids, group, teacher, association in self.groupings(
            first, second, municipality, region
        ):
            for year in YEARS:
                shares, totals = compute._shares(rows_of(year), group, teacher, [year], association)
                assert totals == compute._counts(rows_of(year), group, teacher)
                for code, values in shares[year].items():
                    expected = per_indicator(
                        rows_of(year), group, teacher, year, association, CATALOGUE[code]
                    )
                    assert values == expected, (code, group, year)
                    compared += 1
        # every share indicator was in the scan, but an association's event participation
        assert compared == 3 * (7 + 8 + 8)

    def test_several_years_in_one_scan_equal_each_year_alone(self, mixed, municipality):
        together = compute.for_municipalities_years([municipality.pk], YEARS)
        for year in YEARS:
            rows = Teacher.objects.working().filter(municipality_id__in=[municipality.pk])
            alone = compute._compute(rows, [municipality.pk], "municipality_id", "id", [year], None)
            assert together[year] == alone[year]

    def test_the_summary_gives_the_participations_value(self, mixed, municipality, region):
        first, second, _teachers = mixed
        old = ParticipationsRead("old", "", "", "%")
        for rows_of, _ids, group, teacher, association in self.groupings(
            first, second, municipality, region
        ):
            for year in YEARS:
                new = CATALOGUE["event_participation_share"]
                assert per_indicator(
                    rows_of(year), group, teacher, year, association, new
                ) == per_indicator(rows_of(year), group, teacher, year, association, old)

    def test_hand_checked_values(self, mixed, municipality):
        first, second, _teachers = mixed
        year = SchoolYear(2025)
        by_association = compute.for_associations([first.pk, second.pk], year)
        # first: a, b, c, d, e; attended its events in 2025/2026: nobody (a's was on 31 August,
        # c's was the service's, d's is in 2026/2027): 0 of 5
        assert by_association[first.pk]["event_participation_share"] == compute.Value(0, 5)
        # second: a, b (twice a member), young; attended its first-minute event: a and young
        assert by_association[second.pk]["event_participation_share"] == compute.Value(2, 3)
        # young teachers of second: young, mentored: 1 of 1
        assert by_association[second.pk]["young_teachers_supported_share"] == compute.Value(1, 1)
        # the municipality: a, young and c attended something in 2025/2026 of 6 working
        values = compute.for_municipalities([municipality.pk], year)[municipality.pk]
        assert values["event_participation_share"] == compute.Value(3, 6)
        assert values["diagnostics_share"] == compute.Value(1, 6)  # not the neighbour's
        assert values["iom_completed_share"] == compute.Value(1, 2)
        assert values["teachers_per_regional_methodist"] == compute.Ratio(1, 6)
