"""The observed teacher acquaints himself with a lesson observation online («Ознакомлен(а)»);
/schools/ sends each role to its first page."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from metodset.documents.schools import observation_document
from metodset.documents.tests.fixtures import docx_text
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.schools import services
from metodset.schools.models import Observation
from metodset.schools.tests.factories import (
    ObservationCriterionFactory,
    SupportPlanFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db

LESSON = dt.date(2025, 11, 12)
AFTER = dt.datetime(2025, 11, 14, 10, 30, tzinfo=dt.UTC)


@pytest.fixture
def visit(municipality, methodist):
    school = OrganisationFactory(municipality=municipality, short_name="СОШ № 7")
    plan = SupportPlanFactory(organisation=school)
    return VisitFactory(plan=plan, visitor=methodist, date=LESSON)


def observe(visit, teacher, topic="Дроби", **fields) -> Observation:
    criterion = ObservationCriterionFactory(municipality=visit.municipality, name="Цель урока")
    return services.observation_record(
        user=None,
        visit=visit,
        teacher=teacher,
        topic=topic,
        recommendations="Планировать рефлексию.",
        scores={criterion.pk: 2},
        **fields,
    )


@pytest.fixture
def own(visit, member_user):
    """An observation of the lesson of `member_user` (the matrices' "teacher")."""
    return observe(visit, member_user.teacher_profile)


class TestService:
    def test_the_teacher_acknowledges_his_own_observation_himself(self, own, member_user):
        services.observation_acknowledge(user=member_user, observation=own, now=AFTER)
        own.refresh_from_db()
        assert own.acknowledged_on == dt.date(2025, 11, 14)
        assert own.acknowledged_by == member_user and own.acknowledged_at == AFTER
        assert own.acknowledged_online
        assert own.history.first().history_user == member_user

    def test_a_second_press_changes_nothing(self, own, member_user):
        services.observation_acknowledge(user=member_user, observation=own, now=AFTER)
        versions = own.history.count()
        later = AFTER + dt.timedelta(days=3)
        services.observation_acknowledge(user=member_user, observation=own, now=later)
        own.refresh_from_db()
        assert own.acknowledged_on == dt.date(2025, 11, 14) and own.acknowledged_at == AFTER
        assert own.history.count() == versions

    def test_a_signature_on_paper_is_not_overwritten(self, own, member_user, methodist):
        services.observation_update(
            user=methodist, observation=own, data={"acknowledged_on": dt.date(2025, 11, 13)}
        )
        services.observation_acknowledge(user=member_user, observation=own, now=AFTER)
        own.refresh_from_db()
        assert own.acknowledged_on == dt.date(2025, 11, 13) and not own.acknowledged_online

    def test_not_before_the_lesson(self, own, member_user):
        before = dt.datetime(2025, 11, 11, 18, 0, tzinfo=dt.UTC)
        with pytest.raises(ValidationError, match=r"после урока|after the lesson"):
            services.observation_acknowledge(user=member_user, observation=own, now=before)
        own.refresh_from_db()
        assert own.acknowledged_on is None

    @pytest.mark.parametrize("role", ["methodist", "platform_admin", "head", "teacher_user"])
    def test_nobody_else_may_press_the_button(self, request, own, role):
        user = request.getfixturevalue(role)
        with pytest.raises(PermissionDenied):
            services.observation_acknowledge(user=user, observation=own, now=AFTER)
        with pytest.raises(PermissionDenied):  # nor the system on the teacher's behalf
            services.observation_acknowledge(user=None, observation=own, now=AFTER)
        own.refresh_from_db()
        assert own.acknowledged_on is None

    def test_the_methodist_keeps_the_paper_route_but_not_the_online_date(
        self, own, member_user, methodist
    ):
        services.observation_acknowledge(user=member_user, observation=own, now=AFTER)
        with pytest.raises(ValidationError):
            services.observation_update(
                user=methodist, observation=own, data={"acknowledged_on": dt.date(2025, 11, 20)}
            )
        services.observation_update(user=methodist, observation=own, data={"topic": "Доли"})
        own.refresh_from_db()
        assert own.topic == "Доли" and own.acknowledged_by == member_user

    def test_the_form_prints_the_acknowledgement_as_recorded(
        self, visit, own, member_user, methodist
    ):
        paper = observe(visit, TeacherFactory(organisation=visit.plan.organisation))
        services.observation_update(
            user=methodist, observation=paper, data={"acknowledged_on": dt.date(2025, 11, 13)}
        )
        services.observation_acknowledge(user=member_user, observation=own, now=AFTER)
        own.refresh_from_db()
        paper.refresh_from_db()
        online = docx_text(observation_document(own).content)
        assert "14.11.2025" in online
        assert "подтверждено учителем лично в электронной форме" in online
        on_paper = docx_text(observation_document(paper).content)
        assert "13.11.2025" in on_paper and "электронной форме" not in on_paper


class TestPages:
    def test_the_teacher_sees_only_his_own_observations(self, client_for, visit, own):
        observe(visit, TeacherFactory(organisation=visit.plan.organisation), topic="Чужой урок")
        page = client_for("teacher").get(reverse("schools:mine")).content.decode()
        assert "Дроби" in page and "Чужой урок" not in page
        assert reverse("schools:mine_detail", args=[own.pk]) in page
        for role in ("head", "other_head", "methodist"):
            page = client_for(role).get(reverse("schools:mine")).content.decode()
            assert "Дроби" not in page, role

    @time_machine.travel(AFTER, tick=False)
    def test_the_teacher_opens_one_and_presses_the_button(self, client_for, own, member_user):
        client = client_for("teacher")
        url = reverse("schools:mine_detail", args=[own.pk])
        page = client.get(url).content.decode()
        assert "Цель урока" in page and "2 / 2" in page and "Планировать рефлексию." in page
        assert "Ознакомлен(а)" in page
        button = reverse("schools:observation_acknowledge", args=[own.pk])
        assert client.get(button).status_code == 405  # POST only
        response = client.post(button)
        assert response.status_code == 302 and response.url == url
        own.refresh_from_db()
        assert own.acknowledged_on == timezone.localdate() and own.acknowledged_by == member_user
        page = client.get(url).content.decode()
        assert "Ознакомлен(а)</button>" not in page
        assert "14.11.2025, лично в Методсети" in page
        # the methodist's page tells the way too
        page = client_for("methodist").get(own.get_absolute_url()).content.decode()
        assert "14.11.2025, лично в Методсети" in page

    @time_machine.travel(AFTER, tick=False)
    def test_the_button_needs_the_csrf_token(self, member_user, own):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(member_user)
        response = client.post(reverse("schools:observation_acknowledge", args=[own.pk]))
        assert response.status_code == 403
        own.refresh_from_db()
        assert own.acknowledged_on is None

    @pytest.mark.parametrize(
        ("role", "status"),
        [
            ("anonymous", 302),
            ("head", 404),
            ("other_head", 404),
            ("methodist", 403),
            ("platform_admin", 403),
            ("coordinator", 403),
            ("methodist_other", 404),
            ("coordinator_other", 404),
        ],
    )
    @time_machine.travel(AFTER, tick=False)
    def test_nobody_else_presses_it(self, client_for, own, role, status):
        response = client_for(role).post(reverse("schools:observation_acknowledge", args=[own.pk]))
        assert response.status_code == status
        own.refresh_from_db()
        assert own.acknowledged_on is None

    def test_another_teachers_observation_is_404_for_him(self, client_for, visit):
        other = observe(visit, TeacherFactory(organisation=visit.plan.organisation))
        client = client_for("teacher")
        assert client.get(reverse("schools:mine_detail", args=[other.pk])).status_code == 404
        response = client.post(reverse("schools:observation_acknowledge", args=[other.pk]))
        assert response.status_code == 404

    @time_machine.travel(dt.datetime(2025, 11, 10, 9, 0, tzinfo=dt.UTC), tick=False)
    def test_before_the_lesson_the_page_offers_no_button_and_a_post_is_refused(
        self, client_for, own
    ):
        client = client_for("teacher")
        response = client.post(
            reverse("schools:observation_acknowledge", args=[own.pk]), follow=True
        )
        assert "после урока" in response.content.decode()
        own.refresh_from_db()
        assert own.acknowledged_on is None

    @pytest.mark.parametrize("count", [1, 6])
    def test_the_list_takes_the_same_queries(self, client_for, visit, member_user, count):
        for n in range(count):
            observation = observe(visit, member_user.teacher_profile, topic=f"Урок {n}")
            if n % 2:
                services.observation_acknowledge(
                    user=member_user, observation=observation, now=AFTER
                )
        client = client_for("teacher")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("schools:mine"))
        assert response.status_code == 200
        # the session, the user; the menu's: his teacher card and head appointments (is_head),
        # his and his groups' permissions (has_perm), the notifications, the municipality; the
        # observations with their visit, school, methodist and subject in one
        assert len(captured) == EXPECTED_MINE, "\n".join(q["sql"][:90] for q in captured)


EXPECTED_MINE = 9


class TestIndex:
    @pytest.mark.parametrize(
        ("role", "target"),
        [
            ("platform_admin", "schools:support"),
            ("coordinator", "schools:support"),
            ("methodist", "schools:support"),
            ("head", "schools:mine"),
            ("teacher", "schools:mine"),
        ],
    )
    def test_it_sends_each_role_to_its_first_page(self, client_for, role, target):
        response = client_for(role).get("/schools/")
        assert response.status_code == 302 and response.url == reverse(target)
        assert client_for(role).get(response.url).status_code == 200

    def test_the_anonymous_is_sent_to_log_in(self, client_for):
        response = client_for("anonymous").get("/schools/")
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
        assert "next=/schools/" in response.url


@pytest.mark.parametrize(
    ("subject", "grade", "expected"),
    [
        ("Математика", 7, "Математика, 7 класс: Дроби"),
        ("Математика", None, "Математика: Дроби"),
        (None, 5, "5 класс: Дроби"),
        (None, None, "Дроби"),
    ],
)
def test_the_lesson_names_only_the_parts_filled_in(
    client_for, visit, member_user, subject, grade, expected
):
    from metodset.people.models import Subject

    fields = {"grade": grade}
    if subject:
        fields["subject"] = Subject.objects.create(name=subject)
    observation = observe(visit, member_user.teacher_profile, **fields)
    assert observation.lesson == expected
    page = client_for("teacher").get(reverse("schools:mine_detail", args=[observation.pk]))
    text = page.content.decode()
    assert expected in text
    assert ": Дроби" not in text.replace(expected, "")  # no colon without a subject or grade
