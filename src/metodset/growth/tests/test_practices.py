"""Experience units for dissemination and publications: kept like every growth record."""

import pytest
from django.urls import reverse

from metodset.associations.tests.factories import MembershipFactory
from metodset.growth.models import Practice, Publication
from metodset.people.tests.factories import TeacherFactory

PRACTICE = {
    "title": "Смысловое чтение на уроках истории",
    "level": "municipal",
    "accepted_on": "2025-10-15",
    "accepted_by": "Методический совет, протокол № 2",
}
PUBLICATION = {
    "title": "Урок-исследование",
    "venue": "nsportal.ru",
    "url": "https://nsportal.ru/a/1",
    "published_on": "2025-11-01",
}
KINDS = [("practices", Practice, PRACTICE), ("publications", Publication, PUBLICATION)]
CONSENT = {"consent": "on"}  # a teacher entering his own records agrees to the processing


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize(("kind", "model", "data"), KINDS)
    def test_a_teacher_adds_his_own_and_is_their_author(
        self, client_as, teacher_user, kind, model, data
    ):
        teacher = teacher_user.teacher_profile
        client = client_as(teacher_user)
        response = client.post(reverse("growth:add", args=[teacher.pk, kind]), data | CONSENT)
        assert response.status_code == 302
        record = model.objects.get()
        assert (record.teacher, record.title) == (teacher, data["title"])
        assert record.history.get().history_user == teacher_user
        assert data["title"] in client.get(reverse("growth:teacher", args=[teacher.pk])).text

    @pytest.mark.parametrize(("kind", "model", "data"), KINDS)
    def test_the_methodist_adds_for_a_teacher_of_his_municipality(
        self, client_as, methodist, teacher_user, kind, model, data
    ):
        teacher = teacher_user.teacher_profile
        response = client_as(methodist).post(reverse("growth:add", args=[teacher.pk, kind]), data)
        assert response.status_code == 302
        assert model.objects.get().teacher == teacher

    @pytest.mark.parametrize(("kind", "model", "data"), KINDS)
    def test_a_head_sees_but_does_not_add(self, client_as, head, association, kind, model, data):
        member = MembershipFactory(association=association).teacher
        client = client_as(head)
        assert client.get(reverse("growth:teacher", args=[member.pk])).status_code == 200
        assert client.post(reverse("growth:add", args=[member.pk, kind]), data).status_code == 403
        assert not model.objects.exists()

    @pytest.mark.parametrize(("kind", "model", "data"), KINDS)
    def test_another_teacher_or_municipality_does_not_exist(
        self,
        client_as,
        teacher_user,
        methodist,
        other_municipality,
        municipality,
        kind,
        model,
        data,
    ):
        stranger = TeacherFactory(organisation__municipality=other_municipality)
        colleague = TeacherFactory(organisation__municipality=municipality)
        url = reverse("growth:add", args=[stranger.pk, kind])
        assert client_as(methodist).post(url, data).status_code == 404
        url = reverse("growth:add", args=[colleague.pk, kind])
        assert client_as(teacher_user).post(url, data).status_code == 404
        assert not model.objects.exists()

    @pytest.mark.parametrize(("kind", "model", "data"), KINDS)
    def test_the_owner_deletes_with_a_confirmation(
        self, client_as, teacher_user, kind, model, data
    ):
        teacher = teacher_user.teacher_profile
        client = client_as(teacher_user)
        client.post(reverse("growth:add", args=[teacher.pk, kind]), data | CONSENT)
        url = reverse("growth:delete", args=[kind, model.objects.get().pk])
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 302
        assert not model.objects.exists()


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        ("kind", "model", "data", "field"),
        [
            ("practices", Practice, PRACTICE | {"accepted_on": "2025-12-01"}, "accepted_on"),
            (
                "publications",
                Publication,
                PUBLICATION | {"published_on": "2026-01-10"},
                "published_on",
            ),
            ("publications", Publication, PUBLICATION | {"venue": ""}, "venue"),
            ("publications", Publication, PUBLICATION | {"url": "не ссылка"}, "url"),
        ],
    )
    def test_it_refuses_with_a_message_and_saves_nothing(
        self, client_as, teacher_user, kind, model, data, field
    ):
        teacher = teacher_user.teacher_profile
        response = client_as(teacher_user).post(
            reverse("growth:add", args=[teacher.pk, kind]), data
        )
        assert response.status_code == 400
        assert response.context["form"].errors[field]
        assert not model.objects.exists()

    def test_a_future_date_is_explained_in_russian(self, client_as, teacher_user):
        teacher = teacher_user.teacher_profile
        response = client_as(teacher_user).post(
            reverse("growth:add", args=[teacher.pk, "practices"]),
            PRACTICE | {"accepted_on": "2025-12-01"},  # today is 20.11.2025
        )
        assert "Дата не может быть в будущем" in response.text


def test_the_growth_page_sends_practices_to_the_bank(client_for, users):
    """A teacher's own practice record leads to submitting it to the bank for review."""
    from django.urls import reverse

    teacher = users["teacher"].teacher_profile
    html = client_for("teacher").get(reverse("growth:teacher", args=[teacher.pk])).text
    assert f'href="{reverse("library:practice_submit")}"' in html
    assert "Подать в банк на экспертизу" in html
