"""Optional error reports: SENTRY_DSN without sentry-sdk installed leaves the app running, and
a report never carries personal data."""

import os
import subprocess
import sys
import types
from pathlib import Path

from metodset import sentry

ROOT = Path(__file__).resolve().parent.parent


def test_it_runs_without_the_package_and_says_why(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentry_sdk", None)  # import fails
    assert (
        sentry.sentry_init("https://k@sentry.example.ru/1", environment="t", traces_sample_rate=0)
        is False
    )


def test_it_initialises_the_sdk_without_personal_data(monkeypatch):
    calls = {}
    sdk = types.ModuleType("sentry_sdk")
    sdk.init = lambda **options: calls.update(options)
    integrations = types.ModuleType("sentry_sdk.integrations")
    django_integration = types.ModuleType("sentry_sdk.integrations.django")
    django_integration.DjangoIntegration = lambda: "django"
    monkeypatch.setitem(sys.modules, "sentry_sdk", sdk)
    monkeypatch.setitem(sys.modules, "sentry_sdk.integrations", integrations)
    monkeypatch.setitem(sys.modules, "sentry_sdk.integrations.django", django_integration)

    assert sentry.sentry_init(
        "https://k@sentry.example.ru/1", environment="t", traces_sample_rate=0
    )
    assert calls["send_default_pii"] is False
    assert calls["include_local_variables"] is False
    assert calls["max_request_body_size"] == "never"
    event = {
        "user": {"email": "ivanova@example.ru"},
        "request": {
            "url": "https://metodset.example.ru/teachers/",
            "query_string": "q=Иванова",
            "cookies": {"sessionid": "x"},
            "data": {"last_name": "Иванова"},
            "headers": {"User-Agent": "Firefox", "Cookie": "sessionid=x", "Referer": "/p/"},
        },
    }
    scrubbed = calls["before_send"](event, {})
    assert "user" not in scrubbed
    assert set(scrubbed["request"]) == {"url", "headers"}
    assert scrubbed["request"]["headers"] == {"User-Agent": "Firefox"}


def test_a_dsn_without_the_package_does_not_stop_the_app():
    environment = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    result = subprocess.run(
        [sys.executable, "-c", "import sentry_sdk"], capture_output=True, check=False
    )
    if result.returncode == 0:  # installed here: nothing to show about its absence
        return
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"],
        capture_output=True,
        text=True,
        env=environment | {"DEBUG": "1", "SENTRY_DSN": "https://k@sentry.example.ru/1"},
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "metodset[sentry]" in result.stderr
