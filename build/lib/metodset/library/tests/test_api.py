"""The API of the bank: the same permissions as the pages; nobody reviews his own work."""

import pytest

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.library import services
from metodset.library.models import PracticeStatus
from metodset.library.tests.factories import material, practice
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/library"


@pytest.fixture
def author(municipality):
    user = UserFactory(role=Role.TEACHER, municipality=municipality)
    TeacherFactory(user=user, organisation__municipality=municipality)
    return user


@pytest.fixture
def experts(municipality):
    return [UserFactory(role=Role.TEACHER, municipality=municipality) for _ in range(2)]


class TestFlow:
    def test_submit_appoint_review_accept(self, client, author, experts, methodist):
        client.force_login(author)
        response = client.post(
            f"{API}/practices",
            {
                "title": "Проектная задача",
                "description": "Проектная задача как форма итоговой работы",
                "school_year": 2025,
                "visibility": "public",
                "author_ids": [author.teacher_id],
            },
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        pk = response.json()["id"]
        # The author may not appoint experts nor accept.
        url = f"{API}/practices/{pk}/experts"
        body = {"expert_ids": [e.pk for e in experts]}
        assert client.post(url, body, content_type="application/json").status_code == 403
        client.force_login(methodist)
        reviews = client.post(url, body, content_type="application/json").json()
        assert len(reviews) == 2
        criteria = services.criteria_for(methodist.municipality)
        scores = {c.pk: 2 for c in criteria}
        # The author may not write an expert's review.
        client.force_login(author)
        review_url = f"{API}/reviews/{reviews[0]['id']}"
        review = {"scores": scores, "verdict": "accept", "opinion": "Хорошо"}
        assert client.post(review_url, review, content_type="application/json").status_code == 403
        for row, expert in zip(reviews, sorted(experts, key=lambda e: e.pk), strict=True):
            client.force_login(expert)
            response = client.post(
                f"{API}/reviews/{row['id']}", review, content_type="application/json"
            )
            assert response.status_code == 200, response.content
        client.force_login(author)
        accept = {"level": "federal", "publish": True}
        response = client.post(
            f"{API}/practices/{pk}/accept", accept, content_type="application/json"
        )
        assert response.status_code == 403
        client.force_login(methodist)
        response = client.post(
            f"{API}/practices/{pk}/accept", accept, content_type="application/json"
        )
        assert response.json()["status"] == PracticeStatus.PUBLISHED


class TestReads:
    def test_search_finds_word_forms_in_scope_only(
        self, client, methodist, municipality, other_municipality
    ):
        item = material(methodist, municipality, title="Положение о методическом объединении")
        client.force_login(methodist)
        hits = client.get(f"{API}/search", {"q": "объединения"}).json()["hits"]
        assert [h["id"] for h in hits] == [item.pk]
        client.force_login(UserFactory(role=Role.METHODIST, municipality=other_municipality))
        assert client.get(f"{API}/search", {"q": "объединения"}).json()["total"] == 0
        assert client.get(f"{API}/materials/{item.pk}").status_code == 404

    def test_a_practice_under_review_is_hidden_from_other_teachers(
        self, client, author, municipality
    ):
        unit = practice(author, municipality, authors=[author.teacher_profile])
        other = UserFactory(role=Role.TEACHER, municipality=municipality)
        client.force_login(other)
        assert client.get(f"{API}/practices/{unit.pk}").status_code == 404
        client.force_login(author)
        assert client.get(f"{API}/practices/{unit.pk}").status_code == 200

    def test_anonymous_is_refused(self, client):
        assert client.get(f"{API}/materials").status_code == 401
