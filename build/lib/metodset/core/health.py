"""`/healthz` for monitoring: is the database answering, the shared cache working, the task
worker taking tasks, LibreOffice installed?

Cheap enough to be polled by anyone: one query, one cache round trip and, at most once a
minute for all processes together (the cache decides), one queued heartbeat task. The answer
names the checks and their state, never an error text, a version or a record.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import shutil
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from metodset.core.models import Heartbeat

logger = logging.getLogger(__name__)

PING_KEY = "metodset:healthz:ping"
PING_EVERY = 60  # seconds between two heartbeat tasks, whoever asks


@dataclass
class Report:
    checks: dict[str, str]
    worker_seen_seconds_ago: int | None

    @property
    def healthy(self) -> bool:
        """LibreOffice missing degrades (PDFs offer DOCX instead); anything else fails."""
        return all(state == "ok" for name, state in self.checks.items() if name != "libreoffice")

    @property
    def status(self) -> str:
        if not self.healthy:
            return "fail"
        return "ok" if self.checks["libreoffice"] == "ok" else "degraded"

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "checks": self.checks,
            "worker_seen_seconds_ago": self.worker_seen_seconds_ago,
        }


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    token = secrets.token_hex(8)
    cache.set("metodset:healthz:probe", token, 30)
    return "ok" if cache.get("metodset:healthz:probe") == token else "fail"


def _worker(now: dt.datetime) -> tuple[str, int | None]:
    from metodset.core.tasks import worker_heartbeat  # tasks import the models, as we do

    if cache.add(PING_KEY, 1, PING_EVERY):
        worker_heartbeat.enqueue()
    seen = Heartbeat.objects.filter(name="worker").values_list("seen_at", flat=True).first()
    if seen is None:
        return "no heartbeat yet", None
    age = max(int((now - seen).total_seconds()), 0)
    return ("ok" if age <= settings.METODSET_WORKER_STALE_SECONDS else "stale"), age


def report() -> Report:
    now = timezone.now()
    checks: dict[str, str] = {}
    seen_ago = None
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            checks[name] = check()
        except Exception:
            logger.exception("healthz: the %s check failed", name)
            checks[name] = "fail"
    try:
        checks["worker"], seen_ago = _worker(now)
    except Exception:
        logger.exception("healthz: the worker check failed")
        checks["worker"] = "fail"
    checks["libreoffice"] = (
        "ok" if shutil.which("soffice") or shutil.which("libreoffice") else "missing"
    )
    return Report(checks=checks, worker_seen_seconds_ago=seen_ago)
