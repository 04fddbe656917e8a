"""The indicators counted from records (experience units, publications) and the expert one
(roadmap), on small data sets whose values are computed by hand in each test."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core.dates import SchoolYear
from metodset.growth.models import Practice, Publication
from metodset.indicators.compute import (
    for_associations,
    for_municipalities,
    for_regions,
    numerator_records,
)
from metodset.indicators.models import ExpertAssessment
from metodset.indicators.services import assessment_save
from metodset.library.models import Practice as AcceptedPractice
from metodset.people.tests.factories import TeacherFactory

YEAR = SchoolYear(2025)  # 01.09.2025 – 31.08.2026


def practice(teacher, on, title="Опыт", status="accepted"):
    """An experience unit accepted after expert review (the library's flow is tested there)."""
    unit = AcceptedPractice.objects.create(
        municipality_id=teacher.municipality_id,
        kind="practice",
        title=title,
        description=title,
        school_year=SchoolYear.of(on).start_year,
        visibility="municipality",
        status=status,
        reviewers_required=2,
        accepted_on=on,
    )
    unit.authors.set([teacher])
    return unit


def publication(teacher, on, title="Статья"):
    return Publication.objects.create(
        teacher=teacher, title=title, venue="infourok.ru", published_on=on
    )


@pytest.fixture
def two_associations(municipality):
    """Association A: a, b, c (c left in June 2025, before the year); B: b, d."""
    first = AssociationFactory(municipality=municipality, name="А")
    second = AssociationFactory(municipality=municipality, name="Б")
    a, b, c, d = TeacherFactory.create_batch(4, organisation__municipality=municipality)
    for teacher in (a, b):
        MembershipFactory(association=first, teacher=teacher, joined_on=dt.date(2023, 9, 1))
    MembershipFactory(
        association=first, teacher=c, joined_on=dt.date(2023, 9, 1), left_on=dt.date(2025, 6, 1)
    )
    for teacher in (b, d):
        MembershipFactory(association=second, teacher=teacher, joined_on=dt.date(2024, 9, 1))
    return first, second, (a, b, c, d)


@pytest.mark.django_db
class TestDisseminationUnits:
    def test_it_counts_the_members_units_accepted_in_the_year(self, two_associations, municipality):
        first, second, (a, b, c, _d) = two_associations
        practice(a, dt.date(2025, 10, 1))
        practice(a, dt.date(2026, 3, 1))
        practice(b, dt.date(2025, 9, 1))
        practice(b, dt.date(2025, 8, 31))  # the previous school year
        practice(c, dt.date(2025, 11, 1))  # c left the association before the year
        # Neither a unit under review nor one the teacher declared himself counts.
        practice(a, dt.date(2025, 10, 2), status="under_review")
        Practice.objects.create(teacher=a, title="Сама", accepted_on=dt.date(2025, 10, 3))
        result = for_associations([first.pk, second.pk], YEAR)
        # A (a, b): a 2 + b 1 = 3; B (b, d): b 1 + d 0 = 1
        assert result[first.pk]["dissemination_units"].value == 3
        assert result[second.pk]["dissemination_units"].value == 1
        # the municipality: every teacher's units in the year, c's too: 2 + 1 + 1 = 4
        town = for_municipalities([municipality.pk], YEAR)[municipality.pk]
        assert town["dissemination_units"].value == 4
        behind = numerator_records("dissemination_units", YEAR, association=first)
        assert {(p.authors.get(), p.accepted_on) for p in behind} == {
            (a, dt.date(2025, 10, 1)),
            (a, dt.date(2026, 3, 1)),
            (b, dt.date(2025, 9, 1)),
        }

    def test_an_association_without_units_has_zero_not_no_data(self, two_associations):
        first, _second, _teachers = two_associations
        value = for_associations([first.pk], YEAR)[first.pk]["dissemination_units"]
        assert value.value == 0

    def test_a_date_in_the_future_is_refused(self, teacher_user):
        unit = Practice(
            teacher=teacher_user.teacher_profile, title="Опыт", accepted_on=dt.date(2025, 12, 1)
        )
        with pytest.raises(ValidationError):  # today is 20.11.2025
            unit.full_clean()


@pytest.mark.django_db
class TestPublications:
    def test_it_counts_each_publication_once_per_association(self, two_associations, municipality):
        first, second, (a, b, _c, d) = two_associations
        # b is a member of A twice in the year (left and came back): still one publication
        MembershipFactory(
            association=first, teacher=b, joined_on=dt.date(2021, 9, 1), left_on=dt.date(2023, 8, 1)
        )
        publication(b, dt.date(2025, 11, 1))
        publication(d, dt.date(2025, 9, 15))
        publication(d, dt.date(2026, 8, 31))
        publication(a, dt.date(2024, 12, 1))  # the previous school year
        result = for_associations([first.pk, second.pk], YEAR)
        # A: b 1 = 1; B: b 1 + d 2 = 3
        assert result[first.pk]["publications"].value == 1
        assert result[second.pk]["publications"].value == 3
        # the municipality: 1 + 2 = 3 (a's is last year's)
        assert (
            for_municipalities([municipality.pk], YEAR)[municipality.pk]["publications"].value == 3
        )


@pytest.mark.django_db
class TestRoadmap:
    def test_an_association_gets_its_assessment_and_a_municipality_the_mean(
        self, two_associations, municipality, sibling_municipality, methodist
    ):
        first, second, _teachers = two_associations
        third = AssociationFactory(municipality=municipality)
        assessment_save(
            user=methodist,
            association=first,
            code="roadmap",
            year=YEAR,
            value=Decimal("80"),
            comment="",
        )
        assessment_save(
            user=methodist,
            association=second,
            code="roadmap",
            year=YEAR,
            value=Decimal("55"),
            comment="",
        )
        result = for_associations([first.pk, second.pk, third.pk], YEAR)
        assert result[first.pk]["roadmap"].value == 80.0
        assert result[second.pk]["roadmap"].value == 55.0
        assert result[third.pk]["roadmap"].value is None  # not assessed: no data, not zero
        # municipality: (80 + 55) / 2 assessed = 67.5
        town = for_municipalities([municipality.pk], YEAR)[municipality.pk]["roadmap"]
        assert (town.numerator, town.denominator, town.value) == (Decimal("135.0"), 2, 67.5)
        # region: the sibling municipality adds 40 → (80 + 55 + 40) / 3 = 58.3
        elsewhere = AssociationFactory(municipality=sibling_municipality)
        ExpertAssessment.objects.create(
            municipality=sibling_municipality,
            association=elsewhere,
            code="roadmap",
            school_year=2025,
            value=40,
            author=methodist,
        )
        region = for_regions([municipality.region_id], YEAR)[municipality.region_id]
        assert region["roadmap"].value == 58.3

    def test_the_author_is_kept_and_a_second_assessment_replaces_the_first(
        self, two_associations, methodist
    ):
        first, _second, _teachers = two_associations
        assessment_save(
            user=methodist,
            association=first,
            code="roadmap",
            year=YEAR,
            value=Decimal("50"),
            comment="план",
        )
        assessment_save(
            user=methodist,
            association=first,
            code="roadmap",
            year=YEAR,
            value=Decimal("70"),
            comment="выполнено 7 из 10 мероприятий",
        )
        saved = ExpertAssessment.objects.get()
        assert (saved.value, saved.author, saved.comment) == (
            Decimal("70"),
            methodist,
            "выполнено 7 из 10 мероприятий",
        )
        assert saved.history.count() == 2
        assert list(numerator_records("roadmap", YEAR, association=first)) == [saved]

    @pytest.mark.parametrize("value", [Decimal("-1"), Decimal("100.1")])
    def test_a_value_outside_0_100_is_refused(self, two_associations, methodist, value):
        first, _second, _teachers = two_associations
        with pytest.raises(ValidationError):
            assessment_save(
                user=methodist,
                association=first,
                code="roadmap",
                year=YEAR,
                value=value,
                comment="",
            )
        assert not ExpertAssessment.objects.exists()

    def test_only_expert_indicators_take_an_assessment(self, two_associations, methodist):
        first, _second, _teachers = two_associations
        with pytest.raises(ValidationError):
            assessment_save(
                user=methodist,
                association=first,
                code="iom_share",
                year=YEAR,
                value=Decimal("50"),
                comment="",
            )


@pytest.mark.django_db
class TestRegion:
    def test_a_region_counts_the_teachers_of_all_its_municipalities(
        self, municipality, sibling_municipality, other_municipality
    ):
        from metodset.growth.models import Diagnostic

        mine = TeacherFactory.create_batch(3, organisation__municipality=municipality)
        theirs = TeacherFactory.create_batch(2, organisation__municipality=sibling_municipality)
        TeacherFactory(organisation__municipality=other_municipality)
        for teacher in (mine[0], theirs[0], theirs[1]):
            Diagnostic.objects.create(teacher=teacher, date=dt.date(2025, 10, 1), instrument="ЕФОМ")
        publication(mine[1], dt.date(2025, 10, 1))
        result = for_regions([municipality.region_id], YEAR)[municipality.region_id]
        # 3 of the region's 5 teachers: 60 %; one publication
        assert result["diagnostics_share"].value == 60.0
        assert result["publications"].value == 1
