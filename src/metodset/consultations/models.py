"""Consultation requests (000 §5.2, §6.7; 003 §4.6; 004 §2.4): a teacher, a head, a candidate
for attestation or a parent asks the methodical service or an association a question, and
gets an answer in writing or an appointment. A consultation given in person or at an event
is logged as one too, so the log and the monitoring report count every consultation.

The asker's name and contact are personal data: only those who handle the request (the
municipality's methodists, the head of the association it is routed to) and the asker
himself see them (`visible_to`). The consent to their processing is stored with the exact
version of its text (privacy.ConsentText) and the time it was given.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.models import MunicipalityOwned
from metodset.core.scoping import ScopedQuerySet


class Source(models.TextChoices):
    PORTAL = "portal", _("the public portal")
    APP = "app", _("in Metodset")
    LOGGED = "logged", _("given in person, logged")


class Asker(models.TextChoices):
    TEACHER = "teacher", _("a teacher")
    HEAD = "head", _("a head of an association or school")
    CANDIDATE = "candidate", _("a teacher preparing for attestation")
    PARENT = "parent", _("a parent")
    OTHER = "other", _("other")


class Status(models.TextChoices):
    NEW = "new", _("new request")
    APPOINTED = "appointed", _("appointment made")
    ANSWERED = "answered", _("answered")
    DECLINED = "declined", _("declined")


class Way(models.TextChoices):
    WRITTEN = "written", _("an answer in writing")
    APPOINTMENT = "appointment", _("an appointment")
    IN_PERSON = "in_person", _("in person")
    AT_EVENT = "at_event", _("at an event")


OPEN = (Status.NEW, Status.APPOINTED)


class RequestQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> RequestQuerySet:
        """The requests the user handles or asked himself: their contacts are his to see.

        The platform admin all; a methodist his municipality's; a head those routed to
        his associations; anyone those he asked. A coordinator sees counts, not requests."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or user.is_platform_admin:
            return self
        mine = Q(asked_by=user)
        if user.is_methodist:
            return self.filter(mine | Q(municipality_id=user.municipality_id))
        headed = user.headed_association_ids
        if headed:
            return self.filter(mine | Q(association_id__in=headed))
        return self.filter(mine)


class ConsultationRequest(MunicipalityOwned):
    """A question to the methodical service or an association, and how it was answered."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation_requests",
        verbose_name=_("association"),
        help_text=_("Leave empty to ask the methodical service."),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    asker = models.CharField(_("who asks"), max_length=12, choices=Asker.choices)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_requests",
        verbose_name=_("asked by the user"),
    )
    name = models.CharField(_("name of the asker"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    topic = models.CharField(_("topic"), max_length=200)
    question = models.TextField(_("question"), max_length=5000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    # The consent to the processing of personal data: the version of its text, when, from where.
    consent_text = models.ForeignKey(
        "privacy.ConsentText",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent text"),
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    way = models.CharField(_("answered by"), max_length=12, choices=Way.choices, blank=True)
    answer = models.TextField(_("answer"), max_length=10000, blank=True)
    appointment_at = models.DateTimeField(_("appointment date and time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    link = models.URLField(_("link to the online meeting"), blank=True)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by the user"),
    )
    history = HistoricalRecords()

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        indexes = [
            models.Index(fields=["municipality", "-created_at"], name="consult_municipality"),
            models.Index(fields=["association", "-created_at"], name="consult_association"),
            models.Index(fields=["answered_by", "-created_at"], name="consult_answered_by"),
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def handler_name(self) -> str:
        return str(self.association) if self.association_id else str(_("the methodical service"))
