"""/healthz for monitoring: no login, JSON, 200 while the database, the cache and the task
worker work, 503 when one of them does not; nothing in it but the checks' states."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from metodset.core import health
from metodset.core.models import Heartbeat

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued_tasks(settings):
    """Tasks wait in the database for a worker, as in production (the suite runs them
    immediately)."""
    settings.TASKS = DATABASE_BACKEND


class TestHealthz:
    def test_it_answers_200_without_login_when_healthy(self, client):
        response = client.get(reverse("healthz"))
        assert response.status_code == 200
        body = response.json()
        assert body["status"] in {"ok", "degraded"}
        assert body["checks"]["database"] == "ok"
        assert body["checks"]["cache"] == "ok"
        assert body["checks"]["worker"] == "ok"
        assert response["Cache-Control"].startswith("max-age=0")

    def test_it_tells_nothing_but_the_checks(self, client, world):
        body = client.get(reverse("healthz")).json()
        assert set(body) == {"status", "checks", "worker_seen_seconds_ago"}
        assert set(body["checks"]) == {"database", "cache", "worker", "libreoffice"}
        assert all(isinstance(v, str) and len(v) < 20 for v in body["checks"].values())

    def test_it_answers_503_when_the_database_fails(self, client, monkeypatch):
        def broken():
            raise DatabaseError("connection refused")

        monkeypatch.setattr(health, "_database", broken)
        response = client.get(reverse("healthz"))
        assert response.status_code == 503
        assert response.json()["checks"]["database"] == "fail"
        assert "refused" not in response.text  # the error goes to the log, not to the caller

    def test_it_answers_503_before_the_worker_ran_a_heartbeat(self, client, queued_tasks):
        response = client.get(reverse("healthz"))
        assert response.status_code == 503
        assert response.json()["checks"]["worker"] == "no heartbeat yet"

    def test_it_answers_503_when_the_heartbeat_is_stale(self, client, queued_tasks, settings):
        seen = timezone.now() - dt.timedelta(seconds=settings.METODSET_WORKER_STALE_SECONDS + 60)
        Heartbeat.objects.create(name="worker", seen_at=seen)
        response = client.get(reverse("healthz"))
        assert response.status_code == 503
        body = response.json()
        assert body["checks"]["worker"] == "stale"
        assert body["worker_seen_seconds_ago"] > settings.METODSET_WORKER_STALE_SECONDS

    @pytest.mark.django_db(transaction=True)  # the worker closes the connection between tasks
    def test_a_running_worker_makes_it_healthy(self, client, queued_tasks):
        assert client.get(reverse("healthz")).status_code == 503
        call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
        response = client.get(reverse("healthz"))
        assert response.status_code == 200
        assert response.json()["checks"]["worker"] == "ok"

    def test_it_queues_one_heartbeat_a_minute_however_often_asked(self, client, queued_tasks):
        for _ in range(5):
            client.get(reverse("healthz"))
        assert DBTaskResult.objects.filter(task_path__endswith="worker_heartbeat").count() == 1

    def test_missing_libreoffice_degrades_but_does_not_fail(self, client, monkeypatch):
        monkeypatch.setattr(health.shutil, "which", lambda name: None)
        response = client.get(reverse("healthz"))
        assert response.status_code == 200
        assert response.json()["status"] == "degraded"
        assert response.json()["checks"]["libreoffice"] == "missing"

    def test_plain_http_is_not_redirected_to_https(self, client, settings):
        settings.SECURE_SSL_REDIRECT = True
        assert client.get(reverse("healthz")).status_code == 200
        assert client.get(reverse("accounts:login")).status_code == 301

    def test_it_refuses_writes(self, client):
        assert client.post(reverse("healthz")).status_code == 405
