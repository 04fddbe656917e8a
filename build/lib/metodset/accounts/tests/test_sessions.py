"""A session ends after SESSION_COOKIE_AGE (12 hours by default) without a request."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from metodset.accounts.tests.factories import PASSWORD

START = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC)


def at(hours: float):
    return time_machine.travel(START + dt.timedelta(hours=hours), tick=False)


def home_status(client) -> int:
    return client.get(reverse("home:home")).status_code


@pytest.mark.django_db
class TestIdleSessions:
    def test_the_default_is_twelve_hours(self):
        assert settings.SESSION_COOKIE_AGE == 12 * 3600
        assert not settings.SESSION_EXPIRE_AT_BROWSER_CLOSE

    def test_it_ends_a_session_idle_longer_than_the_age(self, client, methodist):
        with at(0):
            client.post(
                reverse("accounts:login"), {"username": methodist.email, "password": PASSWORD}
            )
        with at(12.1):
            assert home_status(client) == 302

    def test_each_request_extends_it(self, client, methodist):
        with at(0):
            client.post(
                reverse("accounts:login"), {"username": methodist.email, "password": PASSWORD}
            )
        for hours in (11, 22, 33):  # never 12 hours idle
            with at(hours):
                assert home_status(client) == 200
        with at(33 + 12.1):
            assert home_status(client) == 302

    def test_it_does_not_write_the_session_on_every_request(self, client_as, methodist):
        client = client_as(methodist)
        key = client.session.session_key
        with at(0), CaptureQueriesContext(connection) as queries:
            home_status(client)
            home_status(client)
        assert not [q for q in queries if "UPDATE" in q["sql"] and "django_session" in q["sql"]]
        with at(0.1):  # six minutes later: renewed once
            home_status(client)
        expires = Session.objects.get(session_key=key).expire_date
        assert expires == START + dt.timedelta(hours=0.1) + dt.timedelta(hours=12)
