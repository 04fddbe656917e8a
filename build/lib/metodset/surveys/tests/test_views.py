import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from metodset.associations.tests.factories import MembershipFactory
from metodset.meetings.tests.pages import assert_clean
from metodset.surveys import services
from metodset.surveys.models import (
    Audience,
    Invitation,
    QuestionKind,
    Response,
    Survey,
    SurveyKind,
    SurveyStatus,
)
from metodset.surveys.tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "platform_admin",
    "coordinator",
    "coordinator_other",
    "methodist",
    "methodist_other",
    "head",
    "other_head",
    "teacher",
]
READ_ALL = dict.fromkeys(ROLES, 200) | {"anonymous": 302}
RESULTS = {
    "anonymous": 302,
    "platform_admin": 200,
    "coordinator": 200,
    "coordinator_other": 404,
    "methodist": 200,
    "methodist_other": 404,
    "head": 200,
    "other_head": 403,
    "teacher": 403,
}
BUILDS = RESULTS | {"coordinator": 403}
CREATES = READ_ALL | {"coordinator": 403, "coordinator_other": 403, "teacher": 403}
# Only an addressee answers (the member); the others are told the survey is not theirs.
ANSWERS = dict.fromkeys(ROLES, 403) | {"anonymous": 302, "teacher": 200}

# (url name, the object its argument is taken from, expected status per role)
PAGES = [
    ("surveys:list", None, READ_ALL),
    ("surveys:create", None, CREATES),
    ("surveys:detail", "survey", RESULTS),
    ("surveys:results", "survey", RESULTS),
    ("surveys:edit", "survey", BUILDS),
    ("surveys:delete", "survey", BUILDS),
    ("surveys:open", "draft", BUILDS),
    ("surveys:close", "survey", BUILDS),
    ("surveys:links", "survey", BUILDS),
    ("surveys:question_edit", "question", BUILDS),
    # Without HTMX the row is a redirect to its place on the survey page.
    ("surveys:question_row", "question", {r: 302 if s == 200 else s for r, s in RESULTS.items()}),
    ("surveys:answer", "slug", ANSWERS),
]
POST_ONLY = ["surveys:question_add", "surveys:question_move", "surveys:question_delete"]


def new_survey(user, association, **extra) -> Survey:
    fields = {
        "kind": SurveyKind.SATISFACTION,
        "audience": Audience.ASSOCIATION,
        "association": association,
        "opens_on": dt.date(2025, 11, 10),
        "closes_on": dt.date(2025, 11, 30),
    } | extra
    return services.survey_create(user=user, municipality=association.municipality, **fields)


@pytest.fixture
def survey(methodist, association):
    survey = new_survey(methodist, association, anonymous=True)
    return services.survey_open(user=methodist, survey=survey)


@pytest.fixture
def objects(survey, association):
    return {
        "survey": survey,
        "draft": SurveyFactory(association=association),
        "question": survey.questions.first(),
        "slug": survey,
    }


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{role}")


def _url(name, key, objects):
    if key == "slug":
        return reverse(name, args=[objects[key].slug])
    return reverse(name, args=[objects[key].pk] if key else [])


def form_data(survey, overall=5, text="") -> dict:
    data = {}
    for q in survey.questions.all():
        if q.is_overall:
            data[f"q{q.pk}"] = overall
        elif q.kind == QuestionKind.SCALE5:
            data[f"q{q.pk}"] = 4
        elif q.kind == QuestionKind.SINGLE:
            data[f"q{q.pk}"] = q.choices.first().pk
        elif q.kind == QuestionKind.TEXT:
            data[f"q{q.pk}"] = text
    return data


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(self, client_for, objects, name, key, role, status):
        response = client_for(role).get(_url(name, key, objects))
        assert response.status_code == status, f"{name} as {role}"
        if status == 200:
            assert_clean(response)

    def test_every_url_is_covered(self):
        from metodset.surveys.urls import urlpatterns

        names = {f"surveys:{p.name}" for p in urlpatterns}
        assert names == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    @pytest.mark.parametrize(
        ("role", "status"),
        [("teacher", 403), ("coordinator", 403), ("other_head", 403), ("methodist_other", 404)],
    )
    def test_question_posts_are_refused_to_others(self, client_for, objects, role, status):
        client = client_for(role)
        question = objects["question"]
        add = client.post(
            reverse("surveys:question_add", args=[objects["survey"].pk]),
            {"text": "Ещё вопрос", "kind": "text", "required": "on"},
        )
        move = client.post(reverse("surveys:question_move", args=[question.pk, "down"]))
        delete = client.post(reverse("surveys:question_delete", args=[question.pk]))
        assert (add.status_code, move.status_code, delete.status_code) == (status,) * 3
        assert objects["survey"].questions.first() == question
        assert objects["survey"].questions.count() == 5

    def test_a_head_surveys_only_his_own_association(self, client_for, users, association):
        client = client_for("other_head")
        response = client.post(
            reverse("surveys:create"),
            {
                "kind": "satisfaction",
                "audience": "association",
                "association": association.pk,
                "opens_on": "2025-11-20",
                "closes_on": "2025-11-30",
            },
        )
        assert response.status_code == 400
        assert not Survey.objects.filter(association=association).exists()


class TestBuilderPages:
    def test_the_head_creates_a_survey_from_the_template(self, client_for, association):
        response = client_for("head").post(
            reverse("surveys:create"),
            {
                "kind": "satisfaction",
                "audience": "association",
                "association": association.pk,
                "opens_on": "2025-11-20",
                "closes_on": "2025-12-05",
            },
        )
        survey = Survey.objects.get(association=association)
        assert response.status_code == 302 and response.url == survey.get_absolute_url()
        assert survey.questions.count() == 5 and survey.status == SurveyStatus.DRAFT

    def test_a_wrong_window_is_a_russian_message(self, client_for, association):
        response = client_for("methodist").post(
            reverse("surveys:create"),
            {
                "kind": "needs",
                "audience": "association",
                "association": association.pk,
                "opens_on": "2025-11-20",
                "closes_on": "2025-11-01",
            },
        )
        assert response.status_code == 400
        assert "не может закрыться раньше" in response.text
        assert not Survey.objects.exists()

    def test_htmx_adds_edits_and_removes_question_rows(self, client_for, objects, association):
        draft = new_survey(objects["survey"].author, association, from_blueprint=False, title="Т")
        client = client_for("head")
        add = client.post(
            reverse("surveys:question_add", args=[draft.pk]),
            {"text": "Какая форма?", "kind": "single", "choice_lines": "Очно\nДистанционно"},
            headers={"HX-Request": "true"},
        )
        assert add.status_code == 200 and 'id="questions"' in add.text
        assert "<html" not in add.text
        question = draft.questions.get()
        assert [c.text for c in question.choices.all()] == ["Очно", "Дистанционно"]
        bad = client.post(
            reverse("surveys:question_add", args=[draft.pk]),
            {"text": "Один вариант", "kind": "single", "choice_lines": "Очно"},
            headers={"HX-Request": "true"},
        )
        assert "не менее двух" in bad.text and draft.questions.count() == 1
        edit = client.post(
            reverse("surveys:question_edit", args=[question.pk]),
            {"text": "Удобная форма?", "kind": "single", "choice_lines": "Очно\nОнлайн"},
            headers={"HX-Request": "true"},
        )
        assert edit.status_code == 200 and "Удобная форма?" in edit.text
        assert [c.text for c in question.choices.all()] == ["Очно", "Онлайн"]
        client.post(
            reverse("surveys:question_delete", args=[question.pk]), headers={"HX-Request": "true"}
        )
        assert draft.questions.count() == 0

    def test_the_survey_list_costs_the_same_for_3_and_30_surveys(
        self, client_for, association, django_assert_num_queries
    ):
        client = client_for("methodist")
        client.get(reverse("surveys:list"))  # warm the session and the user
        for count in (3, 30):
            Survey.objects.all().delete()
            SurveyFactory.create_batch(count, association=association)
            # session, user, count, page (with response and question counts as subqueries),
            # and the layout's unread notifications and the user's municipality; the rules in
            # force, for the clause cited (1)
            with django_assert_num_queries(7):
                response = client.get(reverse("surveys:list"))
            assert response.status_code == 200

    def test_a_teacher_sees_the_surveys_addressed_to_him(self, client_for, objects, municipality):
        hidden = SurveyFactory(
            title="Анкета другого ММО",
            status=SurveyStatus.OPEN,
            association__municipality=municipality,
        )
        page = client_for("teacher").get(reverse("surveys:list")).text
        assert objects["survey"].title in page and hidden.title not in page
        assert objects["draft"].title not in page  # drafts are not for addressees


class TestAnswerPages:
    def test_a_member_answers_once(self, client_for, association, methodist, member_user):
        survey = services.survey_open(user=methodist, survey=new_survey(methodist, association))
        client = client_for("teacher")
        url = reverse("surveys:answer", args=[survey.slug])
        empty = client.post(url, {})
        assert empty.status_code == 400 and "Ответьте, пожалуйста, на этот вопрос" in empty.text
        assert Response.objects.count() == 0
        # An identified answer keeps his name: without his consent it is not saved.
        refused = client.post(url, form_data(survey))
        assert refused.status_code == 400 and 'name="consent"' in refused.text
        assert Response.objects.count() == 0
        done = client.post(url, form_data(survey) | {"consent": "on"})
        assert "ответы сохранены" in done.text
        assert Response.objects.get().teacher == member_user.teacher_profile
        assert member_user.consents.get().text.purpose == "survey"
        again = client.get(url)
        assert "уже ответили" in again.text
        assert client.post(url, form_data(survey)).status_code == 200
        assert Response.objects.count() == 1

    def test_a_one_time_link_answers_without_login_once(self, client, survey, association):
        teacher = MembershipFactory(association=association).teacher
        [(_t, token)] = services.invitations_issue(
            user=survey.author, survey=survey, teachers=[teacher]
        )
        url = reverse("surveys:answer", args=[survey.slug]) + f"?t={token}"
        form = client.get(url)
        assert form.status_code == 200 and 'name="t"' in form.text
        assert 'name="consent"' not in form.text  # an anonymous answer keeps no person
        assert_clean(form)
        done = client.post(url, form_data(survey, text="Больше открытых уроков") | {"t": token})
        assert "ответы сохранены" in done.text
        assert Response.objects.get().teacher is None
        again = client.get(url)
        assert again.status_code == 403 and "уже использована" in again.text

    def test_outside_the_window_a_clear_message(self, client_for, survey):
        Survey.objects.filter(pk=survey.pk).update(closes_on=dt.date(2025, 11, 19))
        page = client_for("teacher").get(reverse("surveys:answer", args=[survey.slug]))
        assert "была открыта до 19.11.2025" in page.text and "<fieldset" not in page.text

    def test_a_closed_survey_accepts_nothing(self, client_for, survey, methodist):
        services.survey_close(user=methodist, survey=survey)
        client = client_for("teacher")
        page = client.post(reverse("surveys:answer", args=[survey.slug]), form_data(survey))
        assert "закрыта" in page.text and Response.objects.count() == 0


class TestLinksAndResults:
    def test_links_are_shown_once_and_recorded_without_the_token(
        self, client_for, survey, association, member_user
    ):
        client = client_for("head")
        page = client.get(reverse("surveys:links", args=[survey.pk]))
        assert member_user.teacher_profile.full_name in page.text
        issued = client.post(
            reverse("surveys:links", args=[survey.pk]),
            {"teachers": [member_user.teacher_profile.pk], "fmt": "page"},
        )
        assert issued.status_code == 200 and "?t=" in issued.text
        assert Invitation.objects.filter(survey=survey).count() == 1
        again = client.get(reverse("surveys:links", args=[survey.pk]))
        assert "?t=" not in again.text

    def test_links_as_an_excel_file(self, client_for, survey, member_user):
        response = client_for("methodist").post(
            reverse("surveys:links", args=[survey.pk]),
            {"teachers": [member_user.teacher_profile.pk], "fmt": "xlsx"},
        )
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.values)
        assert rows[1][0] == member_user.teacher_profile.full_name
        assert f"/surveys/s/{survey.slug}/?t=" in rows[1][1]

    def test_results_page_and_excel(self, client_for, association, methodist):
        survey = services.survey_open(user=methodist, survey=new_survey(methodist, association))
        for score in (5, 4, 2):
            teacher = MembershipFactory(association=association).teacher
            services.response_submit(
                survey=survey,
                answers={int(k[1:]): v for k, v in form_data(survey, score, text="=1+1").items()},
                teacher=teacher,
            )
        client = client_for("coordinator")
        page = client.get(reverse("surveys:results", args=[survey.pk]))
        assert_clean(page)
        assert 'id="response-count">3<' in page.text and "<svg" in page.text
        # mean (5 + 4 + 2) / 3 = 3,67 in Russian
        assert "3,67" in page.text
        export = client.get(reverse("surveys:results", args=[survey.pk]) + "?export=xlsx")
        sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
        rows = list(sheet.values)
        overall = [r for r in rows if r[0].startswith("1.")]
        assert [(r[1], r[2]) for r in overall][:5] == [
            ("1", 0),
            ("2", 1),
            ("3", 0),
            ("4", 1),
            ("5", 1),
        ]
        texts = [r for r in rows if r[1] == "=1+1"]
        assert len(texts) == 3  # written as text, never a formula
        cell = next(c for c in sheet.iter_rows() for c in c if c.value == "=1+1")
        assert cell.data_type == "s"
