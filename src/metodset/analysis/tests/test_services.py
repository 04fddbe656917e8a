import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metodset.analysis import selectors, services
from metodset.analysis.models import Analysis, AnalysisStatus, EvaluationResult, Owner
from metodset.analysis.tests.world import EXPECTED, YEAR, at, build_year
from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.growth.tests.factories import PDCourseFactory
from metodset.meetings.tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
)
from metodset.regulations.checks import check
from metodset.regulations.kinds import Status
from metodset.regulations.services import regulation_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(association):
    return build_year(association)


@pytest.fixture
def draft(association, year, head):
    return services.analysis_generate(user=head, association=association, school_year=2024)


def numbers(analysis: Analysis) -> dict[str, list[tuple]]:
    return {
        s.code: [(r["label"], r["value"], r["previous"]) for r in s.numbers]
        for s in analysis.sections.all()
    }


class TestGenerate:
    def test_it_counts_every_section_as_by_hand(self, draft):
        got = numbers(draft)
        for code, rows in EXPECTED.items():
            assert got[code] == rows, code

    def test_it_takes_the_regulations_minimum_of_meetings(self, draft):
        meetings = draft.sections.get(code="meetings")
        assert meetings.numbers[0]["target"] == 4
        assert meetings.lines == ["Положение требует 4 заседаний в год; проведено 3."]

    def test_moved_and_cancelled_items_come_with_their_reasons(self, draft):
        lines = draft.sections.get(code="plan").lines
        assert len(lines) == 2
        assert lines[0].endswith("перенесено на 10.04.2025: болезнь докладчика")
        assert lines[1].endswith("отменено: карантин")

    def test_titles_and_results_are_listed(self, draft):
        practices = draft.sections.get(code="practices").lines
        assert practices[0].startswith("Практика «Кейс-метод»")
        assert [line.split(",")[0] for line in practices[1:]] == [
            "Публикация «Статья 1»",
            "Публикация «Статья 2»",
        ]
        [award] = draft.sections.get(code="competitions").lines
        assert award.endswith("— победитель")
        needs = draft.sections.get(code="needs").lines
        assert needs == [
            "Потребность: Функциональная грамотность — 2",
            "Потребность: Цифровые ресурсы — 1",
            "Дефицит: ИКТ — 2",
            "Дефицит: Оценивание — 1",
        ]

    def test_every_number_links_to_its_drill_down(self, draft):
        for section in draft.sections.all():
            assert all(row["url"].startswith("/") for row in section.numbers), section.code
        plan_rows = draft.sections.get(code="plan").numbers
        assert plan_rows[0]["url"] == f"/plans/{draft.association.plans.get(school_year=2024).pk}/"

    def test_indicators_come_with_last_years_value(self, draft):
        rows = {r["label"]: r for r in draft.sections.get(code="indicators").numbers}
        shares = rows["Доля педагогов, принявших участие в мероприятиях объединения"]
        # Members during 2024/2025: 5; of them at the association's events: m0, m1, m2.
        assert (shares["value"], shares["unit"]) == (60.0, "%")

    def test_the_query_count_does_not_grow_with_the_year(self, association, year, head):
        def queries() -> int:
            Analysis.objects.filter(association=association).delete()
            cache.clear()  # the indicators are cached between requests
            with CaptureQueriesContext(connection) as captured:
                services.analysis_generate(user=head, association=association, school_year=2024)
            return len(captured)

        queries()  # warms what a process loads once (content types)
        before = queries()
        for day in (dt.date(2024, 9, 20), dt.date(2025, 2, 20), dt.date(2025, 5, 20)):
            meeting = MeetingFactory(association=association, date=day)
            event = EventFactory(
                municipality=association.municipality,
                association=association,
                starts_at=at(day),
            )
            for _ in range(4):
                member = MembershipFactory(
                    association=association,
                    teacher__organisation__municipality=association.municipality,
                ).teacher
                AttendanceFactory(meeting=meeting, teacher=member)
                ParticipationFactory(event=event, teacher=member, attended=True)
                PDCourseFactory(teacher=member)
        assert queries() == before

    def test_one_analysis_per_association_and_year(self, draft, association, head):
        with pytest.raises(ValidationError):
            services.analysis_generate(user=head, association=association, school_year=2024)

    def test_a_section_saved_by_another_meanwhile_is_a_conflict(self, draft, head):
        from metodset.core.concurrency import EditConflict, edit_token

        section = draft.sections.get(code="plan")
        token = edit_token(section, ["conclusions", "tasks"])
        services.section_update(user=head, section=section, conclusions="Их.", tasks="")
        with pytest.raises(EditConflict):
            services.section_update(
                user=head, section=section, conclusions="Мои.", tasks="", edit_token=token
            )
        section.refresh_from_db()
        assert section.conclusions == "Их."

    def test_refresh_keeps_the_text_and_takes_the_numbers_again(self, draft, head, year):
        section = draft.sections.get(code="plan")
        services.section_update(user=head, section=section, conclusions="Хорошо.", tasks="Ещё")
        item = year["plan"].items.get(status="planned")
        item.status = "done"
        item.save(update_fields=["status"])
        services.analysis_refresh(user=head, analysis=draft)
        section.refresh_from_db()
        assert section.conclusions == "Хорошо." and section.numbers[1]["value"] == 4

    def test_the_service_drafts_its_own_without_meetings(self, municipality, methodist, year):
        analysis = services.analysis_generate(
            user=methodist, municipality=municipality, school_year=2024
        )
        assert analysis.owner == Owner.SERVICE and analysis.association is None
        codes = list(analysis.sections.values_list("code", flat=True))
        assert "meetings" not in codes and codes[0] == "plan"


class TestWorkflow:
    @pytest.fixture
    def decision(self, association):
        meeting = MeetingFactory(association=association, date=dt.date(2025, 6, 5))
        return AgendaItemFactory(meeting=meeting, title="Об анализе", decision="Принять анализ.")

    def test_adopt_submit_return_and_accept(self, draft, head, methodist, decision):
        services.analysis_adopt(user=head, analysis=draft, decision=decision)
        assert selectors.analysis_handed_in(draft.association, YEAR) == draft
        services.analysis_submit(user=head, analysis=draft)
        services.analysis_return(user=methodist, analysis=draft, comment="Добавьте выводы.")
        draft.refresh_from_db()
        assert draft.status == AnalysisStatus.RETURNED and draft.adoption_decision is None
        assert selectors.analysis_handed_in(draft.association, YEAR) is None
        services.analysis_adopt(user=head, analysis=draft, decision=decision)
        services.analysis_submit(user=head, analysis=draft)
        services.analysis_accept(user=methodist, analysis=draft)
        assert selectors.analysis_accepted(draft.association, YEAR) == draft
        statuses = [h.status for h in draft.history.order_by("history_date")]
        assert (
            statuses
            == [
                "draft",
                "draft",
                "adopted",
                "submitted",
                "returned",
                "adopted",
                "submitted",
                "accepted",
            ][-len(statuses) :]
        )
        assert draft.history.filter(history_change_reason="Добавьте выводы.").exists()

    def test_the_head_cannot_accept_nor_edit_a_submitted_one(self, draft, head, decision):
        services.analysis_adopt(user=head, analysis=draft, decision=decision)
        services.analysis_submit(user=head, analysis=draft)
        with pytest.raises(PermissionDenied):
            services.analysis_accept(user=head, analysis=draft)
        with pytest.raises(ValidationError):
            services.section_update(
                user=head, section=draft.sections.first(), conclusions="x", tasks=""
            )

    def test_a_meeting_of_another_association_or_to_come_does_not_adopt(
        self, draft, head, municipality
    ):
        other = AgendaItemFactory(
            meeting__association=AssociationFactory(municipality=municipality),
            meeting__date=dt.date(2025, 6, 1),
        )
        future = AgendaItemFactory(
            meeting__association=draft.association, meeting__date=dt.date(2025, 12, 1)
        )
        for decision in (other, future):
            with pytest.raises(ValidationError):
                services.analysis_adopt(user=head, analysis=draft, decision=decision)

    def test_a_member_and_another_head_may_not_draft(self, association, member_user, other_head):
        for user in (member_user, other_head):
            with pytest.raises(PermissionDenied):
                services.analysis_generate(user=user, association=association, school_year=2024)

    def test_a_head_may_not_draft_the_services_analysis(self, municipality, head):
        with pytest.raises(PermissionDenied):
            services.analysis_generate(user=head, municipality=municipality, school_year=2024)


class TestCompliance:
    def regulation(self, municipality):
        regulation_import(
            user=None,
            municipality=municipality,
            text=(
                "title: А\neffective_from: 2020-09-01\nrules:\n"
                "  - kind: annual_analysis\n    clause: п. 9.5\n"
                "  - kind: external_evaluation\n    clause: п. 5.9\n    months: [5, 6]\n"
            ),
        )

    def verdicts(self, association, year, today):
        return {v.rule.kind: v.result for v in check(association, year, today)}

    def test_the_analysis_rule_reads_the_analysis(self, draft, association, head, methodist):
        self.regulation(association.municipality)
        # November 2025: the analysis that counts is 2024/2025's.
        result = self.verdicts(association, None, None)
        assert result["annual_analysis"].status == Status.AT_RISK  # a draft, not accepted
        meeting = MeetingFactory(association=association, date=dt.date(2025, 6, 5))
        decision = AgendaItemFactory(meeting=meeting, decision="Принять анализ.")
        services.analysis_adopt(user=head, analysis=draft, decision=decision)
        services.analysis_submit(user=head, analysis=draft)
        services.analysis_accept(user=methodist, analysis=draft)
        result = self.verdicts(association, None, None)
        assert result["annual_analysis"].status == Status.OK
        assert "2024/2025" in result["annual_analysis"].message

    def test_in_may_the_years_own_analysis_is_due(self, association):
        self.regulation(association.municipality)
        from metodset.core.dates import SchoolYear

        result = self.verdicts(association, SchoolYear(2025), dt.date(2026, 5, 15))
        assert result["annual_analysis"].status == Status.AT_RISK
        assert result["annual_analysis"].fix_url == f"/analysis/association/{association.pk}/"
        late = self.verdicts(association, SchoolYear(2024), dt.date(2025, 9, 15))
        assert late["annual_analysis"].status == Status.VIOLATED

    def test_an_external_evaluation_turns_the_rule_green(self, association, methodist):
        self.regulation(association.municipality)
        from metodset.core.dates import SchoolYear

        year, today = SchoolYear(2024), dt.date(2025, 5, 20)
        assert self.verdicts(association, year, today)["external_evaluation"].status == (
            Status.AT_RISK
        )
        services.evaluation_record(
            user=methodist,
            association=association,
            evaluated_on=dt.date(2025, 5, 18),
            evaluator="Экспертная группа РМК",
            result=EvaluationResult.EFFECTIVE,
        )
        result = self.verdicts(association, year, today)["external_evaluation"]
        assert result.status == Status.OK
        assert "18.05.2025" in result.message and "Экспертная группа РМК" in result.message


class TestEvaluation:
    def test_only_the_methodist_records_it(self, association, head):
        with pytest.raises(PermissionDenied):
            services.evaluation_record(
                user=head,
                association=association,
                evaluated_on=dt.date(2025, 5, 18),
                evaluator="Комиссия",
                result=EvaluationResult.PARTLY,
            )

    def test_the_school_year_follows_the_date_and_no_future(self, association, methodist):
        evaluation = services.evaluation_record(
            user=methodist,
            association=association,
            evaluated_on=dt.date(2025, 6, 2),
            evaluator="Комиссия",
            result=EvaluationResult.PARTLY,
        )
        assert evaluation.school_year == 2024
        with pytest.raises(ValidationError):
            services.evaluation_record(
                user=methodist,
                association=association,
                evaluated_on=dt.date(2026, 6, 2),
                evaluator="Комиссия",
                result=EvaluationResult.PARTLY,
            )
