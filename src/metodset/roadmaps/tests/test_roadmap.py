"""The roadmap as measures and the roadmap indicator, checked by hand (today: 20.11.2025)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core.dates import SchoolYear
from metodset.indicators.compute import for_associations, for_municipalities
from metodset.indicators.services import assessment_save
from metodset.roadmaps import services
from metodset.roadmaps.models import MeasureStatus

pytestmark = pytest.mark.django_db
YEAR = SchoolYear(2025)


@pytest.fixture
def associations(municipality):
    first = AssociationFactory(municipality=municipality, name="А")
    second = AssociationFactory(municipality=municipality, name="Б")
    for association in (first, second):
        MembershipFactory(association=association, joined_on=dt.date(2024, 9, 1))
    return first, second


def measures(user, roadmap, rows):
    for due, status in rows:
        services.roadmap_measure_add(
            user=user,
            roadmap=roadmap,
            title="Мероприятие",
            responsible="Иванова М.П.",
            due_on=due,
            status=status,
            done_on=due if status == MeasureStatus.DONE else None,
        )


class TestIndicator:
    def test_done_of_due_by_today_per_association_and_municipality(
        self, associations, municipality, methodist
    ):
        first, second = associations
        roadmap = services.roadmap_create(
            user=methodist,
            municipality=municipality,
            association=first,
            school_year=2025,
            title="Дорожная карта МО «А»",
        )
        measures(
            methodist,
            roadmap,
            [
                (dt.date(2025, 9, 30), MeasureStatus.DONE),
                (dt.date(2025, 10, 15), MeasureStatus.DONE),
                (dt.date(2025, 11, 1), MeasureStatus.NOT_DONE),
                (dt.date(2025, 11, 10), MeasureStatus.CANCELLED),  # does not count
                (dt.date(2026, 3, 1), MeasureStatus.PLANNED),  # not due yet
            ],
        )
        service = services.roadmap_create(
            user=methodist,
            municipality=municipality,
            school_year=2025,
            title="Дорожная карта методической службы",
        )
        measures(methodist, service, [(dt.date(2025, 10, 1), MeasureStatus.NOT_DONE)])
        # «Б» has no roadmap measures: its expert assessment stays.
        assessment_save(
            user=methodist,
            association=second,
            code="roadmap",
            year=YEAR,
            value=Decimal("70"),
            comment="по положению",
        )
        result = for_associations([first.pk, second.pk], YEAR)
        # А: 2 done of 3 due (the cancelled and the future one do not count) = 66.7 %
        value = result[first.pk]["roadmap"]
        assert (value.numerator, value.denominator, value.value) == (2, 3, 66.7)
        assert result[second.pk]["roadmap"].value == 70.0
        # The municipality: every roadmap of it, 2 done of 4 due = 50 %
        town = for_municipalities([municipality.pk], YEAR)[municipality.pk]["roadmap"]
        assert (town.numerator, town.denominator, town.value) == (2, 4, 50.0)

    def test_no_measures_and_no_assessment_is_no_data(self, associations):
        first, _second = associations
        assert for_associations([first.pk], YEAR)[first.pk]["roadmap"].value is None


class TestServices:
    def test_a_measure_done_needs_its_date_and_one_roadmap_a_year(self, municipality, methodist):
        roadmap = services.roadmap_create(
            user=methodist, municipality=municipality, school_year=2025, title="Карта"
        )
        with pytest.raises(ValidationError):
            services.roadmap_create(
                user=methodist, municipality=municipality, school_year=2025, title="Вторая"
            )
        with pytest.raises(ValidationError):
            services.roadmap_measure_add(
                user=methodist,
                roadmap=roadmap,
                title="Семинар",
                responsible="РМК",
                due_on=dt.date(2025, 10, 1),
                status=MeasureStatus.DONE,
            )

    def test_a_teacher_may_not_keep_it(self, municipality, teacher_user):
        with pytest.raises(PermissionDenied):
            services.roadmap_create(
                user=teacher_user, municipality=municipality, school_year=2025, title="Карта"
            )
