"""Input the schema does not allow answers 4xx with a Russian message, never 500; values go
out exactly in the format the schema publishes. (Found by schemathesis; issue #18.)"""

import re

import pytest
from django.test import Client

from metodset.api.api import api
from metodset.api.schemas import TIME_PATTERN
from metodset.meetings.models import Meeting

API = "/api/v1"

pytestmark = pytest.mark.django_db


def _meeting(client, association, **fields):
    return client.post(
        f"{API}/meetings/",
        {"association_id": association.pk, "date": "2025-11-10"} | fields,
        content_type="application/json",
    )


class TestDatesAndTimes:
    @pytest.mark.parametrize("starts_at", ["10:00+03:00", "10:00:00Z", 36000, "25:00"])
    def test_it_refuses_a_time_with_an_offset_or_not_written_as_a_time(
        self, client_as, head, association, starts_at
    ):
        response = _meeting(client_as(head), association, starts_at=starts_at)
        assert response.status_code == 422, response.content
        assert "ЧЧ:ММ" in response.json()["errors"]["starts_at"][0]
        assert not Meeting.objects.exists()

    def test_it_returns_a_time_in_the_published_format(self, client_as, head, association):
        client = client_as(head)
        created = _meeting(client, association, starts_at="15:30")
        assert created.status_code == 201
        assert created.json()["starts_at"] == "15:30:00"
        listed = client.get(f"{API}/meetings/").json()["items"][0]["starts_at"]
        assert re.match(TIME_PATTERN, listed)
        schema = api.get_openapi_schema()["components"]["schemas"]["MeetingOut"]
        assert "format" not in str(schema["properties"]["starts_at"])

    @pytest.mark.parametrize("date", [0, "0", 20251110, "10.11.2025", "2025-02-30"])
    def test_it_refuses_a_date_not_written_as_a_date(self, client_as, head, association, date):
        response = _meeting(client_as(head), association, date=date)
        assert response.status_code == 422, response.content
        assert "ГГГГ-ММ-ДД" in response.json()["errors"]["date"][0]
        assert not Meeting.objects.exists()


class TestMalformedRequests:
    def test_a_body_that_is_not_json_answers_400_in_russian(self, client_as, methodist):
        response = client_as(methodist).post(
            f"{API}/organisations/", "{not json", content_type="application/json"
        )
        assert response.status_code == 400
        assert response.json() == {"code": "malformed", "message": "Тело запроса — не JSON."}

    def test_400_is_documented(self):
        operation = api.get_openapi_schema()["paths"]["/api/v1/organisations/"]["post"]
        assert 400 in operation["responses"] or "400" in operation["responses"]

    def test_field_errors_are_russian(self, client_as, methodist):
        response = client_as(methodist).post(
            f"{API}/organisations/", {"name": 5}, content_type="application/json"
        )
        assert response.status_code == 422
        errors = response.json()["errors"]
        assert errors["kind"] == ["Обязательное поле."]
        assert errors["name"] == ["Введите текст."]

    def test_an_anonymous_write_answers_401_not_a_csrf_403(self):
        response = Client(enforce_csrf_checks=True).post(
            f"{API}/organisations/", {"name": "Школа"}, content_type="application/json"
        )
        assert response.status_code == 401
        assert response.json()["code"] == "unauthorized"


class TestQueryParameters:
    @pytest.mark.parametrize("year", ["99999999999999999999", "-5", "abc"])
    def test_a_wild_year_of_indicators_answers_without_error(
        self, client_as, methodist, association, year
    ):
        url = f"{API}/indicators/associations/{association.pk}?year={year}"
        assert client_as(methodist).get(url).status_code in {200, 422}
