"""The certificate of participation: to whom (dative), signed by whom, dated when."""

import datetime as dt
import shutil
import subprocess
from urllib.parse import unquote

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from metodset.events import services
from metodset.events.certificates import certificate_context, certificate_name
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.orgs.tests.factories import AuthorityHeadFactory
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def participation(municipality):
    event = EventFactory(
        municipality=municipality,
        title="Семинар «Функциональная грамотность»",
        starts_at=dt.datetime(2025, 11, 19, 10, tzinfo=dt.UTC),
        ends_at=dt.datetime(2025, 11, 19, 13, tzinfo=dt.UTC),
    )
    teacher = TeacherFactory(
        organisation__municipality=municipality,
        organisation__short_name="МБОУ «СОШ № 2»",
        last_name="Горшкова",
        first_name="Юлия",
        patronymic="Валерьевна",
        gender="",
        position="учитель математики",
    )
    return ParticipationFactory(event=event, teacher=teacher, attended=True)


def _html(participation) -> str:
    with translation.override("ru"):
        return render_to_string(
            "events/certificate.html", certificate_context(participation, verify_url="x")
        )


class TestCertificate:
    def test_it_is_issued_to_the_teacher_in_the_dative(self, participation):
        services.certificate_issue(user=None, participation=participation)
        html = _html(participation)
        assert "выдан" in html
        assert "Горшковой Юлии Валерьевне" in html
        assert "учителю математики, МБОУ «СОШ № 2»" in html
        assert "Горшкова Юлия Валерьевна" not in html

    def test_it_is_signed_by_the_head_in_office_and_dated_its_issue(
        self, participation, municipality
    ):
        municipality.settlement = "с. Чоя"
        municipality.save()
        AuthorityHeadFactory(
            municipality=municipality,
            position="Начальник отдела образования",
            starts_on=dt.date(2020, 1, 1),
            ends_on=dt.date(2025, 11, 30),
        )
        AuthorityHeadFactory(
            municipality=municipality,
            position="Начальник отдела образования",
            last_name="Куликов",
            first_name="Андрей",
            patronymic="Олегович",
            starts_on=dt.date(2025, 12, 1),
        )
        services.certificate_issue(user=None, participation=participation)
        assert participation.certificate_issued_on == dt.date(2025, 11, 20)
        html = _html(participation)
        assert "Начальник отдела образования" in html
        assert "Л.А.\u00a0Борисова" in html
        assert "с. Чоя, дата выдачи 20.11.2025" in html
        # Downloaded again in December: the same date and the same signatory.
        with time_machine.travel(dt.datetime(2025, 12, 10, 9, tzinfo=dt.UTC)):
            services.certificate_issue(user=None, participation=participation)
            html = _html(participation)
        assert "дата выдачи 20.11.2025" in html and "Куликов" not in html

    def test_without_a_recorded_head_the_signature_is_left_blank(self, participation):
        services.certificate_issue(user=None, participation=participation)
        html = _html(participation)
        assert "Руководитель органа управления образованием" in html
        assert "/____________/" in html

    def test_a_code_given_before_issue_dates_were_kept_is_dated_by_the_event(self, participation):
        type(participation).objects.filter(pk=participation.pk).update(
            certificate_code="ABCDEFGHJK"
        )
        participation.refresh_from_db()
        assert participation.certificate_date == dt.date(2025, 11, 19)

    def test_its_file_is_named_in_the_genitive(self, participation, client_as, methodist):
        services.certificate_issue(user=None, participation=participation)
        assert certificate_name(participation) == (
            f"Сертификат Горшковой Ю.В. {participation.certificate_code}"
        )

    def test_the_download_carries_the_name_and_the_dative_text(
        self, participation, client_as, methodist, pdf_support
    ):
        response = client_as(methodist).get(reverse("events:certificate", args=[participation.pk]))
        assert response.status_code == 200
        disposition = unquote(response["Content-Disposition"])
        assert "Сертификат Горшковой Ю.В." in disposition
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
            ).stdout.decode()
            assert "Горшковой Юлии Валерьевне" in " ".join(text.split())
