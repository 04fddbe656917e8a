import pytest
from django.test import Client

from metodset.api.models import ApiToken
from metodset.api.services import token_create
from metodset.orgs.models import Organisation
from metodset.orgs.tests.factories import OrganisationFactory

API = "/api/v1"


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.mark.django_db
class TestAuthentication:
    def test_it_refuses_anonymous_requests_with_json(self, client):
        response = client.get(f"{API}/organisations/")
        assert response.status_code == 401
        assert response.json()["code"] == "unauthorized"
        assert "токен" in response.json()["message"]

    def test_it_accepts_a_personal_token_stored_hashed(self, methodist):
        record, token = token_create(user=methodist, name="Скрипт отчётов")
        assert token not in {record.key_hash, record.prefix}
        response = Client().get(f"{API}/organisations/", **bearer(token))
        assert response.status_code == 200

    def test_it_refuses_a_revoked_token(self, client_as, methodist):
        _record, token = token_create(user=methodist, name="Временный")
        client = client_as(methodist)
        token_id = client.get(f"{API}/tokens/").json()[0]["id"]
        assert client.delete(f"{API}/tokens/{token_id}").status_code == 200
        assert Client().get(f"{API}/organisations/", **bearer(token)).status_code == 401

    def test_it_creates_a_token_shown_once(self, client_as, methodist):
        client = client_as(methodist)
        response = client.post(
            f"{API}/tokens/", {"name": "Интеграция"}, content_type="application/json"
        )
        assert response.status_code == 201
        token = response.json()["token"]
        assert "token" not in client.get(f"{API}/tokens/").json()[0]
        assert Client().get(f"{API}/organisations/", **bearer(token)).status_code == 200

    def test_it_hides_other_users_tokens(self, client_as, methodist, platform_admin):
        record, _token = token_create(user=methodist, name="Чужой")
        assert client_as(platform_admin).delete(f"{API}/tokens/{record.pk}").status_code == 404
        assert ApiToken.objects.get(pk=record.pk).revoked_at is None

    def test_it_requires_csrf_for_session_writes(self, methodist):
        client = Client(enforce_csrf_checks=True)
        client.force_login(methodist)
        response = client.post(
            f"{API}/organisations/",
            {"kind": "school", "name": "Школа"},
            content_type="application/json",
        )
        assert response.status_code in (401, 403)
        assert not Organisation.objects.filter(name="Школа").exists()


@pytest.mark.django_db
class TestOrganisations:
    def test_it_scopes_the_list_to_the_municipality(self, client_as, methodist, other_municipality):
        mine = OrganisationFactory(municipality=methodist.municipality)
        OrganisationFactory(municipality=other_municipality)
        body = client_as(methodist).get(f"{API}/organisations/").json()
        assert [item["id"] for item in body["items"]] == [mine.pk]
        assert body["count"] == 1

    def test_it_answers_404_for_another_municipality(
        self, client_as, methodist, other_municipality
    ):
        theirs = OrganisationFactory(municipality=other_municipality)
        response = client_as(methodist).get(f"{API}/organisations/{theirs.pk}")
        assert response.status_code == 404
        assert (
            response.json() == {"code": "not_found", "message": "Не найдено.", "errors": None}
            or response.json()["code"] == "not_found"
        )

    def test_it_creates_through_the_service(self, client_as, methodist):
        response = client_as(methodist).post(
            f"{API}/organisations/",
            {"kind": "kindergarten", "name": "МБДОУ «Детский сад № 5»"},
            content_type="application/json",
        )
        assert response.status_code == 201
        org = Organisation.objects.get(pk=response.json()["id"])
        assert org.municipality == methodist.municipality
        assert org.history.get().history_user == methodist

    def test_it_refuses_a_duplicate_with_a_russian_message(self, client_as, methodist):
        OrganisationFactory(municipality=methodist.municipality, name="МБОУ «СОШ № 1»")
        response = client_as(methodist).post(
            f"{API}/organisations/",
            {"kind": "school", "name": "МБОУ «СОШ № 1»"},
            content_type="application/json",
        )
        assert response.status_code == 422
        assert response.json()["code"] == "invalid"
        assert "уже есть" in str(response.json()["errors"])
        assert Organisation.objects.count() == 1

    @pytest.mark.parametrize("role", ["coordinator", "head", "teacher"])
    def test_it_forbids_writes_to_read_only_roles(self, client_as, role_users, role, municipality):
        org = OrganisationFactory(municipality=municipality)
        client = client_as(role_users[role])
        assert client.get(f"{API}/organisations/{org.pk}").status_code == 200
        response = client.put(
            f"{API}/organisations/{org.pk}",
            {"kind": "school", "name": "Новое"},
            content_type="application/json",
        )
        assert response.status_code == 403
        assert client.delete(f"{API}/organisations/{org.pk}").status_code == 403

    def test_it_lists_with_constant_queries(self, client_as, methodist, django_assert_num_queries):
        client = client_as(methodist)
        OrganisationFactory.create_batch(3, municipality=methodist.municipality)
        # session + user, count, page
        with django_assert_num_queries(4):
            client.get(f"{API}/organisations/")
        OrganisationFactory.create_batch(30, municipality=methodist.municipality)
        with django_assert_num_queries(4):
            client.get(f"{API}/organisations/")


@pytest.mark.django_db
class TestSchema:
    def test_it_serves_openapi_and_docs(self, client_as, methodist):
        schema = client_as(methodist).get(f"{API}/openapi.json")
        assert schema.status_code == 200
        assert schema.json()["openapi"].startswith("3.")
        assert "/api/v1/organisations/" in schema.json()["paths"]
        docs = client_as(methodist).get(f"{API}/docs")
        assert docs.status_code == 200


@pytest.mark.django_db
class TestRateLimit:
    def test_it_answers_429_in_json_past_the_limit(self, client_as, methodist, monkeypatch):
        from metodset.api.api import api

        throttle = next(t for t in api.throttle if type(t).__name__ == "AuthRateThrottle")
        monkeypatch.setattr(throttle, "num_requests", 2)
        monkeypatch.setattr(throttle, "history", [], raising=False)
        from django.core.cache import cache

        cache.clear()
        client = client_as(methodist)
        statuses = [client.get(f"{API}/organisations/").status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        assert client.get(f"{API}/organisations/").json()["code"] == "rate_limited"
