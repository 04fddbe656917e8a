"""The schools pages: every URL × every role, query counts of the lists, the flow by POST."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from metodset.core.tests.roles import MANAGE, ROLES
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.schools.models import Observation, SupportMeasure, SupportPlan, Visit
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

# The methodical service's pages: the platform admin, the coordinators and the methodists read
# (each his own municipalities), the teachers (heads too) may not.
READ = {
    "anonymous": 302,
    "platform_admin": 200,
    "coordinator": 200,
    "coordinator_other": 200,
    "methodist": 200,
    "methodist_other": 200,
    "head": 403,
    "other_head": 403,
    "teacher": 403,
}
READ_RECORD = READ | {"coordinator_other": 404, "methodist_other": 404}
CREATE = READ | {"coordinator": 403, "coordinator_other": 403}
OWN = {"anonymous": 302, "teacher": 200}

PAGES = [
    ("schools:results", None, READ),
    ("schools:risk", None, READ),
    ("schools:criteria", None, READ),
    ("schools:support", None, READ),
    ("schools:risk_criterion_add", None, CREATE),
    ("schools:form_criterion_add", None, CREATE),
    ("schools:plan_add", None, CREATE),
    ("schools:risk_criterion_edit", "risk_criterion", MANAGE),
    ("schools:form_criterion_edit", "form_criterion", MANAGE),
    ("schools:plan", "plan", READ_RECORD),
    ("schools:plan_edit", "plan", MANAGE),
    ("schools:measure_add", "plan", MANAGE),
    ("schools:measure_edit", "measure", MANAGE),
    ("schools:visit_add", "plan", MANAGE),
    ("schools:visit", "visit", READ_RECORD),
    ("schools:visit_edit", "visit", MANAGE),
    ("schools:observation_add", "visit", MANAGE),
    ("schools:observation", "observation", READ_RECORD),
    ("schools:observation_edit", "observation", MANAGE),
    ("documents:observation_docx", "observation", READ_RECORD),
    ("documents:observation_pdf", "observation", READ_RECORD),  # a fake converter here
    # /schools/ sends every logged-in role on (TestIndex tells where), the anonymous to log in
    ("schools:index", None, dict.fromkeys(ROLES, 302)),
    # the observed teacher's own pages: the list is everyone's (empty but for him) …
    ("schools:mine", None, dict.fromkeys(ROLES, 200) | {"anonymous": 302}),
    # … an observation only his: it does not exist for anyone else
    ("schools:mine_detail", "own_observation", dict.fromkeys(ROLES, 404) | OWN),
]
POST_ONLY = ["schools:observation_acknowledge"]


@pytest.fixture
def objects(municipality, methodist, member_user):
    school = OrganisationFactory(municipality=municipality)
    plan = SupportPlanFactory(organisation=school)
    visit = VisitFactory(plan=plan, visitor=methodist)
    criterion = ObservationCriterionFactory(municipality=municipality)
    observation = Observation.objects.create(
        municipality=municipality,
        visit=visit,
        topic="Дроби",
        teacher=TeacherFactory(organisation=school),
    )
    own = Observation.objects.create(
        municipality=municipality, visit=visit, topic="Дроби", teacher=member_user.teacher_profile
    )
    return {
        "plan": plan,
        "visit": visit,
        "observation": observation,
        "own_observation": own,
        "form_criterion": criterion,
        "risk_criterion": RiskCriterionFactory(municipality=municipality),
        "measure": SupportMeasure.objects.create(
            plan=plan, text="Семинар", methodist=methodist, deadline=dt.date(2025, 12, 1)
        ),
    }


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(
        self, client_for, objects, monkeypatch, name, key, role, status
    ):
        from metodset.documents import render

        monkeypatch.setattr(render, "docx_to_pdf", lambda data, **kw: b"%PDF-1.7 fake")
        args = [objects[key].pk] if key else []
        response = client_for(role).get(reverse(name, args=args))
        assert response.status_code == status, f"{name} as {role}"

    def test_every_url_is_covered(self):
        from metodset.schools.urls import urlpatterns

        names = {f"schools:{p.name}" for p in urlpatterns}
        documents = {"documents:observation_docx", "documents:observation_pdf"}
        assert names | documents == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    @pytest.mark.parametrize(
        ("role", "status"), [("teacher", 403), ("coordinator", 403), ("methodist_other", 404)]
    )
    def test_others_cannot_post(self, client_for, objects, role, status):
        response = client_for(role).post(
            reverse("schools:measure_add", args=[objects["plan"].pk]),
            {"text": "Лишнее", "deadline": "01.12.2025", "status": "planned"},
        )
        assert response.status_code == status
        assert SupportMeasure.objects.count() == 1


class TestQueries:
    @pytest.mark.parametrize("schools", [2, 8])
    def test_the_lists_take_the_same_queries(
        self, client_for, municipality, django_assert_max_num_queries, schools
    ):
        RiskCriterionFactory(municipality=municipality, threshold=Decimal("5"))
        for _n in range(schools):
            org = OrganisationFactory(municipality=municipality)
            ResultFactory(organisation=org, school_year=2024, fail_share=Decimal("20"))
            SupportPlanFactory(organisation=org, school_year=2025)
        client = client_for("methodist")
        counts = {}
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for name, query in (
            ("schools:results", ""),
            ("schools:risk", "?year=2024"),
            ("schools:support", "?year=2025"),
        ):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse(name) + query)
            assert response.status_code == 200
            counts[name] = len(captured)
        assert counts == {k: v for k, v in EXPECTED_QUERIES.items() if k in counts}

    @pytest.mark.parametrize("measures", [1, 6])
    def test_the_plan_page_takes_the_same_queries_whatever_its_linked_measures(
        self, client_for, municipality, methodist, measures
    ):
        from metodset.pdorders.models import Enrolment

        school = OrganisationFactory(municipality=municipality)
        plan = SupportPlanFactory(organisation=school)
        for n in range(measures):
            pair = mentoring_pair(school, last_name="Молодая")
            pair.mentor.last_name = "Опытная"
            pair.mentor.save(update_fields=["last_name"])
            course = planned_course(municipality, title=f"Курс {n}")
            Enrolment.objects.create(course=course, teacher=pair.teacher)
            SupportMeasure.objects.create(
                plan=plan,
                text=f"Мера {n}",
                methodist=methodist,
                deadline=dt.date(2025, 12, 1),
                mentoring=pair,
                course=course,
            )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = client_for("methodist")
        with CaptureQueriesContext(connection) as captured:
            page = client.get(plan.get_absolute_url()).content.decode()
        assert len(captured) == EXPECTED_QUERIES["schools:plan"]
        assert "Опытная" in page and "→" in page and "Молодая" in page
        assert "«Курс 0»" in page and "мест: 20, записано: 1" in page


# Sessions and the user, the menu's and the notifications' queries, then each page's own.
EXPECTED_QUERIES = {
    "schools:results": 7,
    "schools:risk": 11,
    "schools:support": 13,
    "schools:plan": 8,
}


class TestFlow:
    def test_the_methodist_opens_a_plan_from_the_risk_list_and_records_a_visit(
        self, client_for, municipality, methodist
    ):
        school = OrganisationFactory(municipality=municipality, short_name="СОШ № 5")
        RiskCriterionFactory(municipality=municipality, name="Двойки", threshold=Decimal("15"))
        ResultFactory(organisation=school, school_year=2024, fail_share=Decimal("25"))
        criterion = ObservationCriterionFactory(
            municipality=municipality, name="Цель урока", max_score=2
        )
        teacher = TeacherFactory(organisation=school)
        client = client_for("methodist")
        page = client.get(reverse("schools:risk") + "?year=2024").content.decode()
        assert "СОШ № 5" in page and "Двойки: доля «2»" in page
        response = client.post(
            reverse("schools:plan_add") + f"?municipality={municipality.pk}",
            {"organisation": school.pk, "school_year": 2025, "goal": "Снизить долю «2»"},
        )
        plan = SupportPlan.objects.get()
        assert response.url == plan.get_absolute_url()
        client.post(
            reverse("schools:visit_add", args=[plan.pk]),
            {"date": "12.11.2025", "visitor": methodist.pk, "purpose": "Посещение уроков"},
        )
        visit = Visit.objects.get()
        client.post(
            reverse("schools:observation_add", args=[visit.pk]),
            {
                "teacher": teacher.pk,
                "topic": "Дроби",
                "recommendations": "Рефлексия",
                f"score_{criterion.pk}": 2,
            },
        )
        observation = Observation.objects.get()
        assert observation.scores.get().score == 2
        docx = client.get(reverse("documents:observation_docx", args=[observation.pk]))
        assert docx.status_code == 200
        page = client.get(reverse("schools:support") + "?year=2025").content.decode()
        assert "СОШ № 5" in page


class TestMeasureForm:
    def test_the_form_offers_only_the_municipalitys_courses_of_the_year(
        self, client_for, objects, municipality, other_municipality, methodist
    ):
        def course(municipality, year):
            return planned_course(municipality, year=year, title=f"Курс {municipality.pk} {year}")

        ours, old = course(municipality, 2025), course(municipality, 2023)
        theirs = course(other_municipality, 2025)
        plan = objects["plan"]
        client = client_for("methodist")
        page = client.get(reverse("schools:measure_add", args=[plan.pk])).content.decode()
        assert ours.title in page and old.title not in page and theirs.title not in page
        data = {"text": "Курсы", "methodist": methodist.pk, "deadline": "01.12.2025"}
        client.post(
            reverse("schools:measure_add", args=[plan.pk]),
            data | {"status": "planned", "course": theirs.pk},
        )
        assert not SupportMeasure.objects.filter(text="Курсы").exists()
        client.post(
            reverse("schools:measure_add", args=[plan.pk]),
            data | {"status": "planned", "course": ours.pk},
        )
        assert SupportMeasure.objects.get(text="Курсы").course == ours
