"""Reasons for absence («болезнь») are health data as often as not: the chair, the secretary,
whoever keeps the minutes, the methodists and the member himself read them; everyone else
reads what the minutes print instead, in the pages, the API and the minutes document."""

import datetime as dt

import pytest
from django.urls import reverse

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.associations.tests.factories import MembershipFactory
from metodset.core.models import AbsenceReasons
from metodset.documents.tests.fixtures import docx_text
from metodset.meetings import selectors, services
from metodset.meetings.tests.pages import assert_clean
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db

REASON = "болезнь"
PRINTED = "по уважительной причине"


def _member(association, **teacher):
    user = UserFactory(role=Role.TEACHER, municipality=association.municipality)
    teacher = TeacherFactory(
        user=user, organisation__municipality=association.municipality, **teacher
    )
    MembershipFactory(association=association, teacher=teacher)
    return user


@pytest.fixture
def people(association, head, member_user):
    """A meeting with a chair, a secretary, an absent member and another member."""
    absentee = _member(association, last_name="Сидоров")
    secretary = _member(association, last_name="Секретарёва")
    meeting = services.meeting_schedule(
        user=head,
        association=association,
        date=dt.date(2025, 10, 15),
        secretary=secretary.teacher_profile,
    )
    services.attendance_record(
        user=head,
        meeting=meeting,
        marks={
            absentee.teacher_profile.pk: (False, REASON),
            secretary.teacher_profile.pk: (True, ""),
            member_user.teacher_profile.pk: (True, ""),
        },
    )
    return {"meeting": meeting, "absentee": absentee, "secretary": secretary}


def _stated(meeting) -> None:
    municipality = meeting.municipality
    municipality.absence_reasons_in_minutes = AbsenceReasons.STATED
    municipality.save()


def _minutes(client, meeting) -> str:
    response = client.get(reverse("documents:minutes_docx", args=[meeting.pk]))
    assert response.status_code == 200
    return docx_text(response.content)


class TestATeacher:
    """Issue 11: a teacher sees no absence reason of anyone else (page, API, DOCX)."""

    @pytest.mark.parametrize("stated", [False, True], ids=["default", "municipality prints"])
    def test_sees_no_one_elses_reason_anywhere(self, client_as, member_user, people, stated):
        meeting = people["meeting"]
        if stated:
            _stated(meeting)
        client = client_as(member_user)
        page = client.get(meeting.get_absolute_url())
        assert page.status_code == 200
        assert REASON not in page.text and PRINTED in page.text
        api = client.get(f"/api/v1/meetings/{meeting.pk}").json()
        absent = [row for row in api["attendance"] if not row["present"]]
        assert [row["absence_reason"] for row in absent] == [None]
        assert REASON not in str(api)
        minutes = _minutes(client, meeting)
        assert REASON not in minutes and "Сидоров" in minutes
        assert f"({PRINTED})" in minutes

    def test_reads_his_own_reason(self, client_as, people):
        meeting, absentee = people["meeting"], people["absentee"]
        _stated(meeting)
        client = client_as(absentee)
        assert REASON in client.get(meeting.get_absolute_url()).text
        api = client.get(f"/api/v1/meetings/{meeting.pk}").json()
        assert [r["absence_reason"] for r in api["attendance"] if not r["present"]] == [REASON]
        assert f"({REASON})" in _minutes(client, meeting)

    def test_a_coordinator_of_the_region_does_not_read_it_either(
        self, client_as, coordinator, people
    ):
        meeting = people["meeting"]
        _stated(meeting)
        client = client_as(coordinator)
        assert REASON not in client.get(meeting.get_absolute_url()).text
        assert REASON not in _minutes(client, meeting)


class TestThoseWhoKeepTheMinutes:
    @pytest.mark.parametrize("who", ["head", "methodist", "secretary", "platform_admin"])
    def test_read_every_reason_on_the_page_and_in_the_api(self, request, client_as, people, who):
        meeting = people["meeting"]
        user = people[who] if who in people else request.getfixturevalue(who)
        client = client_as(user)
        assert REASON in client.get(meeting.get_absolute_url()).text
        api = client.get(f"/api/v1/meetings/{meeting.pk}").json()
        assert [r["absence_reason"] for r in api["attendance"] if not r["present"]] == [REASON]

    def test_the_minutes_print_the_phrase_unless_the_municipality_chooses_the_reason(
        self, client_as, head, people
    ):
        meeting = people["meeting"]
        client = client_as(head)
        minutes = _minutes(client, meeting)
        assert "Сидоров" in minutes and f"({PRINTED})" in minutes
        assert REASON not in minutes
        _stated(meeting)
        assert f"({REASON})" in _minutes(client, meeting)

    def test_the_municipality_may_print_no_reason_at_all(self, client_as, head, people):
        meeting = people["meeting"]
        meeting.municipality.absence_reasons_in_minutes = AbsenceReasons.OMITTED
        meeting.municipality.save()
        minutes = _minutes(client_as(head), meeting)
        assert REASON not in minutes and PRINTED not in minutes

    def test_the_chair_reads_them_even_when_he_is_not_the_head(
        self, association, member_user, people
    ):
        meeting = people["meeting"]
        services.meeting_update(
            user=None, meeting=meeting, data={"chair": member_user.teacher_profile}
        )
        sheet = selectors.attendance_sheet(meeting, viewer=member_user)
        assert [line.shown_reason for line in sheet if line.present is False] == [REASON]


class TestSelectors:
    def test_no_viewer_reads_what_the_minutes_print(self, people):
        sheet = selectors.attendance_sheet(people["meeting"])
        assert [line.shown_reason for line in sheet if line.present is False] == [PRINTED]

    def test_the_document_counts_only_the_members_marked(self, association, people):
        MembershipFactory(association=association)  # on the sheet, not marked
        data = selectors.minutes_document_data(people["meeting"])
        assert (len(data.present), len(data.absent), data.member_count) == (2, 1, 3)


class TestSettingsPage:
    def test_the_methodist_chooses_what_the_minutes_print(self, client_as, methodist):
        client = client_as(methodist)
        url = reverse("meetings:settings")
        page = client.get(url)
        assert page.status_code == 200 and "по уважительной причине" in page.text
        assert_clean(page)
        response = client.post(url, {"absence_reasons_in_minutes": "stated"})
        assert response.status_code == 302
        methodist.municipality.refresh_from_db()
        assert methodist.municipality.absence_reasons_in_minutes == AbsenceReasons.STATED
        record = methodist.municipality.history.first()
        assert record.history_user == methodist

    def test_the_list_links_to_it_for_the_methodist_only(self, client_as, methodist, head):
        link = reverse("meetings:settings")
        assert link in client_as(methodist).get(reverse("meetings:list")).text
        assert link not in client_as(head).get(reverse("meetings:list")).text
