import datetime as dt

import pytest
import time_machine
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
class TestAssociationUpdate:
    """The head edits his association through the API as on the page (HeadAssociationForm)."""

    def _payload(self, association, **changes) -> dict:
        return {
            "kind": association.kind,
            "name": association.name,
            "area": association.area,
            "teacher_category": association.teacher_category,
            "description": association.description,
            "founded_on": association.founded_on.isoformat(),
            "parent_id": association.parent_id,
            "organisation_id": association.organisation_id,
            "creation_order_id": association.creation_order_id,
        } | changes

    def test_a_head_changes_the_description(self, client_as, head, association):
        response = client_as(head).put(
            f"{API}/associations/{association.pk}",
            self._payload(association, description="Объединение учителей начальных классов"),
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        assert response.json()["description"] == "Объединение учителей начальных классов"
        association.refresh_from_db()
        assert association.description == "Объединение учителей начальных классов"
        assert association.history.first().history_user == head

    def test_a_head_may_not_rename_it(self, client_as, head, association):
        response = client_as(head).put(
            f"{API}/associations/{association.pk}",
            self._payload(association, name="Другое"),
            content_type="application/json",
        )
        assert response.status_code == 403
        association.refresh_from_db()
        assert association.name != "Другое"

    def test_the_methodist_renames_it(self, client_as, methodist, association):
        response = client_as(methodist).put(
            f"{API}/associations/{association.pk}",
            self._payload(association, name="Другое"),
            content_type="application/json",
        )
        assert response.status_code == 200
        association.refresh_from_db()
        assert association.name == "Другое"


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

        throttle = next(t for t in api.throttle if type(t).__name__ == "UserRateThrottle")
        monkeypatch.setattr(throttle, "num_requests", 2)
        client = client_as(methodist)
        statuses = [client.get(f"{API}/organisations/").status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        assert client.get(f"{API}/organisations/").json()["code"] == "rate_limited"

    def test_it_limits_each_user_apart(self, methodist, teacher_user, monkeypatch):
        """Users with the same name (the default key of ninja's AuthRateThrottle) do not share."""
        from metodset.api.api import api

        throttle = next(t for t in api.throttle if type(t).__name__ == "UserRateThrottle")
        monkeypatch.setattr(throttle, "num_requests", 1)
        assert str(methodist) == str(teacher_user)
        for user in (methodist, teacher_user):
            token = token_create(user=user, name="t")[1]
            assert Client().get(f"{API}/tokens/", **bearer(token)).status_code == 200


@pytest.mark.django_db
class TestAnonymousLimit:
    """Checked per address before authentication: refused tokens count and then get 429."""

    @pytest.fixture(autouse=True)
    def _three_a_minute(self, settings):
        settings.METODSET_API_ANON_RATE = "3/min"

    def get(self, token="ms_guess", address="10.0.0.1", path="/organisations/", **extra):
        return Client().get(f"{API}{path}", REMOTE_ADDR=address, **bearer(token), **extra)

    def test_it_answers_429_after_the_limit_of_refused_tokens(self, methodist):
        statuses = [self.get(f"ms_guess_{i}").status_code for i in range(5)]
        assert statuses == [401, 401, 401, 429, 429]
        response = self.get()
        assert response.json()["code"] == "rate_limited"
        assert "Слишком много запросов" in response.json()["message"]
        assert int(response["Retry-After"]) > 0

    def test_it_refuses_even_a_valid_token_from_that_address(self, methodist):
        """Otherwise a right guess would answer differently from a wrong one."""
        token = token_create(user=methodist, name="Скрипт")[1]
        for _ in range(3):
            self.get()
        assert self.get(token).status_code == 429
        assert self.get(token, address="10.0.0.2").status_code == 200

    def test_it_does_not_count_authenticated_requests(self, methodist):
        token = token_create(user=methodist, name="Скрипт")[1]
        assert [self.get(token).status_code for _ in range(5)] == [200] * 5
        assert self.get().status_code == 401

    def test_it_lets_a_logged_in_session_through(self, client_as, methodist):
        for _ in range(3):
            self.get(address="127.0.0.1")
        assert client_as(methodist).get(f"{API}/organisations/").status_code == 200

    def test_it_counts_the_public_schema_pages(self):
        statuses = [
            Client().get(f"{API}/openapi.json", REMOTE_ADDR="10.0.0.1").status_code
            for _ in range(4)
        ]
        assert statuses == [200, 200, 200, 429]

    def test_it_forgets_after_the_period(self):
        for _ in range(3):
            self.get()
        assert self.get().status_code == 429
        with time_machine.travel(dt.datetime(2025, 11, 20, 9, 1, 5, tzinfo=dt.UTC)):
            assert self.get().status_code == 401

    @pytest.mark.parametrize("proxies", [0, 1])
    def test_a_spoofed_forwarded_header_does_not_reset_the_count(self, settings, proxies):
        settings.METODSET_TRUSTED_PROXIES = proxies
        real = "203.0.113.5"
        # Behind one proxy the proxy appends the real address; without one the peer is real.
        address = "192.168.0.1" if proxies else real
        suffix = f", {real}" if proxies else ""
        statuses = [
            self.get(address=address, HTTP_X_FORWARDED_FOR=f"6.6.6.{i}{suffix}").status_code
            for i in range(5)
        ]
        assert statuses == [401, 401, 401, 429, 429]

    def test_behind_a_proxy_each_client_has_its_own_count(self, settings):
        settings.METODSET_TRUSTED_PROXIES = 1
        proxy = "192.168.0.1"
        for _ in range(3):
            self.get(address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
        assert self.get(address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
        assert self.get(address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 401
