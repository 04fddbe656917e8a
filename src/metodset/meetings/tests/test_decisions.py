"""Decisions followed to completion (issue 16): a responsible member, a deadline and a status;
open ones come back at the next meeting as «контроль исполнения», on the responsible
member's home page, and in the annual analysis."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from metodset.analysis.generate import Subject, meetings_section
from metodset.core.dates import SchoolYear
from metodset.core.models import Notification
from metodset.meetings import selectors, services
from metodset.meetings.models import DecisionStatus
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(users):
    return users["teacher"].teacher_profile


@pytest.fixture
def decision(association):
    meeting = MeetingFactory(association=association, date=dt.date(2025, 10, 15))
    return AgendaItemFactory(meeting=meeting, decision="Провести открытые уроки.")


def follow(item, member, user=None, due=dt.date(2025, 12, 1), status=DecisionStatus.OPEN):
    return services.decision_follow(
        user=user, item=item, responsible=member, due_on=due, status=status
    )


class TestFollow:
    def test_the_head_names_the_responsible_member_who_is_told(self, users, decision, member):
        follow(decision, member, user=users["head"])
        decision.refresh_from_db()
        assert (decision.responsible, decision.due_on) == (member, dt.date(2025, 12, 1))
        assert decision.decision_status == DecisionStatus.OPEN
        assert Notification.objects.filter(user=users["teacher"]).count() == 1
        assert Notification.objects.get(user=users["teacher"]).kind == "decision_assigned"
        follow(decision, member, user=users["head"])  # the same person: told once
        assert Notification.objects.filter(user=users["teacher"]).count() == 1

    def test_a_member_may_not_follow_decisions(self, users, decision, member):
        with pytest.raises(PermissionDenied):
            follow(decision, member, user=users["teacher"])

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"status": ""}, "decision_status"),  # a responsible person without a status
            ({"due": dt.date(2025, 10, 1)}, "due_on"),  # before the meeting
        ],
    )
    def test_bad_input_is_refused_and_nothing_changes(self, decision, member, changes, field):
        with pytest.raises(ValidationError) as error:
            follow(decision, member, **changes)
        assert field in error.value.message_dict
        decision.refresh_from_db()
        assert decision.decision_status == ""

    def test_a_teacher_of_another_municipality_is_refused(self, decision, other_municipality):
        stranger = TeacherFactory(organisation__municipality=other_municipality)
        with pytest.raises(ValidationError):
            follow(decision, stranger)

    def test_a_question_without_a_decision_is_not_followed(self, association, member):
        item = AgendaItemFactory(meeting=MeetingFactory(association=association), decision="")
        with pytest.raises(ValidationError):
            follow(item, member)

    def test_the_responsible_member_reports_it_carried_out(self, users, decision, member):
        follow(decision, member)
        services.decision_report(user=users["teacher"], item=decision)
        decision.refresh_from_db()
        assert decision.decision_status == DecisionStatus.DONE
        assert decision.done_on == dt.date(2025, 11, 20)
        with pytest.raises(PermissionDenied):
            services.decision_report(user=users["other_head"], item=decision)


class TestControl:
    def test_the_next_meeting_controls_open_and_recently_done_decisions(
        self, association, decision, member
    ):
        follow(decision, member)
        done = AgendaItemFactory(meeting=decision.meeting, decision="Обновить банк заданий.")
        follow(done, member, status=DecisionStatus.DONE)
        cancelled = AgendaItemFactory(meeting=decision.meeting, decision="Отменено.")
        follow(cancelled, member, status=DecisionStatus.CANCELLED)
        later = MeetingFactory(association=association, date=dt.date(2025, 12, 10))
        assert selectors.decisions_to_control(later) == [decision, done]
        assert selectors.decisions_to_control(decision.meeting) == []

    def test_the_meeting_page_shows_the_control_of_execution(
        self, client_for, association, decision, member
    ):
        follow(decision, member)
        later = MeetingFactory(association=association, date=dt.date(2025, 12, 10))
        page = client_for("teacher").get(later.get_absolute_url())
        assert "Контроль исполнения решений" in page.text
        assert "Провести открытые уроки." in page.text

    def test_the_responsible_member_sees_it_at_home_and_marks_it_done(
        self, client_for, decision, member
    ):
        follow(decision, member, due=dt.date(2025, 11, 1))
        client = client_for("teacher")
        home = client.get(reverse("home:home"))
        assert "Решения на моём исполнении" in home.text
        assert "просрочено" in home.text
        response = client.post(
            reverse("meetings:decision_report", args=[decision.pk]),
            {"done": "1", "next": reverse("home:home")},
        )
        assert response.status_code == 302 and response.url == reverse("home:home")
        decision.refresh_from_db()
        assert decision.decision_status == DecisionStatus.DONE
        assert "Решения на моём исполнении" not in client.get(reverse("home:home")).text

    def test_the_head_follows_a_decision_on_its_page(self, client_for, decision, member):
        response = client_for("head").post(
            reverse("meetings:decision", args=[decision.pk]),
            {"responsible": member.pk, "due_on": "2025-12-01", "decision_status": "open"},
        )
        assert response.status_code == 302
        decision.refresh_from_db()
        assert decision.responsible == member

    @pytest.mark.parametrize(("role", "status"), [("teacher", 403), ("methodist_other", 404)])
    def test_others_may_not_report_or_follow(self, client_for, decision, member, role, status):
        follow(decision, member)
        url = reverse("meetings:decision_report", args=[decision.pk])
        assert client_for("other_head").post(url).status_code == 403
        follow_url = reverse("meetings:decision", args=[decision.pk])
        assert client_for(role).post(follow_url).status_code == status


class TestAnalysis:
    def test_the_annual_analysis_counts_done_overdue_and_open(self, association, decision, member):
        follow(decision, member, due=dt.date(2025, 11, 1))  # overdue
        for status, due in ((DecisionStatus.DONE, None), (DecisionStatus.OPEN, None)):
            item = AgendaItemFactory(meeting=decision.meeting, decision="Ещё одно.")
            follow(item, member, status=status, due=due or dt.date(2025, 12, 20))
        counts = selectors.decision_counts(
            [association.pk], SchoolYear(2025), dt.date(2025, 11, 20)
        )
        assert counts[association.pk] == selectors.DecisionCounts(
            followed=3, done=1, overdue=1, open=2
        )
        section = meetings_section(Subject(association.municipality, association, SchoolYear(2025)))
        numbers = {row["label"]: row["value"] for row in section.numbers}
        assert numbers["Решений исполнено"] == 1
        assert numbers["Решений просрочено"] == 1
        assert numbers["Решений на исполнении"] == 2
