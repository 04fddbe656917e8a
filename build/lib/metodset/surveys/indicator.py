"""The satisfaction indicator (000 §3.5), computed from closed satisfaction surveys.

Not a share of the population's teachers: an anonymous response belongs to nobody, so
the value is counted over responses, grouped by the survey's association (or its
municipality or region) in one aggregate query.
"""

from __future__ import annotations

from django.db.models import Count, Q

from metodset.core.dates import SchoolYear
from metodset.surveys.models import Answer, Audience, QuestionKind, SurveyKind, SurveyStatus


def satisfied(question: str = "question__", number: str = "number") -> Q:
    """A satisfied answer: 4–5 of 5 or 8–10 of 10 (lookups from `Answer`, or prefixed)."""
    return Q(**{f"{question}kind": QuestionKind.SCALE5, f"{number}__gte": 4}) | Q(
        **{f"{question}kind": QuestionKind.SCALE10, f"{number}__gte": 8}
    )


SATISFIED = satisfied()


def counted_surveys(year: SchoolYear, prefix: str = "") -> dict:
    """The lookups of the surveys counted for a school year: closed satisfaction surveys
    opened in it (from `Survey`, or prefixed from another model)."""
    return {
        f"{prefix}kind": SurveyKind.SATISFACTION,
        f"{prefix}status": SurveyStatus.CLOSED,
        f"{prefix}opens_on__range": (year.starts_on, year.ends_on),
    }


def overall_answers(year: SchoolYear):
    """Answers to the overall question of the closed satisfaction surveys opened in the year."""
    return Answer.objects.filter(
        question__is_overall=True,
        number__isnull=False,
        **counted_surveys(year, "question__survey__"),
    )


def satisfaction_surveys(year: SchoolYear, *, association=None, municipality=None, region=None):
    """The surveys behind one value, with their respondents to the overall question and the
    satisfied among them, for the drill-down of the indicator."""
    from metodset.surveys.models import Survey

    surveys = Survey.objects.filter(**counted_surveys(year))
    if association is not None:
        surveys = surveys.filter(audience=Audience.ASSOCIATION, association=association)
    elif municipality is not None:
        surveys = surveys.filter(municipality=municipality)
    else:
        surveys = surveys.filter(municipality__region=region)
    overall = Q(questions__is_overall=True, questions__answers__number__isnull=False)
    return (
        surveys.select_related("association")
        .annotate(
            respondents=Count("questions__answers", filter=overall),
            satisfied=Count(
                "questions__answers",
                filter=overall & satisfied("questions__", "questions__answers__number"),
            ),
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
