"""Reads about surveys: lists, addressees, results by aggregate queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from metodset.associations.models import Membership
from metodset.core.queries import subquery_count
from metodset.events.models import Participation, ParticipationStatus
from metodset.people.models import Teacher
from metodset.surveys.models import (
    Answer,
    Audience,
    Choice,
    Invitation,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
)


def _addressed(teacher_id: int, municipality_id: int | None) -> Q:
    """Surveys addressed to this teacher: his associations today, his municipality, his events."""
    today = timezone.localdate()
    associations = (
        Membership.objects.in_force(today).filter(teacher_id=teacher_id).values("association_id")
    )
    events = (
        Participation.objects.filter(teacher_id=teacher_id)
        .exclude(status=ParticipationStatus.CANCELLED)
        .values("event_id")
    )
    return (
        Q(audience=Audience.ASSOCIATION, association_id__in=associations)
        | Q(audience=Audience.MUNICIPALITY, municipality_id=municipality_id)
        | Q(audience=Audience.EVENT, event_id__in=events)
    )


def survey_list(*, user) -> QuerySet[Survey]:
    """Surveys a user works with: all in scope for the service, his own and those addressed
    to him (not drafts) for a teacher or head."""
    surveys = Survey.objects.for_user(user)
    if user.is_teacher:
        mine = Q(association_id__in=user.headed_association_ids) | Q(author=user)
        if user.teacher_id:
            mine |= _addressed(user.teacher_id, user.municipality_id) & ~Q(
                status=SurveyStatus.DRAFT
            )
        surveys = surveys.filter(mine)
    return surveys.select_related("association", "event", "municipality").annotate(
        response_count=subquery_count(Response.objects.all(), "survey"),
        question_count=subquery_count(Question.objects.all(), "survey"),
    )


def addressees(survey: Survey, on: dt.date | None = None) -> QuerySet[Teacher]:
    """The teachers a survey is addressed to, on `on` (default: today, or its last day)."""
    on = on or min(timezone.localdate(), survey.closes_on)
    if survey.audience == Audience.ASSOCIATION:
        teachers = Teacher.objects.filter(
            memberships__in=Membership.objects.in_force(on).filter(
                association_id=survey.association_id
            )
        )
    elif survey.audience == Audience.EVENT:
        # One subquery: a cancelled registration for another event must not exclude anyone.
        event_id = survey.event_id
        registered = Participation.objects.filter(event_id=event_id).exclude(  # type: ignore[misc]
            status=ParticipationStatus.CANCELLED
        )
        teachers = Teacher.objects.filter(participations__in=registered)
    else:
        teachers = Teacher.objects.working_in(survey.municipality_id)
    return teachers.distinct().order_by("last_name", "first_name", "patronymic", "pk")


def is_addressee(survey: Survey, teacher_id: int | None) -> bool:
    return teacher_id is not None and addressees(survey).filter(pk=teacher_id).exists()


def addressee_sheet(survey: Survey) -> list[dict]:
    """Addressees with whether they answered (identified) or received a link (anonymous)."""
    teachers = addressees(survey).select_related("organisation")
    if survey.anonymous:
        done = dict(Invitation.objects.filter(survey=survey).values_list("teacher_id", "by_login"))
    else:
        done = dict.fromkeys(
            Response.objects.filter(survey=survey).values_list("teacher_id", flat=True), False
        )
    return [
        {"teacher": t, "done": t.pk in done, "by_login": done.get(t.pk, False)} for t in teachers
    ]


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    rows: list[dict] = field(default_factory=list)  # label, count, percent
    mean: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def top(self) -> int:
        return max((r["count"] for r in self.rows), default=0)


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def results(survey: Survey) -> dict:
    """Counts, percentages and means per question, in a fixed number of queries (eight)."""
    questions = list(survey.questions.all())
    answered = dict(
        # Only answered questions are stored (see response_submit).
        Answer.objects.filter(question__survey=survey)
        .order_by()
        .values("question_id")
        .annotate(n=Count("pk"))
        .values_list("question_id", "n")
    )
    choices = (
        Choice.objects.filter(question__survey=survey)
        .annotate(n=Count("answers"))
        .order_by("question_id", "position", "pk")
    )
    by_choice: dict[int, list] = {}
    for choice in choices:
        by_choice.setdefault(choice.question_id, []).append(choice)
    scale_counts: dict[int, dict[int, int]] = {}
    for row in (
        Answer.objects.filter(question__survey=survey, number__isnull=False)
        .order_by()
        .values("question_id", "number")
        .annotate(n=Count("pk"))
    ):
        scale_counts.setdefault(row["question_id"], {})[row["number"]] = row["n"]  # type: ignore[index]
    means = dict(
        Answer.objects.filter(question__survey=survey, number__isnull=False)
        .order_by()
        .values("question_id")
        .annotate(mean=Avg("number"))
        .values_list("question_id", "mean")
    )
    # Text answers carry no identity and are listed in an order that follows no person.
    texts: dict[int, list[str]] = {}
    for question_id, text in (
        Answer.objects.filter(question__survey=survey, question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .order_by("question_id", "text")
        .values_list("question_id", "text")
    ):
        texts.setdefault(question_id, []).append(text)
    out = []
    for question in questions:
        result = QuestionResult(question, answered.get(question.pk, 0))
        if question.has_choices:
            result.rows = [
                {"label": c.text, "count": c.n, "percent": _percent(c.n, result.answered)}
                for c in by_choice.get(question.pk, [])
            ]
        elif question.scale:
            counts = scale_counts.get(question.pk, {})
            result.rows = [
                {
                    "label": str(n),
                    "count": counts.get(n, 0),
                    "percent": _percent(counts.get(n, 0), result.answered),
                }
                for n in question.scale
            ]
            mean = means.get(question.pk)
            result.mean = round(mean, 2) if mean is not None else None
        else:
            result.texts = texts.get(question.pk, [])
        out.append(result)
    responses = survey.responses.count()
    invited = addressees(survey).count()
    return {
        "questions": out,
        "responses": responses,
        "addressees": invited,
        "rate": _percent(responses, invited) if invited else None,
    }
