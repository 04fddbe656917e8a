"""Everything held about one person, as JSON and as a workbook (152-ФЗ art. 14)."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from metodset.associations.tests.factories import MembershipFactory
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.growth.models import Route, RouteStep
from metodset.privacy.models import AccessKind, AccessLogEntry, Consent
from metodset.privacy.tests.texts import consent_text


@pytest.fixture
def member(association, teacher_user):
    """The teacher of `teacher_user`, a member with an event, a route and a consent."""
    teacher = teacher_user.teacher_profile
    teacher.email = '=HYPERLINK("http://evil")'
    teacher.awards = "Грамота РМК"
    teacher.save()
    MembershipFactory(association=association, teacher=teacher)
    ParticipationFactory(event=EventFactory(municipality=association.municipality), teacher=teacher)
    route = Route.objects.create(teacher=teacher, school_year=2025, title="ИОМ по финграмотности")
    RouteStep.objects.create(
        route=route, title="Курс по финграмотности", deadline=dt.date(2026, 3, 1)
    )
    Consent.objects.create(user=teacher_user, teacher=teacher, text=consent_text("profile"))
    return teacher


def sections(response) -> dict:
    data = json.loads(response.content)
    return {s["model"]: s for s in data["sections"]}


@pytest.mark.django_db
class TestExport:
    def test_the_json_holds_the_card_his_records_and_his_account(
        self, client_as, methodist, member, association
    ):
        response = client_as(methodist).get(reverse("privacy:export_json", args=[member.pk]))
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        found = sections(response)
        [card] = found["people.teacher"]["rows"]
        assert card["last_name"] == member.last_name and card["awards"] == "Грамота РМК"
        assert card["birth_date"] == member.birth_date.isoformat()
        assert card["gender"] == "женский"  # choices by their names
        assert found["people.teacher"]["columns"]["birth_date"] == "дата рождения"
        assert found["associations.membership"]["rows"][0]["association"] == association.name
        assert len(found["events.participation"]["rows"]) == 1
        assert found["growth.routestep"]["rows"][0]["title"] == "Курс по финграмотности"
        assert found["privacy.consent"]["rows"][0]["text"].startswith("собственный профиль")
        [account] = found["accounts.user"]["rows"]
        assert account["email"] == member.user.email
        assert "password" not in account and "is_superuser" not in account

    def test_another_person_appears_by_number_only(self, client_as, methodist, member):
        from metodset.growth.models import Mentoring
        from metodset.people.tests.factories import TeacherFactory

        mentor = TeacherFactory(organisation__municipality=member.municipality)
        Mentoring.objects.create(teacher=member, mentor=mentor, starts_on=dt.date(2025, 9, 1))
        response = client_as(methodist).get(reverse("privacy:export_json", args=[member.pk]))
        [pair] = sections(response)["growth.mentoring"]["rows"]
        assert pair["mentor"] == f"педагог № {mentor.pk}"
        assert mentor.last_name not in response.content.decode()

    def test_it_is_logged(self, client_as, methodist, member):
        client_as(methodist).get(reverse("privacy:export_xlsx", args=[member.pk]))
        [entry] = AccessLogEntry.objects.all()
        assert (entry.kind, entry.teacher, entry.user) == (
            AccessKind.PERSONAL_EXPORT,
            member,
            methodist,
        )

    def test_the_workbook_has_a_sheet_per_kind_and_no_formulas(self, client_as, methodist, member):
        response = client_as(methodist).get(reverse("privacy:export_xlsx", args=[member.pk]))
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        assert workbook.sheetnames == [
            "Педагог",
            "Членство",
            "Участие",
            "Индивидуальные образовательные",
            "Шаги маршрута",
            "Согласия",
            "Пользователь",
        ]
        card = {row[0].value: row[1] for row in workbook["Педагог"].iter_rows(min_row=2)}
        email = card["электронная почта"]
        assert email.value == '=HYPERLINK("http://evil")' and email.data_type == "s"

    def test_the_person_himself_may_export_his_data(self, client_as, teacher_user, member):
        response = client_as(teacher_user).get(reverse("privacy:export_json", args=[member.pk]))
        assert response.status_code == 200
        assert AccessLogEntry.objects.count() == 0  # his own data

    def test_the_card_offers_it_to_those_who_may(
        self, client_as, methodist, head, teacher_user, member
    ):
        url = reverse("privacy:export_xlsx", args=[member.pk])
        assert url in client_as(methodist).get(member.get_absolute_url()).text
        assert url in client_as(teacher_user).get(member.get_absolute_url()).text
        page = client_as(head).get(member.get_absolute_url())
        assert page.status_code == 200 and url not in page.text
