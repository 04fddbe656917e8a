"""The satisfaction indicator from closed satisfaction surveys, on small constructed data."""

import datetime as dt

import pytest
from django.core.cache import cache

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core.dates import SchoolYear
from metodset.indicators.compute import for_associations, for_municipalities
from metodset.surveys import services
from metodset.surveys.models import Audience, QuestionKind, SurveyKind
from metodset.surveys.tests.test_services import answers_for

pytestmark = pytest.mark.django_db
YEAR = SchoolYear(2025)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def survey_with(methodist, association, scores, *, close=True, anonymous=False, **extra):
    """A satisfaction survey of `association` answered by new members with `scores`."""
    fields = {
        "kind": SurveyKind.SATISFACTION,
        "audience": Audience.ASSOCIATION,
        "association": association,
        "anonymous": anonymous,
        "opens_on": dt.date(2025, 11, 10),
        "closes_on": dt.date(2025, 11, 30),
    } | extra
    survey = services.survey_create(user=methodist, municipality=association.municipality, **fields)
    survey = services.survey_open(user=methodist, survey=survey)
    for score in scores:
        teacher = MembershipFactory(association=association).teacher
        services.response_submit(survey=survey, answers=answers_for(survey, score), teacher=teacher)
    if close:
        services.survey_close(user=methodist, survey=survey)
    return survey


class TestSatisfaction:
    def test_share_of_satisfied_respondents(self, methodist, association):
        survey_with(methodist, association, [5, 4, 2])
        value = for_associations([association.pk], YEAR)[association.pk]["satisfaction"]
        # 3 respondents, scores 5, 4, 2 -> 2 of 3 rate 4 or more = 66.7 %
        assert (value.numerator, value.denominator, value.value) == (2, 3, 66.7)

    def test_anonymous_answers_count_too(self, methodist, association):
        survey_with(methodist, association, [3, 5], anonymous=True)
        value = for_associations([association.pk], YEAR)[association.pk]["satisfaction"]
        # 2 anonymous respondents, 3 and 5 -> 1 of 2 = 50 %
        assert (value.numerator, value.denominator, value.value) == (1, 2, 50.0)

    def test_only_closed_surveys_count_and_none_means_no_data(self, methodist, association):
        survey_with(methodist, association, [5, 5], close=False)
        value = for_associations([association.pk], YEAR)[association.pk]["satisfaction"]
        assert value.value is None and value.numerator is None

    def test_a_ten_point_scale_counts_eight_and_more(self, methodist, association):
        survey = services.survey_create(
            user=methodist,
            municipality=association.municipality,
            kind=SurveyKind.SATISFACTION,
            audience=Audience.ASSOCIATION,
            association=association,
            opens_on=dt.date(2025, 11, 10),
            closes_on=dt.date(2025, 11, 30),
            from_blueprint=False,
            title="Оценка по 10 баллам",
        )
        question = services.question_add(
            user=methodist,
            survey=survey,
            kind=QuestionKind.SCALE10,
            text="Оценка",
            is_overall=True,
        )
        survey = services.survey_open(user=methodist, survey=survey)
        for score in (10, 8, 7, 3):
            teacher = MembershipFactory(association=association).teacher
            services.response_submit(survey=survey, answers={question.pk: score}, teacher=teacher)
        services.survey_close(user=methodist, survey=survey)
        value = for_associations([association.pk], YEAR)[association.pk]["satisfaction"]
        # 10 and 8 of 10, 8, 7, 3 -> 2 of 4 = 50 %
        assert (value.numerator, value.denominator) == (2, 4)

    def test_each_association_its_own_and_the_municipality_all(
        self, methodist, association, municipality
    ):
        other = AssociationFactory(municipality=municipality)
        survey_with(methodist, association, [5, 4, 2])
        survey_with(methodist, other, [5])
        survey_with(  # last school year: not in this year's value
            methodist, other, [1, 1], opens_on=dt.date(2025, 5, 10), closes_on=dt.date(2025, 11, 30)
        )
        values = for_associations([association.pk, other.pk], YEAR)
        # association: 2 of 3; other: 1 of 1
        assert values[association.pk]["satisfaction"].value == 66.7
        assert values[other.pk]["satisfaction"].value == 100.0
        # municipality: (2 + 1) of (3 + 1) = 75 %; the year before: 0 of 2 = 0 %
        assert (
            for_municipalities([municipality.pk], YEAR)[municipality.pk]["satisfaction"].value
            == 75.0
        )
        assert for_associations([other.pk], YEAR.previous)[other.pk]["satisfaction"].value == 0.0

    def test_closing_a_survey_refreshes_the_cached_value(self, methodist, association):
        survey = survey_with(methodist, association, [5, 2], close=False)

        def value():
            return for_associations([association.pk], YEAR)[association.pk]["satisfaction"].value

        assert value() is None
        services.survey_close(user=methodist, survey=survey)
        # 5 and 2 -> 1 of 2 = 50 %, without clearing the cache by hand
        assert value() == 50.0


class TestDrillDown:
    def test_it_lists_the_surveys_behind_the_value(self, methodist, association, client_as):
        survey = survey_with(methodist, association, [5, 4, 2])
        survey_with(methodist, association, [5], close=False)  # open: not counted
        url = f"/indicators/satisfaction/association/{association.pk}/?year=2025"
        page = client_as(methodist).get(url).content.decode()
        # The closed survey: 3 answered the overall question, 2 of them gave 4 or 5.
        assert survey.title in page and f"/surveys/{survey.pk}/results/" in page
        assert "<td>3</td><td>2</td>" in page
        assert page.count("/results/") == 1
        assert "никто не входит" not in page.lower()

    def test_it_says_when_there_is_no_survey(self, methodist, association, client_as):
        url = f"/indicators/satisfaction/association/{association.pk}/?year=2025"
        page = client_as(methodist).get(url).content.decode()
        assert "Нет закрытых анкет удовлетворённости" in page
