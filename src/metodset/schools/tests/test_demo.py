import datetime as dt

import pytest

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.growth.models import Mentoring
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.roadmaps.models import Roadmap, RoadmapMeasure
from metodset.schools import selectors
from metodset.schools.demo import schools_load
from metodset.schools.models import Observation, Result, SupportMeasure, SupportPlan, Visit

pytestmark = pytest.mark.django_db


def test_the_demo_gives_results_a_risk_list_and_support(municipality):
    UserFactory(role=Role.METHODIST, municipality=municipality)
    teachers = [
        TeacherFactory(organisation=OrganisationFactory(municipality=municipality))
        for _n in range(8)
    ]
    for mentee, mentor in zip(teachers, teachers[1:] + teachers[:1], strict=True):
        Mentoring.objects.create(teacher=mentee, mentor=mentor, starts_on=dt.date(2025, 9, 1))
    schools_load(slugs=[municipality.slug], seed=1, today=dt.date(2025, 11, 20))
    assert sorted(set(Result.objects.values_list("school_year", flat=True))) == [2023, 2024]
    entries = selectors.risk_list(municipality, 2024)
    assert entries and all(e.reasons for e in entries)
    assert SupportPlan.objects.filter(school_year=2025).count() == min(4, len(entries))
    assert Visit.objects.exists() and Observation.objects.exists()
    assert Roadmap.objects.filter(school_year=2025).exists()
    assert RoadmapMeasure.objects.filter(status="done").exists()
    assert SupportMeasure.objects.filter(mentoring__isnull=False).count() == 1
    # Loading again adds nothing.
    count = Result.objects.count()
    schools_load(slugs=[municipality.slug], seed=1, today=dt.date(2025, 11, 20))
    assert Result.objects.count() == count
