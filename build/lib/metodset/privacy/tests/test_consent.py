"""Consent where people enter their own data: the text version and the time are kept."""

import datetime as dt

import pytest
from django.urls import reverse

from metodset.privacy.models import Consent, ConsentPurpose, ConsentText


def own_data(**changes) -> dict:
    return {"education_level": "higher", "email": "me@school.ru"} | changes


@pytest.mark.django_db
class TestOwnProfile:
    def test_it_asks_for_consent_and_keeps_the_version_and_time(self, client_as, teacher_user):
        own = teacher_user.teacher_profile
        client = client_as(teacher_user)
        url = reverse("people:edit", args=[own.pk])
        page = client.get(url)
        text = ConsentText.objects.current(ConsentPurpose.PROFILE)
        assert 'name="consent"' in page.text and text.get_absolute_url() in page.text
        assert "checked" not in page.text.split('name="consent"')[1].split(">")[0]

        refused = client.post(url, own_data())
        assert refused.status_code == 400 and "Без вашего согласия" in refused.text
        own.refresh_from_db()
        assert own.email == "" and not Consent.objects.exists()

        client.post(url, own_data(consent="on"), REMOTE_ADDR="198.51.100.4")
        own.refresh_from_db()
        consent = Consent.objects.get()
        assert own.email == "me@school.ru"
        assert (consent.user, consent.teacher, consent.text) == (teacher_user, own, text)
        assert (consent.given_at.date(), consent.address) == (dt.date(2025, 11, 20), "198.51.100.4")

        again = client.get(url)
        assert 'name="consent"' not in again.text
        assert client.post(url, own_data(email="new@school.ru")).status_code == 302
        assert Consent.objects.count() == 1

    def test_a_new_version_is_asked_for_again(self, client_as, teacher_user):
        own = teacher_user.teacher_profile
        client = client_as(teacher_user)
        url = reverse("people:edit", args=[own.pk])
        client.post(url, own_data(consent="on"))
        ConsentText.objects.create(
            purpose=ConsentPurpose.PROFILE,
            version=2,
            effective_from=dt.date(2025, 11, 1),
            text="Новая редакция.",
        )
        ConsentText.objects.create(  # not yet in force
            purpose=ConsentPurpose.PROFILE,
            version=3,
            effective_from=dt.date(2026, 1, 1),
            text="Будущая редакция.",
        )
        assert 'name="consent"' in client.get(url).text
        client.post(url, own_data(consent="on"))
        assert [c.text.version for c in Consent.objects.order_by("pk")] == [1, 2]

    def test_the_methodist_is_not_asked(self, client_as, methodist, teacher_user):
        own = teacher_user.teacher_profile
        page = client_as(methodist).get(reverse("people:edit", args=[own.pk]))
        assert page.status_code == 200 and 'name="consent"' not in page.text

    def test_the_card_shows_the_consent(self, client_as, methodist, teacher_user):
        own = teacher_user.teacher_profile
        client_as(teacher_user).post(reverse("people:edit", args=[own.pk]), own_data(consent="on"))
        card = client_as(methodist).get(own.get_absolute_url())
        assert "дано 20.11.2025 (редакция 1)" in card.text


@pytest.mark.django_db
class TestConsentText:
    def test_everyone_logged_in_reads_it(self, client_as, teacher_user):
        text = ConsentText.objects.current(ConsentPurpose.SURVEY)
        page = client_as(teacher_user).get(text.get_absolute_url())
        assert page.status_code == 200
        assert "152-ФЗ" in page.text and "редакция 1, действует с 01.01.2025" in page.text
