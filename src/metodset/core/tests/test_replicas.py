"""The replica router (core/replicas.py): which reads go to the replica, which to the primary."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from metodset.accounts.models import User
from metodset.core import replicas
from metodset.core.models import Municipality

ROUTED = override_settings(DATABASE_ROUTERS=["metodset.core.replicas.ReplicaRouter"])


@ROUTED
def test_reads_go_to_the_replica_only_inside_a_replica_safe_scope():
    assert Municipality.objects.all().db == "default"
    with replicas.replica_reads():
        assert Municipality.objects.all().db == "replica"
    assert Municipality.objects.all().db == "default"


@ROUTED
def test_who_is_signed_in_is_read_from_the_primary():
    with replicas.replica_reads():
        assert Session.objects.all().db == "default"
        assert User.objects.all().db == "default"


@ROUTED
def test_reads_inside_a_transaction_stay_on_the_primary(monkeypatch):
    """A service's transaction (and its select_for_update) reads the primary."""
    with replicas.replica_reads():
        monkeypatch.setattr(connections["default"], "in_atomic_block", True)
        assert Municipality.objects.all().db == "default"
        monkeypatch.setattr(connections["default"], "in_atomic_block", False)
        assert Municipality.objects.all().db == "replica"
        # A row lock is a write: it and every read after it go to the primary.
        assert Municipality.objects.select_for_update().db == "default"
        assert Municipality.objects.all().db == "default"


@ROUTED
def test_after_a_write_the_request_reads_the_primary():
    router = replicas.ReplicaRouter()
    with replicas.replica_reads():
        assert Municipality.objects.all().db == "replica"
        assert router.db_for_write(Municipality) == "default"
        assert Municipality.objects.all().db == "default"
        assert not replicas.reading_replica()
    with replicas.replica_reads():  # the next request starts afresh
        assert Municipality.objects.all().db == "replica"


def test_writes_and_migrations_go_to_the_primary_only():
    router = replicas.ReplicaRouter()
    with replicas.replica_reads():
        assert router.db_for_write(Municipality) == "default"
    assert router.allow_migrate("default", "core")
    assert not router.allow_migrate("replica", "core")


@override_settings(REPLICA_READ_PATHS=["/indicators/", "/api/"])
@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/indicators/", True),
        ("head", "/api/v1/teachers", True),
        ("get", "/teachers/", False),
        ("post", "/api/v1/teachers", False),
        ("post", "/indicators/targets/", False),
    ],
)
def test_the_middleware_marks_only_gets_of_the_listed_paths(method, path, expected):
    seen = []

    def view(request):
        seen.append(replicas.reading_replica())
        return HttpResponse()

    request = getattr(RequestFactory(), method)(path)
    replicas.ReplicaReadsMiddleware(view)(request)
    assert seen == [expected]
    assert not replicas.reading_replica()  # reset once the response is made


@override_settings(REPLICA_READ_PATHS=["/indicators/"])
def test_the_mark_is_reset_when_the_view_fails():
    def view(request):
        raise RuntimeError

    with pytest.raises(RuntimeError):
        replicas.ReplicaReadsMiddleware(view)(RequestFactory().get("/indicators/"))
    assert not replicas.reading_replica()


def test_without_a_replica_url_nothing_is_routed():
    from django.conf import settings

    assert "replica" not in settings.DATABASES
    assert "metodset.core.replicas.ReplicaReadsMiddleware" not in settings.MIDDLEWARE


def test_a_replica_url_adds_the_database_the_router_and_the_middleware():
    """The settings as a deployment with DATABASE_REPLICA_URL reads them (a fresh process)."""
    root = Path(__file__).resolve().parents[4]
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.DATABASES['replica'], settings.DATABASE_ROUTERS, "
        "settings.MIDDLEWARE[:2]]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "metodset.settings",
        "DEBUG": "1",
        "DATABASE_URL": "postgres://app@primary.example:5432/metodset",
        "DATABASE_REPLICA_URL": "postgres://app@replica.example:5432/metodset",
        "PYTHONPATH": str(root / "src"),
    }
    out = subprocess.run(  # this interpreter, a fixed script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    database, routers, middleware = json.loads(out.splitlines()[-1])
    assert database["HOST"] == "replica.example"
    assert database["TEST"]["MIRROR"] == "default"
    assert routers == ["metodset.core.replicas.ReplicaRouter"]
    assert middleware[1] == "metodset.core.replicas.ReplicaReadsMiddleware"
