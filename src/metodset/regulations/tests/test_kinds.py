"""Every rule kind on constructed facts, at its boundaries.

Facts that later parts of the product will record (meetings, plans, portfolio, passport,
analysis) are fed here through PROVIDERS, exactly as those parts will feed them.
"""

import datetime as dt

import pytest

from metodset.associations.tests.factories import AssociationFactory, HeadAppointmentFactory
from metodset.core.dates import SchoolYear
from metodset.regulations import facts
from metodset.regulations.checks import check
from metodset.regulations.kinds import REGISTRY, Status
from metodset.regulations.services import regulation_import

YEAR = SchoolYear(2025)
TODAY = dt.date(2025, 11, 20)


def rule_yaml(kind: str, params: str = "") -> str:
    return (
        "title: Т\neffective_from: 2020-09-01\nrules:\n"
        f"  - kind: {kind}\n    clause: п. 7\n{params}"
    )


@pytest.fixture
def judge(municipality, monkeypatch):
    association = AssociationFactory(municipality=municipality)

    def run(kind, params="", today=TODAY, **provided):
        regulation_import(user=None, municipality=municipality, text=rule_yaml(kind, params))
        for name, value in provided.items():
            monkeypatch.setitem(facts.PROVIDERS, name, lambda batch, v=value: {association.pk: v})
        [verdict] = check(association, YEAR, today)
        return verdict.result

    run.association = association
    return run


@pytest.mark.django_db
class TestEveryKind:
    def test_every_registered_kind_is_covered_here(self):
        covered = {
            "min_meetings",
            "minutes_required",
            "decisions_required",
            "head_appointed",
            "head_term_max",
            "head_qualification",
            "head_renewal",
            "min_members",
            "annual_plan",
            "passport",
            "portfolio",
            "annual_analysis",
            "external_evaluation",
            "indicators",
            # test_founding.py
            "head_selection",
            "founding_act_issuer",
            "min_teachers_for_creation",
            # test_council.py
            "council_chair",
            "council_composition",
        }
        assert set(REGISTRY) == covered

    @pytest.mark.parametrize(
        ("missing", "status"), [(None, Status.NO_DATA), (0, Status.OK), (1, Status.VIOLATED)]
    )
    def test_minutes_required(self, judge, missing, status):
        assert judge("minutes_required", meetings_without_minutes=missing).status == status

    @pytest.mark.parametrize(
        ("missing", "status"), [(None, Status.NO_DATA), (0, Status.OK), (2, Status.VIOLATED)]
    )
    def test_decisions_required(self, judge, missing, status):
        result = judge("decisions_required", questions_without_decision=missing)
        assert result.status == status
        if missing:
            assert "2" in result.message

    def test_min_meetings_exactly_n_and_n_minus_one_after_the_year(self, judge):
        params = "    count: 3\n"
        assert (
            judge("min_meetings", params, today=dt.date(2026, 9, 1), meetings_held=3).status
            == Status.OK
        )

    def test_min_meetings_one_short_after_the_year_is_violated(self, judge):
        result = judge("min_meetings", "    count: 3\n", today=dt.date(2026, 9, 1), meetings_held=2)
        assert result.status == Status.VIOLATED
        assert "2 из 3" in result.message

    def test_head_appointed(self, judge):
        assert judge("head_appointed").status == Status.VIOLATED

    def test_head_appointed_without_an_order_is_at_risk(self, judge):
        HeadAppointmentFactory(association=judge.association, order=None)
        assert judge("head_appointed").status == Status.AT_RISK

    def test_annual_plan_steps(self, judge):
        params = (
            "    adopted_at_meeting: true\n    agreed_with: заведующий МК\n    published: true\n"
        )
        result = judge(
            "annual_plan", params, plan={"adopted": True, "agreed": False, "published": False}
        )
        assert result.status == Status.AT_RISK
        assert "согласован" in result.message and "опубликован" in result.message

    def test_annual_plan_complete(self, judge):
        result = judge("annual_plan", "    adopted_at_meeting: true\n", plan={"adopted": True})
        assert result.status == Status.OK

    def test_annual_plan_without_a_provider(self, judge, monkeypatch):
        monkeypatch.delitem(facts.PROVIDERS, "plan")
        assert judge("annual_plan").status == Status.NO_DATA

    @pytest.mark.parametrize(
        ("today", "status"),
        [(TODAY, Status.AT_RISK), (dt.date(2026, 9, 1), Status.VIOLATED)],
    )
    def test_annual_plan_missing(self, judge, today, status):
        result = judge("annual_plan", today=today, plan={"exists": False})
        assert result.status == status
        assert "нет плана работы" in result.message

    @pytest.mark.parametrize(
        ("passport", "status"),
        [
            (None, Status.NO_DATA),
            ({"published": False}, Status.VIOLATED),
            ({"published": True}, Status.OK),
        ],
    )
    def test_passport(self, judge, passport, status):
        assert judge("passport", passport=passport).status == status

    def test_portfolio_accepted_on_the_deadline_day(self, judge):
        params = "    documents: [план, протоколы]\n    day: 31\n    month: 5\n"
        result = judge(
            "portfolio",
            params,
            today=dt.date(2026, 5, 31),
            portfolio={"submitted_on": dt.date(2026, 5, 30), "accepted_on": dt.date(2026, 5, 31)},
        )
        assert result.status == Status.OK

    @pytest.mark.parametrize(
        ("today", "status"),
        [(dt.date(2026, 5, 31), Status.AT_RISK), (dt.date(2026, 6, 1), Status.VIOLATED)],
    )
    def test_portfolio_handed_in_but_not_accepted(self, judge, today, status):
        params = "    documents: [план]\n    day: 31\n    month: 5\n"
        portfolio = {"submitted_on": dt.date(2026, 5, 30), "accepted_on": None}
        result = judge("portfolio", params, today=today, portfolio=portfolio)
        assert result.status == status
        assert "сдано 30.05.2026, ещё не принято" in result.message

    def test_portfolio_a_day_late(self, judge):
        params = "    documents: [план, протоколы]\n    day: 31\n    month: 5\n"
        result = judge(
            "portfolio", params, today=dt.date(2026, 6, 1), portfolio={"submitted_on": None}
        )
        assert result.status == Status.VIOLATED
        assert "31.05.2026" in result.message

    def test_portfolio_due_within_a_month_is_at_risk(self, judge):
        params = "    documents: [план]\n    day: 31\n    month: 5\n"
        assert judge("portfolio", params, today=dt.date(2026, 5, 10)).status == Status.AT_RISK

    @pytest.mark.parametrize(
        ("analysis", "today", "status"),
        [
            (None, TODAY, Status.NO_DATA),
            # Until May the previous year's analysis counts; from May the year's own.
            ({"current": None, "previous": "accepted"}, TODAY, Status.OK),
            ({"current": None, "previous": None}, TODAY, Status.NO_DATA),
            ({"current": None, "previous": "submitted"}, TODAY, Status.AT_RISK),
            ({"current": None, "previous": "accepted"}, dt.date(2026, 5, 4), Status.AT_RISK),
            ({"current": "submitted", "previous": None}, dt.date(2026, 6, 1), Status.AT_RISK),
            ({"current": "accepted", "previous": None}, dt.date(2026, 6, 1), Status.OK),
            ({"current": "adopted", "previous": None}, dt.date(2026, 9, 2), Status.VIOLATED),
        ],
    )
    def test_annual_analysis(self, judge, analysis, today, status):
        assert judge("annual_analysis", today=today, analysis=analysis).status == status

    @pytest.mark.parametrize(
        ("today", "status"),
        [(dt.date(2026, 5, 1), Status.AT_RISK), (dt.date(2026, 4, 30), Status.NOT_APPLICABLE)],
    )
    def test_external_evaluation(self, judge, today, status):
        assert judge("external_evaluation", "    months: [5, 6]\n", today=today).status == status

    def test_a_recorded_external_evaluation_complies(self, judge):
        evaluation = {"evaluated_on": dt.date(2026, 5, 20), "evaluator": "РМК", "result": "x"}
        result = judge(
            "external_evaluation",
            "    months: [5, 6]\n",
            today=dt.date(2026, 5, 25),
            external_evaluation=evaluation,
        )
        assert result.status == Status.OK and "20.05.2026" in result.message

    def test_indicators_without_data(self, judge):
        assert judge("indicators", "    codes: [satisfaction, roadmap]\n").status == Status.NO_DATA

    def test_indicators_with_data(self, judge):
        from metodset.associations.tests.factories import MembershipFactory

        MembershipFactory(association=judge.association)  # a denominator of one member
        result = judge("indicators", "    codes: [diagnostics_share, satisfaction]\n")
        assert result.status == Status.OK
        assert "1 из 2" in result.message
        # A share is read with a decimal comma, as everywhere else.
        assert "— 0,0\u00a0%" in result.message

    def test_one_indicator_is_counted_in_the_singular(self, judge):
        from metodset.associations.tests.factories import MembershipFactory

        MembershipFactory(association=judge.association)
        result = judge("indicators", "    codes: [diagnostics_share]\n")
        assert "есть данные по 1 из 1 показателя" in result.message
