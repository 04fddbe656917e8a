import re

import pytest
from django.urls import reverse

from metodset.accounts.tests.factories import PASSWORD


@pytest.mark.django_db
class TestLogin:
    def test_it_logs_in_by_email_case_insensitively(self, client, methodist):
        response = client.post(
            reverse("accounts:login"), {"username": methodist.email.upper(), "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response.url == reverse("home:home")

    def test_it_refuses_a_wrong_password_in_russian(self, client, methodist):
        response = client.post(
            reverse("accounts:login"), {"username": methodist.email, "password": "wrong"}
        )
        assert response.status_code == 200
        assert "Неверный адрес электронной почты или пароль" in response.text
        assert "_auth_user_id" not in client.session

    def test_it_sends_anonymous_users_to_login(self, client):
        response = client.get(reverse("home:home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_it_logs_out_on_post(self, client_as, methodist):
        client = client_as(methodist)
        client.post(reverse("accounts:logout"))
        assert client.get(reverse("home:home")).status_code == 302


@pytest.mark.django_db
class TestPasswordReset:
    def test_it_mails_a_working_reset_link(self, client, methodist, mailoutbox):
        client.post(reverse("accounts:password_reset"), {"email": methodist.email})
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [methodist.email]
        link = re.search(r"https?://[^/]+(/\S+)", mailoutbox[0].body).group(1)
        form_url = client.get(link).url  # Django swaps the token for a session marker
        response = client.post(
            form_url, {"new_password1": "Nov0e-parol-2025", "new_password2": "Nov0e-parol-2025"}
        )
        assert response.status_code == 302
        methodist.refresh_from_db()
        assert methodist.check_password("Nov0e-parol-2025")

    def test_it_says_nothing_about_unknown_addresses(self, client, mailoutbox):
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.ru"})
        assert response.status_code == 302
        assert mailoutbox == []


@pytest.mark.django_db
class TestHome:
    @pytest.mark.parametrize(
        "role", ["platform_admin", "coordinator", "methodist", "head", "teacher"]
    )
    def test_it_shows_a_dashboard_to_every_role(self, client_as, role_users, role):
        response = client_as(role_users[role]).get(reverse("home:home"))
        assert response.status_code == 200
        assert "Здравствуйте" in response.text

    def test_it_shows_a_head_his_association(self, client_as, head, association):
        response = client_as(head).get(reverse("home:home"))
        assert association.name in response.text
