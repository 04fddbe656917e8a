"""The read-only surveys API: the same scoping and permissions as the pages."""

import pytest

from metodset.surveys.tests.factories import SurveyFactory
from metodset.surveys.tests.test_services import answers_for, opened

pytestmark = pytest.mark.django_db
API = "/api/v1/surveys"


class TestSurveysApi:
    def test_the_list_is_scoped_and_costs_the_same_for_3_and_30(
        self, client_as, methodist, association, other_municipality, django_assert_num_queries
    ):
        theirs = SurveyFactory(association__municipality=other_municipality)
        client = client_as(methodist)
        client.get(f"{API}/")
        for count in (3, 30):
            SurveyFactory.create_batch(count - (3 if count == 30 else 0), association=association)
            # session, user, count, page (counts as subqueries)
            with django_assert_num_queries(4):
                items = client.get(f"{API}/?page_size=100").json()["items"]
            assert len(items) == count and theirs.pk not in {i["id"] for i in items}

    def test_results_as_on_the_page(self, client_as, methodist, association):
        from metodset.associations.tests.factories import MembershipFactory
        from metodset.surveys import services

        survey = opened(methodist, association)
        for score in (5, 4, 2):
            teacher = MembershipFactory(association=association).teacher
            services.response_submit(
                survey=survey, answers=answers_for(survey, score), teacher=teacher
            )
        body = client_as(methodist).get(f"{API}/{survey.pk}/results").json()
        # 3 of 3 members answered; mean (5 + 4 + 2) / 3 = 3.67
        assert (body["responses"], body["addressees"], body["rate"]) == (3, 3, 100.0)
        overall = body["questions"][0]
        assert overall["mean"] == 3.67 and [r["count"] for r in overall["rows"]] == [0, 1, 0, 1, 1]

    @pytest.mark.parametrize(
        ("role", "status"),
        [("methodist_other", 404), ("teacher", 403), ("other_head", 403), ("head", 200)],
    )
    def test_results_follow_the_page_permissions(self, client_for, objects_survey, role, status):
        assert client_for(role).get(f"{API}/{objects_survey.pk}/results").status_code == status

    def test_anonymous_is_refused(self, client, association):
        assert client.get(f"{API}/").status_code == 401


@pytest.fixture
def objects_survey(methodist, association):
    return opened(methodist, association)
