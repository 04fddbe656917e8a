"""Password reset limits; a new password ends the API tokens and the other sessions."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from metodset.accounts.tests.factories import PASSWORD
from metodset.api.models import ApiToken
from metodset.api.services import token_create

START = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC)
NEW = "Nov0e-parol-2025"


def reset(client, email, address="10.0.0.1"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def api_status(token: str) -> int:
    return Client().get("/api/v1/organisations/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code


def logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
class TestPasswordResetLimit:
    def test_it_sends_at_most_three_e_mails_an_hour_to_one_address(
        self, client, methodist, mailoutbox
    ):
        statuses = [reset(client, methodist.email, f"10.0.0.{i}").status_code for i in range(5)]
        assert statuses == [302, 302, 302, 429, 429]
        assert len(mailoutbox) == 3
        with time_machine.travel(START + dt.timedelta(minutes=61)):
            assert reset(client, methodist.email).status_code == 302
        assert len(mailoutbox) == 4

    def test_it_refuses_in_russian_with_the_time_to_wait(self, client, methodist):
        for _ in range(3):
            reset(client, methodist.email.upper())  # one e-mail, whatever its case
        response = reset(client, methodist.email)
        assert response.status_code == 429
        assert "Слишком много запросов на восстановление пароля" in response.text
        assert "после 13:00" in response.text  # the first request at 12:00 + one hour

    def test_it_answers_an_unknown_address_the_same_way(self, client, methodist, mailoutbox):
        """The refusal counts what was typed: it tells nothing about which accounts exist."""
        responses = {}
        for email in (methodist.email, "nobody@example.ru"):
            for _ in range(3):
                assert reset(client, email).status_code == 302
            responses[email] = reset(client, email)
        known, unknown = responses.values()
        assert known.status_code == unknown.status_code == 429
        error = re.compile(r'<div class="errorbox" role="alert">.*?</div>', re.S)
        assert error.search(known.text).group() == error.search(unknown.text).group()
        assert len(mailoutbox) == 3

    def test_it_limits_one_client_address(self, client, methodist, mailoutbox, settings):
        settings.METODSET_PASSWORD_RESET_ADDRESS_RATE = "2/hour"
        assert reset(client, "a@example.ru").status_code == 302
        assert reset(client, "b@example.ru").status_code == 302
        assert reset(client, methodist.email).status_code == 429
        assert reset(client, methodist.email, address="10.0.0.2").status_code == 302
        assert len(mailoutbox) == 1


@pytest.mark.django_db
class TestPasswordChange:
    def url(self):
        return reverse("accounts:password_change")

    def test_it_is_linked_from_every_page_header(self, client_as, teacher_user):
        response = client_as(teacher_user).get(reverse("home:home"))
        assert f'href="{self.url()}"' in response.text
        assert "Сменить пароль" in response.text

    def test_it_shows_a_russian_form_in_the_layout(self, client_as, teacher_user):
        response = client_as(teacher_user).get(self.url())
        assert response.status_code == 200
        assert "<h1>Сменить пароль</h1>" in response.text
        assert "Старый пароль" in response.text
        assert 'class="topbar"' in response.text

    def test_it_refuses_a_wrong_old_password(self, client_as, teacher_user):
        response = client_as(teacher_user).post(
            self.url(), {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW}
        )
        assert response.status_code == 200
        teacher_user.refresh_from_db()
        assert teacher_user.check_password(PASSWORD)

    def test_it_keeps_this_session_and_ends_the_others_and_every_token(
        self, client_as, teacher_user, methodist
    ):
        _record, token = token_create(user=teacher_user, name="Скрипт")
        _other, others_token = token_create(user=methodist, name="Чужой")
        laptop = logged_in_client(teacher_user)
        stranger = logged_in_client(methodist)
        client = client_as(teacher_user)
        response = client.post(
            self.url(), {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
        )
        assert response.status_code == 302
        assert response.url == reverse("home:home")
        page = client.get(response.url)
        assert page.status_code == 200
        assert "Пароль изменён" in page.text
        assert laptop.get(reverse("home:home")).status_code == 302  # to the login page
        assert Session.objects.filter(session_key=laptop.session.session_key).count() == 0
        assert api_status(token) == 401
        assert ApiToken.objects.get(user=teacher_user).revoked_at is not None
        # Another user keeps everything.
        assert stranger.get(reverse("home:home")).status_code == 200
        assert api_status(others_token) == 200

    def test_it_asks_anonymous_visitors_to_log_in(self, client):
        response = client.get(self.url())
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
class TestPasswordResetEndsAccess:
    def test_a_reset_ends_every_session_and_token(self, client, methodist, mailoutbox):
        _record, token = token_create(user=methodist, name="Интеграция")
        laptop = logged_in_client(methodist)
        reset(client, methodist.email)
        link = re.search(r"https?://[^/]+(/\S+)", mailoutbox[0].body).group(1)
        response = client.post(client.get(link).url, {"new_password1": NEW, "new_password2": NEW})
        assert response.status_code == 302
        assert laptop.get(reverse("home:home")).status_code == 302
        assert not Session.objects.filter(session_key=laptop.session.session_key).exists()
        assert api_status(token) == 401

    def test_an_administrator_setting_a_password_ends_them_too(
        self, client, platform_admin, methodist
    ):
        _record, token = token_create(user=methodist, name="Интеграция")
        laptop = logged_in_client(methodist)
        admin = logged_in_client(platform_admin)
        url = reverse("admin:auth_user_password_change", args=[methodist.pk])
        response = admin.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})
        assert response.status_code == 302, response.context["form"].errors
        methodist.refresh_from_db()
        assert methodist.check_password(NEW)
        assert laptop.get(reverse("home:home")).status_code == 302
        assert api_status(token) == 401
        assert admin.get(reverse("admin:index")).status_code == 200
