"""Support of a school: plan, measures, visits, observations, the dashboard, the form."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from metodset.documents.schools import observation_document
from metodset.documents.tests.fixtures import docx_text
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.schools import selectors, services
from metodset.schools.models import MeasureStatus, Score
from metodset.schools.tests.factories import (
    ObservationCriterionFactory,
    ResultFactory,
    RiskCriterionFactory,
    SupportPlanFactory,
    VisitFactory,
    mentoring_pair,
    planned_course,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(municipality):
    return OrganisationFactory(
        municipality=municipality, name="МБОУ «СОШ № 7»", short_name="СОШ № 7"
    )


@pytest.fixture
def plan(methodist, school):
    return services.support_plan_create(
        user=methodist, municipality=school.municipality, organisation=school, school_year=2025
    )


class TestPlan:
    def test_a_school_has_one_plan_a_year(self, methodist, plan, school):
        with pytest.raises(ValidationError):
            services.support_plan_create(
                user=methodist,
                municipality=school.municipality,
                organisation=school,
                school_year=2025,
            )

    def test_another_municipalitys_school_is_refused(
        self, methodist, municipality, other_municipality
    ):
        with pytest.raises(ValidationError):
            services.support_plan_create(
                user=methodist,
                municipality=municipality,
                organisation=OrganisationFactory(municipality=other_municipality),
                school_year=2025,
            )

    def test_a_measure_names_who_answers_for_it(self, methodist, plan, association):
        with pytest.raises(ValidationError):
            services.support_measure_add(
                user=methodist, plan=plan, text="Семинар", deadline=dt.date(2025, 12, 1)
            )
        measure = services.support_measure_add(
            user=methodist,
            plan=plan,
            text="Семинар для учителей математики",
            association=association,
            deadline=dt.date(2025, 12, 1),
        )
        services.support_measure_update(
            user=methodist, measure=measure, data={"status": MeasureStatus.DONE}
        )
        measure.refresh_from_db()
        assert measure.status == MeasureStatus.DONE
        assert measure.history.first().history_user == methodist

    def test_a_teacher_may_not_write(self, teacher_user, plan):
        with pytest.raises(PermissionDenied):
            services.visit_record(
                user=teacher_user,
                plan=plan,
                date=dt.date(2025, 11, 1),
                visitor=teacher_user,
                purpose="?",
            )


class TestObservation:
    @pytest.fixture
    def criteria(self, municipality):
        return [
            ObservationCriterionFactory(municipality=municipality, name="Цель урока", max_score=2),
            ObservationCriterionFactory(
                municipality=municipality, name="Обратная связь", max_score=3
            ),
        ]

    def test_it_keeps_the_scores_and_the_acquaintance(self, methodist, plan, school, criteria):
        visit = services.visit_record(
            user=methodist,
            plan=plan,
            date=dt.date(2025, 11, 12),
            visitor=methodist,
            purpose="Посещение уроков математики",
        )
        teacher = TeacherFactory(
            organisation=school,
            last_name="Орлова",
            first_name="Анна",
            patronymic="Сергеевна",
            gender="f",
        )
        observation = services.observation_record(
            user=methodist,
            visit=visit,
            teacher=teacher,
            topic="Дроби",
            recommendations="Давать обратную связь.\nПланировать рефлексию.",
            scores={criteria[0].pk: 2, criteria[1].pk: 1},
        )
        assert sorted(Score.objects.values_list("score", flat=True)) == [1, 2]
        with pytest.raises(ValidationError):
            services.observation_update(
                user=methodist,
                observation=observation,
                data={},
                scores={criteria[1].pk: 4},  # above the maximum of 3
            )
        with pytest.raises(ValidationError):
            services.observation_update(
                user=methodist,
                observation=observation,
                data={"acknowledged_on": dt.date(2025, 11, 1)},  # before the lesson
            )
        services.observation_update(
            user=methodist,
            observation=observation,
            data={"acknowledged_on": dt.date(2025, 11, 14)},
        )
        text = docx_text(observation_document(observation).content)
        assert "ЛИСТ НАБЛЮДЕНИЯ УРОКА" in text
        assert "Орлова Анна Сергеевна" in text and "Дроби" in text
        assert "Цель урока" in text and "Обратная связь" in text
        assert "Итого: 3 из 5 (60 %)" in text
        assert "1. Давать обратную связь." in text
        assert "С результатами ознакомлена" in text and "14.11.2025" in text


class TestDashboard:
    def test_it_tells_whether_the_school_left_the_list(self, municipality, methodist, school):
        RiskCriterionFactory(municipality=municipality, name="Двойки", threshold=Decimal("15"))
        stays = OrganisationFactory(municipality=municipality, short_name="СОШ № 8")
        waiting = OrganisationFactory(municipality=municipality, short_name="СОШ № 9")
        for org in (school, stays, waiting):
            ResultFactory(organisation=org, school_year=2024, fail_share=Decimal("25"))
            SupportPlanFactory(organisation=org, school_year=2025)
        ResultFactory(organisation=school, school_year=2025, fail_share=Decimal("5"))
        ResultFactory(organisation=stays, school_year=2025, fail_share=Decimal("30"))
        outcomes = {o.plan.organisation: o for o in selectors.support_dashboard(municipality, 2025)}
        assert outcomes[school].on_list_after is False
        assert outcomes[stays].on_list_after is True
        assert outcomes[waiting].on_list_after is None
        assert outcomes[school].reasons[0].startswith("Двойки:")

    @pytest.mark.parametrize("plans", [1, 6])
    def test_it_takes_the_same_queries_for_any_number_of_plans(
        self, municipality, django_assert_num_queries, plans
    ):
        RiskCriterionFactory(municipality=municipality, threshold=Decimal("15"))
        for _n in range(plans):
            plan = SupportPlanFactory(organisation=OrganisationFactory(municipality=municipality))
            VisitFactory(plan=plan)
            ResultFactory(organisation=plan.organisation, school_year=2024, fail_share=Decimal(30))
        # plans with counts; the list of 2024 (criteria, shares, schools); the list of 2025
        # (criteria, shares: no school, so no query for them); the results of 2025
        with django_assert_num_queries(7):
            assert len(selectors.support_dashboard(municipality, 2025)) == plans


class TestMeasureLinks:
    """A measure may rely on a mentoring pair or a planned course of the plan's municipality."""

    def _add(self, methodist, plan, **links):
        return services.support_measure_add(
            user=methodist,
            plan=plan,
            text="Сопровождение молодого учителя",
            methodist=methodist,
            deadline=dt.date(2025, 12, 1),
            **links,
        )

    def test_the_pair_and_the_course_of_the_municipality_are_linked(
        self, methodist, plan, school, municipality
    ):
        pair = mentoring_pair(school, mentor_school=OrganisationFactory(municipality=municipality))
        course = planned_course(municipality)
        measure = self._add(methodist, plan, mentoring=pair, course=course)
        assert (measure.mentoring, measure.course) == (pair, course)

    def test_another_municipalitys_pair_is_refused(self, methodist, plan, other_municipality):
        pair = mentoring_pair(OrganisationFactory(municipality=other_municipality))
        with pytest.raises(ValidationError) as error:
            self._add(methodist, plan, mentoring=pair)
        assert "mentoring" in error.value.message_dict

    def test_a_pair_of_another_school_is_refused(self, methodist, plan, municipality):
        pair = mentoring_pair(OrganisationFactory(municipality=municipality))
        with pytest.raises(ValidationError) as error:
            self._add(methodist, plan, mentoring=pair)
        assert "mentoring" in error.value.message_dict

    def test_another_municipalitys_course_is_refused(self, methodist, plan, other_municipality):
        with pytest.raises(ValidationError) as error:
            self._add(methodist, plan, course=planned_course(other_municipality))
        assert "course" in error.value.message_dict
