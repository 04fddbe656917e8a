from ninja import Router, Schema
from ninja.pagination import paginate

from metodset.api.pagination import Pagination
from metodset.api.schemas import ERRORS, ApiDate
from metodset.surveys import selectors
from metodset.surveys.access import get_survey_for_user
from metodset.surveys.models import Audience, QuestionKind, SurveyKind, SurveyStatus

router = Router(tags=["Анкетирование"])


class SurveyOut(Schema):
    id: int
    municipality_id: int
    title: str
    kind: SurveyKind
    audience: Audience
    association_id: int | None
    event_id: int | None
    anonymous: bool
    opens_on: ApiDate
    closes_on: ApiDate
    status: SurveyStatus
    response_count: int


class RowOut(Schema):
    label: str
    count: int
    percent: float


class QuestionResultOut(Schema):
    position: int
    text: str
    kind: QuestionKind
    answered: int
    mean: float | None
    rows: list[RowOut]
    texts: list[str]


class ResultsOut(Schema):
    survey_id: int
    status: SurveyStatus
    responses: int
    addressees: int
    rate: float | None
    questions: list[QuestionResultOut]


@router.get("/", response={200: list[SurveyOut], **ERRORS})
@paginate(Pagination, page_size=50)
def survey_list(request):
    """Surveys the user builds or reads, and those addressed to him (read only)."""
    return selectors.survey_list(user=request.user).order_by("-opens_on", "-pk")


@router.get("/{pk}/results", response={200: ResultsOut, **ERRORS})
def survey_results(request, pk: int):
    """Counts, percentages and means per question; anonymous answers carry no person."""
    survey = get_survey_for_user(request.user, pk)
    summary = selectors.results(survey)
    return {
        "survey_id": survey.pk,
        "status": survey.status,
        "responses": summary["responses"],
        "addressees": summary["addressees"],
        "rate": summary["rate"],
        "questions": [
            {
                "position": r.question.position,
                "text": r.question.text,
                "kind": r.question.kind,
                "answered": r.answered,
                "mean": r.mean,
                "rows": r.rows,
                "texts": r.texts,
            }
            for r in summary["questions"]
        ],
    }
