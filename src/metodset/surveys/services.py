"""Writes about surveys: the builder, the window, personal links and answers."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.core.access import require_perm
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user
from metodset.people.models import Teacher
from metodset.surveys import selectors
from metodset.surveys.blueprints import BLUEPRINTS
from metodset.surveys.models import (
    WITH_CHOICES,
    AnonymousToken,
    Answer,
    Choice,
    Invitation,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyKind,
    SurveyStatus,
    token_hash,
)

FROZEN_SURVEY_FIELDS = {"audience", "association", "event", "anonymous", "kind"}


def _needs(municipality: Municipality) -> tuple[str, ...] | None:
    from metodset.growth.models import Need

    names = tuple(Need.objects.filter(municipality=municipality).values_list("name", flat=True))
    return names or None


@transaction.atomic
def survey_create(
    *, user, municipality: Municipality, from_blueprint: bool = True, **fields: Any
) -> Survey:
    """A new draft survey; from a shipped questionnaire of its kind unless asked for a blank one."""
    require_perm(user, "surveys.add_survey", municipality)
    blueprint = BLUEPRINTS.get(fields.get("kind", "")) if from_blueprint else None
    if blueprint is not None:
        fields["title"] = fields.get("title") or str(blueprint.title)
        fields["description"] = fields.get("description") or str(blueprint.description)
    survey = model_create(
        Survey,
        user=user,
        municipality=municipality,
        author=user if user is not None and user.is_authenticated else None,
        status=SurveyStatus.DRAFT,
        **fields,
    )
    if blueprint is not None:
        for draft in blueprint.questions:
            choices = [str(c) for c in draft.choices]
            if survey.kind == SurveyKind.NEEDS and draft.kind == QuestionKind.MULTIPLE:
                choices = list(_needs(municipality) or choices)
            question_add(
                user=user,
                survey=survey,
                kind=draft.kind,
                text=str(draft.text),
                required=draft.required,
                is_overall=draft.is_overall,
                choices=choices,
            )
    return survey


def _has_responses(survey: Survey) -> bool:
    return survey.responses.exists()


@transaction.atomic
def survey_update(*, user, survey: Survey, data: dict[str, Any]) -> tuple[Survey, bool]:
    """Edit a survey; once answered, its audience, kind and anonymity stay as they were."""
    require_perm(user, "surveys.change_survey", survey)
    if _has_responses(survey):
        stored = Survey.objects.get(pk=survey.pk)
        for name in FROZEN_SURVEY_FIELDS & set(data):
            new = data[name]
            new = new.pk if hasattr(new, "pk") else new
            old = getattr(stored, f"{name}_id" if name in ("association", "event") else name)
            if new != old:
                raise ValidationError(
                    {name: _("The survey already has answers: this can no longer change.")}
                )
    return model_update(survey, user=user, data=data)


@transaction.atomic
def survey_delete(*, user, survey: Survey) -> None:
    require_perm(user, "surveys.change_survey", survey)
    if _has_responses(survey):
        raise ValidationError(_("The survey has answers and cannot be deleted; close it instead."))
    survey.delete()


@transaction.atomic
def survey_open(*, user, survey: Survey) -> Survey:
    """Open a draft (or reopen a closed survey whose window has not passed)."""
    require_perm(user, "surveys.change_survey", survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status == SurveyStatus.OPEN:
        raise ValidationError(_("The survey is already open."))
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    if survey.closes_on < timezone.localdate():
        raise ValidationError(
            _("The survey's window ended on %(day)s: move its last day first.")
            % {"day": survey.closes_on.strftime("%d.%m.%Y")}
        )
    survey.status = SurveyStatus.OPEN
    with_history_user(survey, user).save(update_fields=["status", "updated_at"])
    return survey


@transaction.atomic
def survey_close(*, user, survey: Survey) -> Survey:
    require_perm(user, "surveys.change_survey", survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("Only an open survey can be closed."))
    survey.status = SurveyStatus.CLOSED
    with_history_user(survey, user).save(update_fields=["status", "updated_at"])
    return survey


# --- Questions --------------------------------------------------------------------------


def _editable(survey: Survey) -> None:
    if _has_responses(survey):
        raise ValidationError(_("The survey already has answers: its questions are frozen."))


def _clean_choices(kind: str, choices: Sequence[str]) -> list[str]:
    lines = [c.strip() for c in choices if c.strip()]
    if kind in WITH_CHOICES:
        if len(lines) < 2:
            raise ValidationError({"choices": _("Give at least two answer options, one a line.")})
        if len({c.casefold() for c in lines}) != len(lines):
            raise ValidationError({"choices": _("The answer options repeat.")})
        return lines
    return []


def _set_choices(question: Question, choices: list[str]) -> None:
    question.choices.all().delete()
    Choice.objects.bulk_create(
        [Choice(question=question, position=i, text=t[:300]) for i, t in enumerate(choices, 1)]
    )


@transaction.atomic
def question_add(
    *,
    user,
    survey: Survey,
    kind: str,
    text: str,
    required: bool = True,
    is_overall: bool = False,
    choices: Sequence[str] = (),
) -> Question:
    """A question at the end of the survey."""
    require_perm(user, "surveys.change_survey", survey)
    _editable(survey)
    lines = _clean_choices(kind, choices)
    last = survey.questions.order_by("-position").values_list("position", flat=True).first()
    question = model_create(
        Question,
        user=user,
        survey=survey,
        position=(last or 0) + 1,
        kind=kind,
        text=text,
        required=required,
        is_overall=is_overall,
    )
    _set_choices(question, lines)
    return question


@transaction.atomic
def question_update(
    *, user, question: Question, data: dict[str, Any], choices: Sequence[str] = ()
) -> Question:
    require_perm(user, "surveys.change_survey", question.survey)
    _editable(question.survey)
    lines = _clean_choices(data.get("kind", question.kind), choices)
    model_update(question, user=user, data=data)
    if [c.text for c in question.choices.all()] != lines:
        _set_choices(question, lines)
    return question


@transaction.atomic
def question_move(*, user, question: Question, up: bool) -> None:
    require_perm(user, "surveys.change_survey", question.survey)
    _editable(question.survey)
    siblings = list(question.survey.questions.order_by("position", "pk"))
    index = siblings.index(question)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings, 1):
        if item.position != position:
            item.position = position
            with_history_user(item, user).save(update_fields=["position"])


@transaction.atomic
def question_delete(*, user, question: Question) -> None:
    require_perm(user, "surveys.change_survey", question.survey)
    survey = question.survey
    _editable(survey)
    position = question.position
    question.delete()
    survey.questions.filter(position__gt=position).update(position=F("position") - 1)


# --- Personal links ---------------------------------------------------------------------


@transaction.atomic
def invitations_issue(*, user, survey: Survey, teachers: Iterable[Teacher]) -> list[tuple]:
    """One-time links for addressees who have none yet: [(teacher, token)].

    The token is returned once and stored only as its hash, in a row that does not say
    whose it is; the invitation says only that the person received one.
    """
    require_perm(user, "surveys.change_survey", survey)
    if not survey.anonymous:
        raise ValidationError(
            _("Personal links are for anonymous surveys; others are answered after login.")
        )
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError(_("The survey is closed."))
    allowed = set(selectors.addressees(survey).values_list("pk", flat=True))
    already = set(survey.invitations.values_list("teacher_id", flat=True))
    chosen = [t for t in teachers if t.pk in allowed and t.pk not in already]
    if not chosen:
        raise ValidationError(_("Everyone chosen already has a personal link or has answered."))
    issued = []
    for teacher in chosen:
        Invitation.objects.create(survey=survey, teacher=teacher, issued_at=timezone.now())
        issued.append((teacher, secrets.token_urlsafe(16)))
    # Shuffled so that the order of the tokens' rows follows no list of people.
    tokens = [AnonymousToken(survey=survey, token_hash=token_hash(t)) for _p, t in issued]
    secrets.SystemRandom().shuffle(tokens)
    AnonymousToken.objects.bulk_create(tokens)
    return issued


# --- Answers ----------------------------------------------------------------------------


def _answer_row(response: Response, question: Question, value) -> tuple[Answer, list] | None:
    """The Answer for a value of the answer form, or None if the question is left blank."""
    if value in (None, "", [], ()):
        return None
    if question.kind == QuestionKind.TEXT:
        return Answer(response=response, question=question, text=str(value).strip()), []
    if question.scale:
        return Answer(response=response, question=question, number=int(value)), []
    picked = value if isinstance(value, list | tuple) else [value]
    return Answer(response=response, question=question), list(picked)


def check_can_answer(survey: Survey) -> None:
    if survey.status == SurveyStatus.DRAFT:
        raise ValidationError(_("The survey is not open yet."))
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError(_("The survey is closed: answers are no longer accepted."))
    today = timezone.localdate()
    if today < survey.opens_on:
        raise ValidationError(
            _("The survey opens on %(day)s.") % {"day": survey.opens_on.strftime("%d.%m.%Y")}
        )
    if today > survey.closes_on:
        raise ValidationError(
            _("The survey was open until %(day)s.") % {"day": survey.closes_on.strftime("%d.%m.%Y")}
        )


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    answers: dict[int, Any],
    teacher: Teacher | None = None,
    token: str | None = None,
) -> Response:
    """Record one person's answers: identified, anonymous after login, or by a one-time link.

    `answers` maps question ids to the answer form's cleaned values. Everything is checked
    before anything is written, and a second attempt is refused with a message.
    """
    check_can_answer(survey)
    questions = list(survey.questions.prefetch_related("choices"))
    missing = [q for q in questions if q.required and answers.get(q.pk) in (None, "", [], ())]
    if missing:
        raise ValidationError(_("Answer the required questions."))
    if token is not None:
        used = AnonymousToken.objects.filter(
            survey=survey, token_hash=token_hash(token), used=False
        ).update(used=True)
        if not used:
            raise ValidationError(
                _("This personal link has already been used or is not valid for this survey.")
            )
    elif teacher is None:
        raise ValidationError(_("Log in or use your personal link to answer."))
    elif not selectors.is_addressee(survey, teacher.pk):
        raise ValidationError(_("The survey is not addressed to you."))
    elif survey.anonymous:
        try:
            with transaction.atomic():
                Invitation.objects.create(survey=survey, teacher=teacher, by_login=True)
        except IntegrityError as error:
            raise ValidationError(
                _("You have already answered this survey or received a personal link to it.")
            ) from error
    elif survey.responses.filter(teacher=teacher).exists():
        raise ValidationError(_("You have already answered this survey."))
    anonymous = survey.anonymous
    response = Response.objects.create(
        survey=survey,
        teacher=None if anonymous else teacher,
        submitted_at=None if anonymous else timezone.now(),
    )
    rows = []
    for question in questions:
        valid = {c.pk: c for c in question.choices.all()}
        built = _answer_row(response, question, answers.get(question.pk))
        if built is None:
            continue
        answer, picked = built
        if question.scale and answer.number not in question.scale:
            raise ValidationError(_("A scale answer is out of range."))
        if question.has_choices:
            ids = [getattr(c, "pk", c) for c in picked]
            if not ids or any(int(i) not in valid for i in ids):
                raise ValidationError(_("An answer option does not belong to the question."))
            if question.kind == QuestionKind.SINGLE and len(ids) > 1:
                raise ValidationError(_("Choose one answer option."))
            picked = [valid[int(i)] for i in ids]
        rows.append((answer, picked))
    Answer.objects.bulk_create([a for a, _p in rows])
    through = Answer.choices.through
    through.objects.bulk_create(
        [through(answer_id=a.pk, choice_id=c.pk) for a, picked in rows for c in picked]
    )
    return response
