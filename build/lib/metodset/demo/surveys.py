"""Surveys for the demo: closed satisfaction surveys last school year and this one for several
associations of every municipality, and a professional needs survey open now.

Satisfaction differs between municipalities and moves between the years (up in some places,
down in others), so the satisfaction indicator shows plausible, different values and
dynamics. Questionnaires are built by the services from the shipped templates; the answers
of past windows are written in bulk (the answering service accepts only an open window).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from metodset.accounts.models import Role, User
from metodset.associations.models import Association, AssociationKind, HeadAppointment, Membership
from metodset.core.dates import SchoolYear
from metodset.people.models import Teacher
from metodset.surveys.models import (
    Answer,
    Audience,
    Invitation,
    QuestionKind,
    Response,
    Survey,
    SurveyKind,
    SurveyStatus,
)
from metodset.surveys.services import survey_create, survey_open

# municipality slug -> (share satisfied last year, this year)
SATISFIED = {
    "rubtsovsk": (0.7, 0.82),
    "biysk-rayon": (0.66, 0.55),
    "kuznetsk": (0.74, 0.86),
    "vesyegonsk": (0.5, 0.63),
    "choya": (0.7, 0.6),
}
ASSOCIATIONS_SURVEYED = 12
REMARKS = [
    "Больше практических занятий и открытых уроков.",
    "Хотелось бы заседаний в дистанционном формате.",
    "Делиться материалами заранее, до заседания.",
    "Приглашать коллег из других муниципалитетов.",
    "Всё устраивает, спасибо.",
    "Меньше отчётов, больше обмена опытом.",
]
NEEDS_REMARKS = ["Подготовка к конкурсу профессионального мастерства.", "Работа с родителями."]


def surveys_load(*, slugs: list[str], seed: int, today: dt.date) -> None:
    current = SchoolYear.of(today)
    for slug in slugs:
        rng = random.Random(f"{seed}-surveys-{slug}")
        associations = list(
            Association.objects.filter(municipality__slug=slug)
            .active()
            .exclude(kind=AssociationKind.COUNCIL)
            .select_related("municipality")
            .order_by("pk")[:ASSOCIATIONS_SURVEYED]
        )
        if not associations:
            continue
        municipality = associations[0].municipality
        methodist = User.objects.filter(role=Role.METHODIST, municipality=municipality).first()
        heads = dict(
            HeadAppointment.objects.on(today)
            .filter(association__in=associations)
            .values_list("association_id", "teacher__user")
        )
        levels = SATISFIED.get(slug, (0.65, 0.65))
        for association in associations:
            author = User.objects.filter(pk=heads.get(association.pk)).first() or methodist
            noise = rng.uniform(-0.12, 0.12)
            for year, level in zip((current.previous, current), levels, strict=True):
                if year == current.previous:
                    opens = year.starts_on + dt.timedelta(days=rng.randint(225, 250))  # April
                else:
                    opens = max(year.starts_on, today - dt.timedelta(days=rng.randint(25, 35)))
                closes = min(opens + dt.timedelta(days=14), max(opens, today))
                _satisfaction(
                    rng,
                    author=author,
                    association=association,
                    opens=opens,
                    closes=closes,
                    level=min(max(level + noise, 0.05), 0.97),
                    anonymous=rng.random() < 0.5,
                    on=min(closes, today),
                )
        if methodist is not None:
            _needs(rng, methodist=methodist, municipality=municipality, today=today)


def _satisfaction(rng, *, author, association, opens, closes, level, anonymous, on) -> None:
    survey = survey_create(
        user=author,
        municipality=association.municipality,
        kind=SurveyKind.SATISFACTION,
        audience=Audience.ASSOCIATION,
        association=association,
        anonymous=anonymous,
        opens_on=opens,
        closes_on=closes,
        title=f"Удовлетворённость работой объединения, {SchoolYear.of(opens)} учебный год",
    )
    members = Membership.objects.in_force(on).filter(association=association)
    members = list(members.values_list("teacher_id", flat=True))
    respondents = [t for t in members if rng.random() < 0.75]

    def overall() -> int:
        return rng.choice([4, 5, 5]) if rng.random() < level else rng.choice([1, 2, 3, 3])

    _answer(rng, survey, respondents, overall)
    # Its window has passed: the services would refuse to open it now.
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)


def _needs(rng, *, methodist, municipality, today) -> None:
    survey = survey_create(
        user=methodist,
        municipality=municipality,
        kind=SurveyKind.NEEDS,
        audience=Audience.MUNICIPALITY,
        anonymous=False,
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=20),
    )
    survey_open(user=methodist, survey=survey)
    teachers = list(Teacher.objects.working_in(municipality).values_list("pk", flat=True))
    _answer(rng, survey, [t for t in teachers if rng.random() < 0.3], None)


def _answer(rng, survey: Survey, teacher_ids: list[int], overall) -> None:
    """Responses of `teacher_ids`, written in bulk; anonymous ones keep no person."""
    questions = list(survey.questions.prefetch_related("choices"))
    anonymous = survey.anonymous
    now = timezone.now()
    responses, answers, picks = [], [], []
    for teacher_id in teacher_ids:
        response = Response(
            survey=survey,
            teacher_id=None if anonymous else teacher_id,
            submitted_at=None if anonymous else now,
        )
        responses.append(response)
        for question in questions:
            choices = list(question.choices.all())
            if question.is_overall and overall is not None:
                answers.append(Answer(response=response, question=question, number=overall()))
            elif question.scale:
                top = len(question.scale)
                answers.append(
                    Answer(response=response, question=question, number=rng.randint(top // 2, top))
                )
            elif question.kind == QuestionKind.TEXT:
                if rng.random() < 0.3:
                    remarks = NEEDS_REMARKS if survey.kind == SurveyKind.NEEDS else REMARKS
                    answers.append(
                        Answer(response=response, question=question, text=rng.choice(remarks))
                    )
            elif choices:
                many = question.kind == QuestionKind.MULTIPLE
                chosen = rng.sample(choices, min(rng.randint(1, 3), len(choices)) if many else 1)
                answer = Answer(response=response, question=question)
                answers.append(answer)
                picks += [(answer, choice) for choice in chosen]
    rng.shuffle(responses)  # the order of rows follows no list of people
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)
    through = Answer.choices.through
    through.objects.bulk_create(
        [through(answer_id=a.pk, choice_id=c.pk) for a, c in picks], ignore_conflicts=True
    )
    if anonymous:
        Invitation.objects.bulk_create(
            [Invitation(survey=survey, teacher_id=t, by_login=True) for t in teacher_ids]
        )
