"""Failed logins lock the account and the address for the cool-off, the right password too."""

import datetime as dt
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from metodset.accounts.tests.factories import PASSWORD

START = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC)  # 12:00 in Moscow, as conftest freezes


def login(client, email, password, address="10.0.0.1", **extra):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def fail(client, email, times, address="10.0.0.1"):
    return [login(client, email, "wrong", address).status_code for _ in range(times)]


def message(response) -> str:
    return re.search(r'<div class="errorbox" role="alert"><p>(.*?)</p>', response.text).group(1)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
class TestAccountLockout:
    def test_it_refuses_the_right_password_past_the_limit_until_the_cool_off_ends(
        self, client, methodist
    ):
        assert fail(client, methodist.email, 10) == [200] * 9 + [429]
        for minutes in (1, 29):
            with time_machine.travel(START + dt.timedelta(minutes=minutes)):
                response = login(client, methodist.email, PASSWORD)
                assert response.status_code == 429
                assert not logged_in(client)
        with time_machine.travel(START + dt.timedelta(minutes=31)):
            response = login(client, methodist.email, PASSWORD)
            assert response.status_code == 302
            assert logged_in(client)

    def test_it_says_in_russian_when_to_try_again(self, client, methodist):
        fail(client, methodist.email, 9)
        response = login(client, methodist.email, "wrong")
        assert response.status_code == 429
        assert "Слишком много неудачных попыток входа" in message(response)
        assert "после 12:30" in message(response)  # the last failure at 12:00 + 30 minutes
        assert 'name="username"' in response.text  # the login page, not a bare error
        assert methodist.email in response.text

    def test_it_does_not_extend_the_lockout_for_attempts_while_locked(self, client, methodist):
        fail(client, methodist.email, 10)
        with time_machine.travel(START + dt.timedelta(minutes=20)):
            assert "после 12:30" in login(client, methodist.email, PASSWORD).text
        with time_machine.travel(START + dt.timedelta(minutes=31)):
            assert login(client, methodist.email, PASSWORD).status_code == 302

    def test_it_locks_the_account_from_every_address(self, client, methodist):
        for i in range(10):
            login(client, methodist.email, "wrong", address=f"10.0.1.{i}")
        response = login(client, methodist.email, PASSWORD, address="10.0.2.1")
        assert response.status_code == 429
        assert not logged_in(client)

    def test_it_counts_the_e_mail_whatever_its_case(self, client, methodist):
        fail(client, methodist.email.upper(), 5)
        fail(client, f"  {methodist.email}", 5)
        assert login(client, methodist.email, PASSWORD).status_code == 429

    def test_it_locks_an_unknown_e_mail_as_a_known_one(self, client, methodist):
        """The lockout page must not tell which e-mails have accounts."""
        fail(client, methodist.email, 9)
        fail(client, "nobody@example.ru", 9)
        known = login(client, methodist.email, "wrong")
        unknown = login(client, "nobody@example.ru", "wrong")
        assert known.status_code == unknown.status_code == 429
        assert message(known) == message(unknown)

    def test_it_lets_other_accounts_in_from_the_same_address(self, client, methodist, teacher_user):
        fail(client, methodist.email, 10)
        assert login(client, teacher_user.email, PASSWORD).status_code == 302


@pytest.mark.django_db
class TestAddressLockout:
    def test_it_locks_an_address_that_tries_many_accounts(self, client, methodist, settings):
        settings.METODSET_LOGIN_FAILURE_LIMITS = {"username": 10, "ip_address": 3}
        for i in range(3):
            login(client, f"guess{i}@example.ru", "wrong")
        assert login(client, methodist.email, PASSWORD).status_code == 429
        assert login(client, methodist.email, PASSWORD, address="10.0.0.2").status_code == 302

    def test_it_allows_a_shared_address_more_failures_than_an_account(self, client, methodist):
        for i in range(29):
            login(client, f"teacher{i}@example.ru", "wrong")
        assert login(client, methodist.email, PASSWORD).status_code == 302

    def test_it_reads_the_address_behind_a_trusted_proxy(self, client, methodist, settings):
        settings.METODSET_TRUSTED_PROXIES = 1
        settings.METODSET_LOGIN_FAILURE_LIMITS = {"username": 10, "ip_address": 3}
        for i in range(3):
            login(
                client,
                f"guess{i}@example.ru",
                "wrong",
                address="192.168.0.1",  # the proxy
                HTTP_X_FORWARDED_FOR=f"10.9.9.{i}, 203.0.113.5",  # spoofed, then real
            )
        locked = login(
            client, methodist.email, PASSWORD, "192.168.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5"
        )
        assert locked.status_code == 429
        other = login(
            client, methodist.email, PASSWORD, "192.168.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6"
        )
        assert other.status_code == 302

    def test_it_ignores_a_forwarded_header_without_a_trusted_proxy(
        self, client, methodist, settings
    ):
        settings.METODSET_LOGIN_FAILURE_LIMITS = {"username": 10, "ip_address": 3}
        for i in range(3):
            login(client, f"guess{i}@example.ru", "wrong", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}")
        response = login(client, methodist.email, PASSWORD, HTTP_X_FORWARDED_FOR="10.8.8.8")
        assert response.status_code == 429


@pytest.mark.django_db
class TestUnlock:
    def test_the_reset_command_unlocks_an_account(self, client, methodist):
        fail(client, methodist.email, 10)
        call_command("axes_reset_username", methodist.email)
        assert login(client, methodist.email, PASSWORD).status_code == 302

    def test_deleting_the_attempts_in_the_admin_unlocks(self, client, methodist, platform_admin):
        fail(client, methodist.email, 10)
        attempt = AccessAttempt.objects.get(username=methodist.email)
        admin = Client()
        admin.force_login(platform_admin)
        changelist = reverse("admin:axes_accessattempt_changelist")
        assert methodist.email in admin.get(changelist).text
        response = admin.post(
            changelist,
            {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
        )
        assert response.status_code == 302
        assert login(client, methodist.email, PASSWORD).status_code == 302

    def test_a_reset_by_e_mail_unlocks_the_account(self, client, methodist, mailoutbox):
        fail(client, methodist.email, 10)
        client.post(reverse("accounts:password_reset"), {"email": methodist.email})
        link = re.search(r"https?://[^/]+(/\S+)", mailoutbox[0].body).group(1)
        new = "Nov0e-parol-2025"
        client.post(client.get(link).url, {"new_password1": new, "new_password2": new})
        assert login(client, methodist.email, new).status_code == 302


@pytest.mark.django_db
class TestAdminLogin:
    def test_the_admin_login_counts_and_locks_the_same_way(self, client, platform_admin):
        url = reverse("admin:login")
        for _ in range(10):
            response = client.post(url, {"username": platform_admin.email, "password": "wrong"})
        assert response.status_code == 429
        assert "Слишком много неудачных попыток входа" in message(response)
        assert login(client, platform_admin.email, PASSWORD, "127.0.0.1").status_code == 429
