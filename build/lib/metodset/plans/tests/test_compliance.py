"""The plan and meeting rules of a regulation, judged from recorded plans and minutes."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metodset.associations.tests.factories import AssociationFactory
from metodset.core.dates import SchoolYear
from metodset.meetings import services as meeting_services
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.meetings.tests.test_services import ready_meeting
from metodset.plans import services
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory
from metodset.regulations.checks import check, check_many
from metodset.regulations.kinds import Status
from metodset.regulations.services import regulation_import

pytestmark = pytest.mark.django_db

YEAR = SchoolYear(2025)
TODAY = dt.date(2025, 11, 20)
REGULATION = """title: Положение о ММО
effective_from: 2020-09-01
rules:
  - kind: annual_plan
    clause: п. 9.1
    adopted_at_meeting: true
    published: true
  - kind: min_meetings
    clause: п. 5.1
    count: 4
  - kind: minutes_required
    clause: п. 5.2
  - kind: decisions_required
    clause: п. 5.3
"""


@pytest.fixture
def regulation(municipality):
    return regulation_import(user=None, municipality=municipality, text=REGULATION)


def verdicts(association, today=TODAY):
    return {v.rule.kind: v.result for v in check(association, YEAR, today)}


class TestPlanRule:
    def test_no_plan_is_at_risk_during_the_year_and_violated_after_it(
        self, regulation, association
    ):
        assert verdicts(association)["annual_plan"].status == Status.AT_RISK
        late = verdicts(association, dt.date(2026, 9, 1))["annual_plan"]
        assert late.status == Status.VIOLATED
        assert "нет плана работы" in late.message
        assert late.fix_url.endswith(f"/plans/association/{association.pk}/")

    def test_it_follows_the_plan_through_its_workflow(self, regulation, association, methodist):
        plan = PlanFactory(association=association, school_year=2025)
        PlanItemFactory(plan=plan)
        draft = verdicts(association)["annual_plan"]
        assert draft.status == Status.AT_RISK
        assert "принят на заседании" in draft.message and "опубликован" in draft.message
        meeting = MeetingFactory(association=association, date=dt.date(2025, 8, 28))
        decision = AgendaItemFactory(meeting=meeting, decision="Принять план работы.")
        services.plan_adopt(user=None, plan=plan, decision=decision)
        adopted = verdicts(association)["annual_plan"]
        assert adopted.status == Status.AT_RISK
        assert "принят" not in adopted.message and "опубликован" in adopted.message
        services.plan_approve(user=methodist, plan=plan)
        services.plan_publish(user=methodist, plan=plan)
        assert verdicts(association)["annual_plan"].status == Status.OK

    def test_last_years_plan_does_not_count(self, regulation, association):
        PlanFactory(association=association, school_year=2024)
        assert "нет плана работы" in verdicts(association)["annual_plan"].message


class TestMeetingRules:
    def test_held_signed_and_decided_meetings_comply(self, regulation, association):
        meeting_services.minutes_sign(
            user=None, meeting=ready_meeting(association, dt.date(2025, 9, 10))
        )
        second = ready_meeting(association, dt.date(2025, 10, 15))
        meeting_services.attendance_record(
            user=None,
            meeting=second,
            marks={m.teacher_id: (True, "") for m in association.memberships.all()},
        )
        meeting_services.minutes_sign(user=None, meeting=second)
        result = verdicts(association)
        # 2 of 4 held with 9 months left (two months a meeting still to hold: 4 needed).
        assert result["min_meetings"].status == Status.OK
        assert "2 из 4" in result["min_meetings"].message
        assert result["minutes_required"].status == Status.OK
        assert result["decisions_required"].status == Status.OK

    def test_unsigned_minutes_and_undecided_questions_are_violations(self, regulation, association):
        meeting = ready_meeting(association, dt.date(2025, 10, 15), questions=2)
        AgendaItemFactory(meeting=meeting, decision="")
        result = verdicts(association)
        assert result["minutes_required"].status == Status.VIOLATED
        assert result["decisions_required"].status == Status.VIOLATED
        assert result["minutes_required"].fix_url.endswith(
            f"/meetings/association/{association.pk}/"
        )

    def test_a_meeting_still_to_come_is_not_held(self, regulation, association, head):
        # Scheduled from the plan, for a date months ahead: nothing is held, nothing done.
        plan = PlanFactory(association=association, school_year=2025)
        item = PlanItemFactory(plan=plan, form="meeting", date=dt.date(2026, 3, 19))
        services.plan_item_meeting_create(user=head, item=item, date=dt.date(2026, 3, 19))
        result = verdicts(association)
        assert "0 из 4" in result["min_meetings"].message
        assert result["minutes_required"].status == Status.OK
        item.refresh_from_db()
        assert item.status == "planned"

    def test_too_few_meetings_by_the_end_of_the_year_is_a_violation(self, regulation, association):
        meeting_services.minutes_sign(
            user=None, meeting=ready_meeting(association, dt.date(2025, 10, 15))
        )
        result = verdicts(association, dt.date(2026, 9, 1))["min_meetings"]
        assert result.status == Status.VIOLATED and "1 из 4" in result.message


def test_the_check_costs_the_same_queries_for_3_or_30_associations(regulation, municipality):
    def run(n):
        associations = AssociationFactory.create_batch(n, municipality=municipality)
        for association in associations:
            ready_meeting(association, dt.date(2025, 10, 1))
            PlanFactory(association=association, school_year=2025)
        with CaptureQueriesContext(connection) as queries:
            check_many(associations, YEAR, TODAY)
        return len(queries)

    assert run(3) == run(30)
