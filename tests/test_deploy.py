"""Production settings: safe defaults and a clean `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=False,
    )


def test_it_passes_check_deploy_with_no_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 20 + "-production-secret-key-with-many-distinct-chars-0123456789",
        ALLOWED_HOSTS="metodset.example.ru",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_to_start_without_a_secret_key_in_production():
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_serves_through_the_metodset_command():
    result = subprocess.run(
        [sys.executable, "-m", "metodset", "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_processes_share_one_cache_outside_tests(tmp_path):
    """Web workers, the task worker and the nightly job must see the same cache versions."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        capture_output=True,
        text=True,
        env=environment | {"DEBUG": "1", "DATA_DIR": str(tmp_path)},
        cwd=ROOT,
        check=False,
    )
    assert result.stdout.strip().endswith("FileBasedCache"), result.stdout + result.stderr


def test_cache_url_picks_the_backend():
    from metodset.settings import cache_config

    assert cache_config("redis://127.0.0.1:6379/1")["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert cache_config("file:///srv/metodset/cache")["LOCATION"] == "/srv/metodset/cache"
    assert cache_config("locmem://")["BACKEND"].endswith("LocMemCache")
    with pytest.raises(RuntimeError, match="CACHE_URL"):
        cache_config("memcached://x")


def test_check_refuses_private_files_inside_a_served_folder(tmp_path):
    result = _manage(
        "check",
        DEBUG="1",
        STATIC_ROOT=str(tmp_path),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
    )
    assert result.returncode != 0
    assert "metodset.E001" in result.stderr


def test_the_demo_shows_the_russian_error_pages(tmp_path):
    """`make demo` runs in development mode without Django's English debug pages."""
    recipe = (ROOT / "Makefile").read_text().split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "DEBUG_PAGES=0" in recipe
    assert "runserver --insecure" in recipe  # static files without Django's DEBUG
    script = (
        "import django, sys; django.setup();"
        "from django.conf import settings as s;"
        "from django.test import Client;"
        "r = Client().get('/no-such-page/', HTTP_HOST='127.0.0.1');"
        "print(s.DEVELOPMENT, s.DEBUG, r.status_code, 'Страница не найдена' in r.text)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
        | {
            "DEBUG": "1",
            "DEBUG_PAGES": "0",
            "DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "metodset.settings",
            "PYTHONPATH": str(ROOT / "src"),
        },
        cwd=ROOT,
        check=False,
    )
    assert result.stdout.split() == ["True", "False", "404", "True"], result.stderr
