"""The demo's surveys: satisfaction by year and municipality, a needs survey open now."""

import pytest
from django.core.cache import cache

from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.demo.tests.test_demo_data import loaded  # noqa: F401 - the shared demo
from metodset.indicators.compute import for_municipalities
from metodset.surveys.models import Invitation, Response, Survey, SurveyKind, SurveyStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded")]
YEAR = SchoolYear(2025)  # the demo is loaded on the suite's frozen 20.11.2025


class TestDemoSurveys:
    def test_closed_satisfaction_surveys_in_both_years_and_needs_open_now(self):
        for municipality in Municipality.objects.all():
            surveys = Survey.objects.filter(municipality=municipality)
            satisfaction = surveys.filter(kind=SurveyKind.SATISFACTION)
            years = {s.year for s in satisfaction}
            assert years == {YEAR.previous, YEAR}, municipality
            assert all(s.status == SurveyStatus.CLOSED for s in satisfaction)
            needs = surveys.get(kind=SurveyKind.NEEDS)
            assert needs.status == SurveyStatus.OPEN and needs.accepts_answers

    def test_anonymous_responses_keep_nobody(self):
        anonymous = Response.objects.filter(survey__anonymous=True)
        assert anonymous.exists()
        assert not anonymous.filter(teacher__isnull=False).exists()
        assert not anonymous.filter(submitted_at__isnull=False).exists()
        assert Invitation.objects.filter(survey__anonymous=True).count() == anonymous.count()

    def test_satisfaction_differs_between_municipalities_and_years(self):
        cache.clear()
        ids = list(Municipality.objects.values_list("pk", flat=True))
        now = for_municipalities(ids, YEAR)
        before = for_municipalities(ids, YEAR.previous)
        values = [now[pk]["satisfaction"].value for pk in ids]
        # The small demo has few respondents per municipality: two may tie by chance.
        assert None not in values and len(set(values)) >= 3
        assert any(now[pk]["satisfaction"].value != before[pk]["satisfaction"].value for pk in ids)
