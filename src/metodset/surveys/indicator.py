"""The satisfaction indicator (000 §3.5), computed from closed satisfaction surveys.

Not a share of the population's teachers: an anonymous response belongs to nobody, so
the value is counted over responses, grouped by the survey's association (or its
municipality or region) in one aggregate query.
"""

from __future__ import annotations

from django.db.models import Count, Q

from metodset.core.dates import SchoolYear
from metodset.surveys.models import Answer, Audience, QuestionKind, SurveyKind, SurveyStatus

SATISFIED = Q(question__kind=QuestionKind.SCALE5, number__gte=4) | Q(
    question__kind=QuestionKind.SCALE10, number__gte=8
)


def overall_answers(year: SchoolYear):
    """Answers to the overall question of the closed satisfaction surveys opened in the year."""
    return Answer.objects.filter(
        question__is_overall=True,
        number__isnull=False,
        question__survey__kind=SurveyKind.SATISFACTION,
        question__survey__status=SurveyStatus.CLOSED,
        question__survey__opens_on__range=(year.starts_on, year.ends_on),
    )


def satisfaction_surveys(year: SchoolYear, *, association=None, municipality=None, region=None):
    """The surveys behind one value, with their respondents to the overall question and the
    satisfied among them, for the drill-down of the indicator."""
    from metodset.surveys.models import Survey

    surveys = Survey.objects.filter(
        kind=SurveyKind.SATISFACTION,
        status=SurveyStatus.CLOSED,
        opens_on__range=(year.starts_on, year.ends_on),
    )
    if association is not None:
        surveys = surveys.filter(audience=Audience.ASSOCIATION, association=association)
    elif municipality is not None:
        surveys = surveys.filter(municipality=municipality)
    else:
        surveys = surveys.filter(municipality__region=region)
    overall = Q(questions__is_overall=True, questions__answers__number__isnull=False)
    satisfied = overall & (
        Q(questions__kind=QuestionKind.SCALE5, questions__answers__number__gte=4)
        | Q(questions__kind=QuestionKind.SCALE10, questions__answers__number__gte=8)
    )
    return (
        surveys.select_related("association")
        .annotate(
            respondents=Count("questions__answers", filter=overall),
            satisfied=Count("questions__answers", filter=satisfied),
        )
        .order_by("opens_on", "pk")
    )


def satisfaction_values(rows, group: str, year: SchoolYear) -> dict:
    """Respondents satisfied (4–5 of 5, 8–10 of 10) of all who answered the overall question.

    `rows` is the indicator population grouped by `group`: an association counts the surveys
    addressed to its members; a municipality (or a region) every satisfaction survey of its
    own. A group without such a survey is left out (no data).
    """
    from metodset.indicators.values import Value

    answers = overall_answers(year)
    if group == "association_id":
        path = "question__survey__association_id"
        answers = answers.filter(question__survey__audience=Audience.ASSOCIATION)
    else:  # municipality_id or municipality__region_id
        path = f"question__survey__{group}"
    counted = (
        answers.filter(**{f"{path}__in": rows.values(group)})
        .order_by()
        .values(path)
        .annotate(total=Count("pk"), hit=Count("pk", filter=SATISFIED))
    )
    return {row[path]: Value(row["hit"], row["total"]) for row in counted}
