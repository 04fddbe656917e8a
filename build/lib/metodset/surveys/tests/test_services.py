import datetime as dt
import uuid

import pytest
import time_machine
from django.core.exceptions import ValidationError

from metodset.associations.tests.factories import MembershipFactory
from metodset.growth.models import Need
from metodset.surveys import selectors, services
from metodset.surveys.models import (
    AnonymousToken,
    Answer,
    Audience,
    Invitation,
    QuestionKind,
    Response,
    SurveyKind,
    SurveyStatus,
    token_hash,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(association):
    return [MembershipFactory(association=association).teacher for _ in range(3)]


def make(methodist, home, **extra):
    fields = {
        "kind": SurveyKind.SATISFACTION,
        "audience": Audience.ASSOCIATION,
        "association": home,
        "opens_on": dt.date(2025, 11, 10),
        "closes_on": dt.date(2025, 11, 30),
    } | extra
    return services.survey_create(user=methodist, municipality=home.municipality, **fields)


def opened(methodist, home, **extra):
    survey = make(methodist, home, **extra)
    return services.survey_open(user=methodist, survey=survey)


def answers_for(survey, overall: int, **by_text) -> dict:
    """Answers to the satisfaction questionnaire: the overall score and the required rest."""
    result = {}
    for q in survey.questions.all():
        if q.is_overall:
            result[q.pk] = overall
        elif q.kind == QuestionKind.SCALE5:
            result[q.pk] = 3
        elif q.kind == QuestionKind.SINGLE:
            result[q.pk] = q.choices.first().pk
        elif q.kind == QuestionKind.TEXT:
            result[q.pk] = by_text.get("text", "")
    return result


class TestBuilder:
    def test_it_creates_a_satisfaction_survey_from_the_shipped_questionnaire(
        self, methodist, association
    ):
        survey = make(methodist, association)
        questions = list(survey.questions.all())
        assert survey.title == "Удовлетворённость работой методического объединения"
        assert survey.status == SurveyStatus.DRAFT and survey.author == methodist
        assert [q.position for q in questions] == [1, 2, 3, 4, 5]
        overall = [q for q in questions if q.is_overall]
        assert len(overall) == 1 and overall[0].kind == QuestionKind.SCALE5
        assert survey.history.count() == 1

    def test_a_blank_survey_has_no_questions(self, methodist, association):
        survey = make(methodist, association, from_blueprint=False, title="Своя анкета")
        assert survey.questions.count() == 0

    def test_the_needs_questionnaire_offers_the_municipality_needs_list(
        self, methodist, association, municipality
    ):
        Need.objects.create(municipality=municipality, name="Работа с одарёнными детьми")
        Need.objects.create(municipality=municipality, name="Инклюзивное образование")
        survey = make(methodist, association, kind=SurveyKind.NEEDS)
        first = survey.questions.get(position=1)
        assert [c.text for c in first.choices.all()] == [
            "Инклюзивное образование",
            "Работа с одарёнными детьми",
        ]

    def test_an_association_survey_needs_an_association(self, methodist, association):
        with pytest.raises(ValidationError) as error:
            make(methodist, association, association=None)
        assert "association" in error.value.message_dict

    def test_a_window_that_ends_before_it_starts_is_refused(self, methodist, association):
        with pytest.raises(ValidationError):
            make(methodist, association, closes_on=dt.date(2025, 11, 1))

    def test_a_choice_question_needs_two_distinct_options(self, methodist, association):
        survey = make(methodist, association)
        for options in (["Да"], ["Да", "да"]):
            with pytest.raises(ValidationError):
                services.question_add(
                    user=methodist,
                    survey=survey,
                    kind=QuestionKind.SINGLE,
                    text="?",
                    choices=options,
                )
        assert survey.questions.count() == 5

    def test_a_second_overall_question_is_refused(self, methodist, association):
        survey = make(methodist, association)
        with pytest.raises(ValidationError):
            services.question_add(
                user=methodist,
                survey=survey,
                kind=QuestionKind.SCALE10,
                text="?",
                is_overall=True,
            )

    def test_moving_and_deleting_keep_positions_without_gaps(self, methodist, association):
        survey = make(methodist, association)
        last = survey.questions.get(position=5)
        services.question_move(user=methodist, question=last, up=True)
        assert survey.questions.get(pk=last.pk).position == 4
        services.question_delete(user=methodist, question=survey.questions.get(position=1))
        assert list(survey.questions.values_list("position", flat=True)) == [1, 2, 3, 4]

    def test_questions_are_frozen_once_answered(self, methodist, association, members):
        survey = opened(methodist, association)
        services.response_submit(survey=survey, answers=answers_for(survey, 5), teacher=members[0])
        question = survey.questions.first()
        with pytest.raises(ValidationError, match="менять нельзя"):
            services.question_delete(user=methodist, question=question)
        with pytest.raises(ValidationError):
            services.question_add(user=methodist, survey=survey, kind="text", text="Ещё")
        with pytest.raises(ValidationError):
            services.survey_update(user=methodist, survey=survey, data={"anonymous": True})
        with pytest.raises(ValidationError):
            services.survey_delete(user=methodist, survey=survey)

    def test_opening_needs_questions_and_a_window_not_passed(self, methodist, association):
        blank = make(methodist, association, from_blueprint=False, title="Пустая")
        with pytest.raises(ValidationError, match="хотя бы один вопрос"):
            services.survey_open(user=methodist, survey=blank)
        past = make(
            methodist, association, opens_on=dt.date(2025, 10, 1), closes_on=dt.date(2025, 10, 31)
        )
        with pytest.raises(ValidationError, match=r"31\.10\.2025"):
            services.survey_open(user=methodist, survey=past)

    def test_open_and_close_leave_history(self, methodist, association):
        survey = opened(methodist, association)
        services.survey_close(user=methodist, survey=survey)
        survey.refresh_from_db()
        assert survey.status == SurveyStatus.CLOSED
        statuses = list(survey.history.order_by("history_date").values_list("status", flat=True))
        assert statuses == ["draft", "open", "closed"]
        with pytest.raises(ValidationError):
            services.survey_close(user=methodist, survey=survey)


class TestAnswering:
    def test_one_response_per_person(self, methodist, association, members):
        survey = opened(methodist, association)
        services.response_submit(survey=survey, answers=answers_for(survey, 5), teacher=members[0])
        with pytest.raises(ValidationError, match="уже ответили"):
            services.response_submit(
                survey=survey, answers=answers_for(survey, 1), teacher=members[0]
            )
        assert Response.objects.filter(survey=survey).count() == 1
        assert Response.objects.get(survey=survey).teacher == members[0]

    def test_required_questions_are_checked_and_nothing_is_saved(
        self, methodist, association, members
    ):
        survey = opened(methodist, association)
        answers = answers_for(survey, 5)
        answers[survey.questions.get(is_overall=True).pk] = None
        with pytest.raises(ValidationError, match="обязательные"):
            services.response_submit(survey=survey, answers=answers, teacher=members[0])
        assert Response.objects.count() == 0 and Answer.objects.count() == 0

    def test_an_option_of_another_question_is_refused(self, methodist, association, members):
        survey = opened(methodist, association)
        answers = answers_for(survey, 5)
        single = survey.questions.get(kind=QuestionKind.SINGLE)
        other = survey.questions.get(kind=QuestionKind.MULTIPLE).choices.first()
        answers[single.pk] = other.pk
        with pytest.raises(ValidationError):
            services.response_submit(survey=survey, answers=answers, teacher=members[0])
        assert Response.objects.count() == 0

    def test_a_non_addressee_is_refused(self, methodist, association, teacher_user):
        survey = opened(methodist, association)
        with pytest.raises(ValidationError, match="адресована не вам"):
            services.response_submit(
                survey=survey, answers=answers_for(survey, 5), teacher=teacher_user.teacher_profile
            )

    def test_outside_the_window_nothing_is_accepted(self, methodist, association, members):
        survey = opened(methodist, association, closes_on=dt.date(2025, 11, 25))
        with (
            time_machine.travel(dt.datetime(2025, 11, 26, 9, 0, tzinfo=dt.UTC)),
            pytest.raises(ValidationError, match=r"25\.11\.2025"),
        ):
            services.response_submit(
                survey=survey, answers=answers_for(survey, 5), teacher=members[0]
            )
        services.survey_close(user=methodist, survey=survey)
        survey.refresh_from_db()
        with pytest.raises(ValidationError, match="закрыта"):
            services.response_submit(
                survey=survey, answers=answers_for(survey, 5), teacher=members[0]
            )
        assert Response.objects.count() == 0


class TestAnonymity:
    def test_a_token_works_once_and_the_response_knows_nobody(
        self, methodist, association, members
    ):
        survey = opened(methodist, association, anonymous=True)
        [(teacher, token)] = services.invitations_issue(
            user=methodist, survey=survey, teachers=[members[0]]
        )
        assert teacher == members[0]
        # Stored: that he received a link; the token only as a hash, with no person.
        assert Invitation.objects.get(survey=survey).teacher == members[0]
        stored = AnonymousToken.objects.get(survey=survey)
        assert stored.token_hash == token_hash(token) and token not in stored.token_hash
        assert {f.name for f in AnonymousToken._meta.get_fields()} == {
            "token_hash",
            "survey",
            "used",
        }
        response = services.response_submit(
            survey=survey, answers=answers_for(survey, 4, text="Больше практики"), token=token
        )
        response.refresh_from_db()
        assert response.teacher is None and response.submitted_at is None
        with pytest.raises(ValidationError, match="уже использована"):
            services.response_submit(survey=survey, answers=answers_for(survey, 1), token=token)
        with pytest.raises(ValidationError):
            services.response_submit(
                survey=survey, answers=answers_for(survey, 1), token="forged-token"
            )
        assert Response.objects.count() == 1

    def test_a_logged_in_addressee_answers_once_without_his_name(
        self, methodist, association, members
    ):
        survey = opened(methodist, association, anonymous=True)
        response = services.response_submit(
            survey=survey, answers=answers_for(survey, 5), teacher=members[1]
        )
        assert Response.objects.get(pk=response.pk).teacher_id is None
        invitation = Invitation.objects.get(survey=survey, teacher=members[1])
        # No time and a random key: nothing lines the invitation up with the answers' order.
        assert invitation.by_login and invitation.issued_at is None
        assert isinstance(invitation.pk, uuid.UUID)
        with pytest.raises(ValidationError, match="уже ответили"):
            services.response_submit(
                survey=survey, answers=answers_for(survey, 5), teacher=members[1]
            )
        # Nor can he get a link afterwards to answer a second time.
        with pytest.raises(ValidationError):
            services.invitations_issue(user=methodist, survey=survey, teachers=[members[1]])

    def test_links_go_only_to_addressees(self, methodist, association, teacher_user, members):
        survey = opened(methodist, association, anonymous=True)
        with pytest.raises(ValidationError):
            services.invitations_issue(
                user=methodist, survey=survey, teachers=[teacher_user.teacher_profile]
            )
        identified = opened(methodist, association)
        with pytest.raises(ValidationError):
            services.invitations_issue(user=methodist, survey=identified, teachers=members)


class TestResults:
    def test_counts_percentages_and_means(self, methodist, association, members):
        survey = opened(methodist, association)
        for teacher, score in zip(members, (5, 4, 2), strict=True):
            services.response_submit(
                survey=survey,
                answers=answers_for(survey, score, text=f"Текст {score}"),
                teacher=teacher,
            )
        summary = selectors.results(survey)
        overall = next(r for r in summary["questions"] if r.question.is_overall)
        # 3 answers: one each of 2, 4, 5 -> 33.3 % each; mean (5 + 4 + 2) / 3 = 3.67
        assert overall.answered == 3
        assert {r["label"]: r["count"] for r in overall.rows} == {
            "1": 0,
            "2": 1,
            "3": 0,
            "4": 1,
            "5": 1,
        }
        assert [r["percent"] for r in overall.rows if r["count"]] == [33.3, 33.3, 33.3]
        assert overall.mean == 3.67
        text = next(r for r in summary["questions"] if r.question.kind == QuestionKind.TEXT)
        assert text.texts == ["Текст 2", "Текст 4", "Текст 5"]
        multiple = next(r for r in summary["questions"] if r.question.kind == "multiple")
        assert multiple.answered == 0 and all(r["count"] == 0 for r in multiple.rows)
        # 3 responses of 3 members = 100 %
        assert (summary["responses"], summary["addressees"], summary["rate"]) == (3, 3, 100.0)

    def test_results_cost_the_same_queries_for_any_number_of_answers(
        self, methodist, association, django_assert_num_queries
    ):
        survey = opened(methodist, association)
        teachers = [MembershipFactory(association=association).teacher for _ in range(6)]
        services.response_submit(survey=survey, answers=answers_for(survey, 5), teacher=teachers[0])
        # questions, answered, choices, scale counts, means, texts, responses, addressees
        with django_assert_num_queries(8):
            selectors.results(survey)
        for teacher in teachers[1:]:
            services.response_submit(survey=survey, answers=answers_for(survey, 3), teacher=teacher)
        with django_assert_num_queries(8):
            selectors.results(survey)


class TestAddressees:
    def test_an_event_survey_goes_to_its_participants_not_the_cancelled(
        self, methodist, association, municipality
    ):
        from metodset.events.models import Participation, ParticipationStatus
        from metodset.events.tests.factories import EventFactory
        from metodset.people.tests.factories import TeacherFactory

        event, other = EventFactory.create_batch(2, municipality=municipality)
        came, cancelled, elsewhere = TeacherFactory.create_batch(
            3, organisation__municipality=municipality
        )
        Participation.objects.create(event=event, teacher=came)
        Participation.objects.create(
            event=event, teacher=cancelled, status=ParticipationStatus.CANCELLED
        )
        Participation.objects.create(event=event, teacher=elsewhere)
        # a cancellation elsewhere does not take him off this event's list
        Participation.objects.create(
            event=other, teacher=elsewhere, status=ParticipationStatus.CANCELLED
        )
        survey = make(
            methodist,
            association,
            kind=SurveyKind.EVENT_FEEDBACK,
            audience=Audience.EVENT,
            association=None,
            event=event,
        )
        assert set(selectors.addressees(survey)) == {came, elsewhere}

    def test_a_municipality_survey_goes_to_its_working_teachers(
        self, methodist, association, municipality, other_municipality
    ):
        from metodset.people.tests.factories import TeacherFactory

        mine = TeacherFactory(organisation__municipality=municipality)
        TeacherFactory(organisation__municipality=municipality, is_active=False)
        TeacherFactory(organisation__municipality=other_municipality)
        survey = make(methodist, association, kind=SurveyKind.NEEDS, audience=Audience.MUNICIPALITY)
        assert list(selectors.addressees(survey)) == [mine]
        assert survey.association is None  # only the audience's own target is kept
