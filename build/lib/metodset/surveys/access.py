from django.core.exceptions import PermissionDenied

from metodset.core.access import get_for_user
from metodset.surveys.models import Question, Survey

CHANGE = "surveys.change_survey"
RESULTS = "surveys.view_results"


def survey_queryset():
    return Survey.objects.select_related("municipality", "association", "event", "author")


def get_survey_for_user(user, pk: int, *, perm: str | None = RESULTS) -> Survey:
    """The survey if the user may see it (else 404) and, given `perm`, holds it (else 403).

    A teacher who is only an addressee answers through the public link; the survey's
    page (results, addressees) is for its builders and the service.
    """
    return get_for_user(survey_queryset(), user, pk, perm=perm)


def get_question_for_user(user, pk: int, *, write: bool = False) -> Question:
    question = get_for_user(
        Question.objects.select_related("survey", "survey__municipality", "survey__association"),
        user,
        pk,
    )
    perm = CHANGE if write else RESULTS
    if not user.has_perm(perm, question.survey):
        raise PermissionDenied
    return question
