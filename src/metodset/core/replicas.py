"""Reports and the API read from a PostgreSQL streaming replica (docs/scaling.md).

Off unless DATABASE_REPLICA_URL is set; then the settings add a `replica` database,
`ReplicaRouter` and `ReplicaReadsMiddleware`. The router routes by request, not by model:

- a request is replica-safe when it is a GET or HEAD under one of REPLICA_READ_PATHS (the
  indicators, the compliance matrix, the API by default): its reads go to the replica;
- every other request, and anything outside a request (services called by the task worker,
  management commands), reads the primary;
- inside a replica-safe request the primary still answers: reads inside a transaction (a
  service's, `select_for_update`), the records the request itself depends on being fresh
  (sessions, users and their roles, API tokens, login protection, tasks), and every read
  after the request's first write (read your own writes: an access-log row, a session save).

A replica lags the primary by seconds: the pages routed to it are reports that are cached
for hours anyway, and an API client that reads an old version and sends its ETag back gets
412 from the service, which checks `If-Match` on the primary under a row lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"

# Apps whose rows a request needs as they are now: who is signed in, with which roles and
# token, whether the login is locked, the task queue.
PRIMARY_APPS = frozenset(
    {"sessions", "accounts", "auth", "api", "axes", "django_tasks_database", "contenttypes"}
)

_replica_safe: ContextVar[bool] = ContextVar("replica_safe", default=False)


def database(url_settings: dict) -> dict:
    """The `replica` entry of DATABASES: the parsed DATABASE_REPLICA_URL, mirroring the
    primary's test database in tests (Django then points it at the same database)."""
    return {**url_settings, "TEST": {"MIRROR": DEFAULT_DB_ALIAS}}


def reading_replica() -> bool:
    """True while this request's reads may go to the replica."""
    return _replica_safe.get()


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads made inside go to the replica (until the first write); the middleware's scope."""
    token = _replica_safe.set(True)
    try:
        yield
    finally:
        _replica_safe.reset(token)


def replica_safe(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    paths = getattr(settings, "REPLICA_READ_PATHS", ())
    return any(request.path_info.startswith(prefix) for prefix in paths)


class ReplicaRouter:
    """Django's database router for the replica; always answers an alias, so that an object
    read from the replica is saved to the primary and its relations follow the request."""

    def db_for_read(self, model, **hints) -> str:
        if (
            _replica_safe.get()
            and model._meta.app_label not in PRIMARY_APPS
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        _replica_safe.set(False)  # the rest of the request reads what it wrote
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS  # a replica follows the primary's schema by itself


class ReplicaReadsMiddleware:
    """Marks the replica-safe requests (see replica_safe) for the router."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_safe(request):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)
