"""While hostile imports are refused, nobody else's request fails (issue #18, on SQLite).

A real threaded server (pytest-django's live_server) and real HTTP: one client uploads a
zip bomb and a file of a million rows, over and over; at the same time other people log in,
read a list and write through the API. Before the upload limits, the bomb held the request
for a minute and other users got 500 «database is locked»."""

import threading
import time

import pytest
import requests
from django.urls import reverse

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import PASSWORD, UserFactory
from metodset.api.services import token_create
from metodset.imports.tests.test_limits import zip_bomb

pytestmark = pytest.mark.django_db(transaction=True)


def _session(base: str, user) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30)
    response = session.post(
        f"{base}/accounts/login/",
        data={
            "username": user.email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
    )
    assert response.status_code == 200, response.status_code
    assert "sessionid" in session.cookies
    return session


def test_others_keep_working_while_hostile_imports_are_refused(live_server, municipality):
    base = live_server.url
    attacker = UserFactory(role=Role.METHODIST, municipality=municipality)
    colleague = UserFactory(role=Role.METHODIST, municipality=municipality)
    newcomer = UserFactory(role=Role.METHODIST, municipality=municipality)
    token = token_create(user=colleague, name="concurrency")[1]
    hostile = _session(base, attacker)
    reader = _session(base, colleague)
    upload_url = base + reverse("imports:upload")
    bomb = zip_bomb()
    million = "\n".join(["Фамилия;Имя"] + ["а;б"] * 1_000_000).encode()

    hostile_answers: list[tuple[str, int, float]] = []
    other_answers: list[tuple[str, int]] = []
    stop = threading.Event()

    def attack():
        for name, data in [("teachers.xlsx", bomb), ("teachers.csv", million)] * 2:
            started = time.monotonic()
            response = hostile.post(
                upload_url,
                data={"kind": "teachers", "csrfmiddlewaretoken": hostile.cookies["csrftoken"]},
                files={"file": (name, data)},
                headers={"Referer": upload_url},
                timeout=120,
            )
            hostile_answers.append((name, response.status_code, time.monotonic() - started))
        stop.set()

    def work():
        n = 0
        while not stop.is_set():
            n += 1
            login = requests.Session()
            login.get(f"{base}/accounts/login/", timeout=30)
            answer = login.post(
                f"{base}/accounts/login/",
                data={
                    "username": newcomer.email,
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": login.cookies["csrftoken"],
                },
                headers={"Referer": f"{base}/accounts/login/"},
                timeout=30,
            )
            other_answers.append(("login", answer.status_code))
            listed = reader.get(base + reverse("people:list"), timeout=30)
            other_answers.append(("list", listed.status_code))
            write = requests.post(
                f"{base}/api/v1/orders/",
                json={"number": f"К-{n}", "date": "2026-09-01", "kind": "other", "title": "Тест"},
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            other_answers.append(("api write", write.status_code))

    attacker_thread = threading.Thread(target=attack)
    worker_thread = threading.Thread(target=work)
    worker_thread.start()
    attacker_thread.start()
    attacker_thread.join(timeout=300)
    stop.set()
    worker_thread.join(timeout=60)

    assert len(hostile_answers) == 4
    for name, status, seconds in hostile_answers:
        assert status < 500, (name, status)
        assert seconds < 30, (name, seconds)
    assert other_answers, "the other users made no request meanwhile"
    failed = [(what, status) for what, status in other_answers if status >= 400]
    assert failed == [], failed
