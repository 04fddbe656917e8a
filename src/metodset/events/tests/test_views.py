import datetime as dt

import pytest
from django.urls import reverse

from metodset.events.models import Event, ParticipationStatus
from metodset.events.tests.factories import EventFactory, ParticipationFactory


@pytest.fixture
def held_event(association):
    """An event of the head's association that started yesterday and ends in five days."""
    return EventFactory(
        municipality=association.municipality,
        association=association,
        starts_at=dt.datetime(2025, 11, 19, 10, tzinfo=dt.UTC),
        ends_at=dt.datetime(2025, 11, 25, 10, tzinfo=dt.UTC),
        capacity=50,
    )


@pytest.mark.django_db
class TestEventPages:
    def test_a_teacher_registers_himself(self, client_as, teacher_user, municipality):
        event = EventFactory(municipality=municipality)
        client = client_as(teacher_user)
        response = client.post(reverse("events:register", args=[event.pk]))
        assert response.status_code == 302
        assert event.participations.get().teacher == teacher_user.teacher_profile

    def test_a_teacher_cannot_register_in_another_municipality(
        self, client_as, teacher_user, other_municipality
    ):
        event = EventFactory(municipality=other_municipality)
        assert (
            client_as(teacher_user).post(reverse("events:register", args=[event.pk])).status_code
            == 404
        )

    def test_the_head_marks_attendance_in_one_submit(self, client_as, head, held_event):
        came, missed = ParticipationFactory.create_batch(2, event=held_event)
        response = client_as(head).post(
            reverse("events:attendance", args=[held_event.pk]), {"present": [came.pk]}
        )
        assert response.status_code == 302
        came.refresh_from_db()
        missed.refresh_from_db()
        assert (came.attended, missed.attended) == (True, False)

    def test_attendance_changes_only_the_rows_of_the_page_shown(self, client_as, head, held_event):
        shown, elsewhere = ParticipationFactory.create_batch(2, event=held_event, attended=True)
        response = client_as(head).post(
            reverse("events:attendance", args=[held_event.pk]), {"shown": [shown.pk]}
        )
        assert response.status_code == 302
        shown.refresh_from_db()
        elsewhere.refresh_from_db()
        assert (shown.attended, elsewhere.attended) == (False, True)

    @pytest.mark.parametrize("role", ["teacher", "coordinator"])
    def test_others_cannot_mark_attendance(self, client_as, role_users, role, held_event):
        participation = ParticipationFactory(event=held_event)
        response = client_as(role_users[role]).post(
            reverse("events:attendance", args=[held_event.pk]), {"present": [participation.pk]}
        )
        assert response.status_code == 403
        participation.refresh_from_db()
        assert participation.attended is None

    def test_a_head_announces_an_event_of_his_association(self, client_as, head, association):
        response = client_as(head).post(
            reverse("events:create"),
            {
                "title": "Мастер-класс «Тайм-менеджмент педагога»",
                "form": "master_class",
                "level": "municipal",
                "association": association.pk,
                "starts_at": "2025-12-05T14:00",
                "ends_at": "2025-12-05T16:00",
            },
        )
        assert response.status_code == 302, response.text
        assert Event.objects.get().association == association

    def test_it_refuses_an_end_before_the_start(self, client_as, methodist):
        response = client_as(methodist).post(
            reverse("events:create"),
            {
                "title": "Семинар",
                "form": "seminar",
                "level": "municipal",
                "starts_at": "2025-12-05T14:00",
                "ends_at": "2025-12-05T10:00",
            },
        )
        assert response.status_code == 400
        assert "не может закончиться раньше" in response.text
        assert not Event.objects.exists()

    def test_the_event_page_runs_constant_queries(
        self, client_as, head, held_event, django_assert_max_num_queries
    ):
        client = client_as(head)
        ParticipationFactory.create_batch(3, event=held_event)
        with django_assert_max_num_queries(40) as small:
            client.get(reverse("events:detail", args=[held_event.pk]))
        ParticipationFactory.create_batch(40, event=held_event)
        with django_assert_max_num_queries(len(small.captured_queries)):
            client.get(reverse("events:detail", args=[held_event.pk]))


@pytest.mark.django_db
class TestCertificates:
    def test_a_participant_downloads_a_certificate_whose_code_verifies(
        self, client_as, teacher_user, held_event, client, pdf_support
    ):
        participation = ParticipationFactory(
            event=held_event, teacher=teacher_user.teacher_profile, attended=True
        )
        response = client_as(teacher_user).get(
            reverse("events:certificate", args=[participation.pk])
        )
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
        participation.refresh_from_db()
        client.logout()
        page = client.get(
            reverse("events:verify"), {"code": participation.certificate_code.lower()}
        )
        assert page.status_code == 200
        assert "Сертификат действителен" in page.text
        assert teacher_user.teacher_profile.full_name in page.text

    def test_an_unknown_code_does_not_verify(self, client):
        page = client.get(reverse("events:verify"), {"code": "NOPE123456"})
        assert "не выдавался" in page.text

    def test_no_certificate_without_attendance(self, client_as, teacher_user, held_event):
        participation = ParticipationFactory(event=held_event, teacher=teacher_user.teacher_profile)
        response = client_as(teacher_user).get(
            reverse("events:certificate", args=[participation.pk])
        )
        assert response.status_code == 302
        participation.refresh_from_db()
        assert participation.certificate_code is None

    def test_another_teacher_cannot_download_it(self, client_as, held_event, municipality):
        from metodset.accounts.models import Role
        from metodset.accounts.tests.factories import UserFactory
        from metodset.people.tests.factories import TeacherFactory

        participation = ParticipationFactory(event=held_event, attended=True)
        other = UserFactory(role=Role.TEACHER, municipality=municipality)
        TeacherFactory(user=other, organisation__municipality=municipality)
        assert (
            client_as(other).get(reverse("events:certificate", args=[participation.pk])).status_code
            == 403
        )
        assert participation.status == ParticipationStatus.REGISTERED


@pytest.mark.django_db
class TestMaterials:
    def test_the_head_attaches_a_material_members_download_it(
        self, client_as, head, teacher_user, held_event
    ):
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client_as(head).post(
            reverse("events:material_add", args=[held_event.pk]),
            {"title": "Презентация", "file": SimpleUploadedFile("slides.pdf", b"%PDF-1.4")},
        )
        assert response.status_code == 302
        material = held_event.materials.get()
        assert (
            client_as(teacher_user).get(reverse("events:material", args=[material.pk])).status_code
            == 200
        )

    def test_it_refuses_an_executable(self, client_as, head, held_event):
        from django.core.files.uploadedfile import SimpleUploadedFile

        client_as(head).post(
            reverse("events:material_add", args=[held_event.pk]),
            {"title": "Вирус", "file": SimpleUploadedFile("run.exe", b"MZ")},
        )
        assert not held_event.materials.exists()

    def test_a_teacher_cannot_attach(self, client_as, teacher_user, held_event):
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client_as(teacher_user).post(
            reverse("events:material_add", args=[held_event.pk]),
            {"title": "X", "file": SimpleUploadedFile("a.pdf", b"%PDF")},
        )
        assert response.status_code == 403
