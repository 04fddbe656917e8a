"""Surveys (анкетирование) of teachers: satisfaction, professional needs, event feedback.

A survey is addressed to the members of an association, the teachers of a municipality or
the participants of an event, answered once per person inside its window, and summed up by
aggregate queries. An identified survey keeps who answered. An anonymous one keeps nothing
about the person with the answers: a response has a random key and no date, and the fact
that a person received a personal link (or answered after login) lives in `Invitation`,
with no path from it to the answers. One-time links are stored only as hashes, keyed by
the hash itself, so neither their order nor a timestamp ties them to a response. (The
physical order of rows on disk is outside what the application can hide.)
"""

import hashlib
import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.dates import SchoolYear
from metodset.core.models import MunicipalityOwned, actor_field
from metodset.core.scoping import scoped_queryset


class SurveyKind(models.TextChoices):
    SATISFACTION = "satisfaction", _("satisfaction with the association's work")
    NEEDS = "needs", _("professional needs")
    EVENT_FEEDBACK = "event_feedback", _("event feedback")
    OTHER = "other", _("other")


class Audience(models.TextChoices):
    ASSOCIATION = "association", _("members of an association")
    MUNICIPALITY = "municipality", _("teachers of the municipality")
    EVENT = "event", _("participants of an event")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


def new_slug() -> str:
    return secrets.token_urlsafe(9)


class Survey(MunicipalityOwned):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the questions.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SurveyKind.choices)
    audience = models.CharField(_("addressed to"), max_length=20, choices=Audience.choices)
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("association"),
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("event"),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_(
            "Answers are kept without the person; each addressee answers once through a "
            "personal one-time link or after login."
        ),
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"), help_text=_("Inclusive."))
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    author = actor_field(_("author"))
    slug = models.CharField(max_length=20, unique=True, default=new_slug, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_opening",
                violation_error_message=_("The survey cannot close before it opens."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])

    @property
    def public_url(self) -> str:
        return reverse("surveys:answer", args=[self.slug])

    @property
    def year(self) -> SchoolYear:
        return SchoolYear.of(self.opens_on)

    @property
    def is_draft(self) -> bool:
        return self.status == SurveyStatus.DRAFT

    @property
    def accepts_answers(self) -> bool:
        today = timezone.localdate()
        return self.status == SurveyStatus.OPEN and self.opens_on <= today <= self.closes_on

    def clean(self):
        super().clean()
        # Only the target of the chosen audience is kept.
        if self.audience != Audience.ASSOCIATION:
            self.association = None
        if self.audience != Audience.EVENT:
            self.event = None
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The survey cannot close before it opens.")
        if self.audience == Audience.ASSOCIATION:
            if not self.association_id:
                errors["association"] = _("Choose the association whose members answer.")
            elif self.association.municipality_id != self.municipality_id:
                errors["association"] = _("The association belongs to another municipality.")
        if self.audience == Audience.EVENT:
            if not self.event_id:
                errors["event"] = _("Choose the event whose participants answer.")
            elif self.event.municipality_id != self.municipality_id:
                errors["event"] = _("The event belongs to another municipality.")
        if errors:
            raise ValidationError(errors)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("one answer of several")
    MULTIPLE = "multiple", _("several answers")
    SCALE5 = "scale5", _("scale 1–5")
    SCALE10 = "scale10", _("scale 1–10")
    TEXT = "text", _("text")


SCALES = {QuestionKind.SCALE5: 5, QuestionKind.SCALE10: 10}
WITH_CHOICES = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("No."))
    kind = models.CharField(_("answer type"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    required = models.BooleanField(_("required"), default=True)
    is_overall = models.BooleanField(
        _("overall satisfaction"),
        default=False,
        help_text=_(
            "A scale question whose answers feed the satisfaction indicator: 4–5 of 5 or "
            "8–10 of 10 count as satisfied."
        ),
    )
    history = HistoricalRecords()

    objects = scoped_queryset("survey__municipality").as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["survey"],
                condition=Q(is_overall=True),
                name="uniq_overall_question",
                violation_error_message=_(
                    "The survey already has an overall satisfaction question."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_overall=False) | Q(kind__in=["scale5", "scale10"]),
                name="overall_question_is_a_scale",
                violation_error_message=_("Only a scale question can be the overall satisfaction."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"

    @property
    def scale(self) -> range | None:
        top = SCALES.get(self.kind)
        return range(1, top + 1) if top else None

    @property
    def has_choices(self) -> bool:
        return self.kind in WITH_CHOICES


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("answer option"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One person's answers. Anonymous: no teacher, no date, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = scoped_queryset("survey__municipality").as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "teacher"],
                condition=Q(teacher__isnull=False),
                name="uniq_response_per_teacher",
                violation_error_message=_("You have already answered this survey."),
            )
        ]

    def __str__(self) -> str:
        return str(self.survey)


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    choices = models.ManyToManyField(Choice, blank=True, related_name="answers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="uniq_answer")]

    def __str__(self) -> str:
        return str(self.question)


class Invitation(models.Model):
    """A person received his one-time link to an anonymous survey, or answered it after login.

    It says nothing about what he answered: there is no path from here to a response.
    """

    # A random key and no time for an answer after login: neither the order nor the time
    # of these rows lines up with the order of the answers.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    teacher = models.ForeignKey(
        "people.Teacher", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    issued_at = models.DateTimeField(null=True, blank=True)  # when a link was issued
    by_login = models.BooleanField(default=False)

    objects = scoped_queryset("survey__municipality").as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "teacher"],
                name="uniq_invitation",
                violation_error_message=_(
                    "You have already answered this survey or received a personal link to it."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.teacher} — {self.survey}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AnonymousToken(models.Model):
    """A one-time link, stored as its hash (the key itself: no sequence, no date, no person)."""

    token_hash = models.CharField(max_length=64, primary_key=True)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tokens")
    used = models.BooleanField(default=False)

    def __str__(self) -> str:
        return str(self.survey)
