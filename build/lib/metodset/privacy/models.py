"""Personal data (152-ФЗ): who saw whose data, and what people agreed to.

`AccessLogEntry` is one person's data seen by one user in one request; a list page
writes its rows in one bulk insert. It refers to the user and the teacher by id
without a database constraint, so that deleting either keeps the entry (the log
must outlive what it records) and anonymising a teacher leaves nothing in it but
his number. `ConsentText` versions are data: a new wording is a new version, and
each `Consent` points at the exact text the person agreed to.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from metodset.core.scoping import ScopedQuerySet


class AccessKind(models.TextChoices):
    CARD = "card", _("card opened")
    LIST = "list", _("shown in a list")
    EXPORT = "export", _("exported to Excel")
    API = "api", _("read through the API")
    PERSONAL_EXPORT = "personal_export", _("all his data exported")
    ANONYMISED = "anonymised", _("anonymised")


class AccessLogEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("whose data"),
    )
    # The person's municipality when his data was seen: the methodist reads his own.
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("access"), max_length=20, choices=AccessKind.choices)
    path = models.CharField(_("address of the page"), max_length=300, blank=True)
    address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data access log")
        indexes = [
            models.Index(fields=["municipality", "-at"], name="privacy_log_municipality_at"),
            models.Index(fields=["teacher", "-at"], name="privacy_log_teacher_at"),
            models.Index(fields=["at"], name="privacy_log_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.get_kind_display()}"


class ConsentPurpose(models.TextChoices):
    PROFILE = "profile", _("the own profile and professional growth")
    SURVEY = "survey", _("answers to identified surveys")
    CONSULTATION = "consultation", _("a question to the methodical service")


class ConsentTextQuerySet(models.QuerySet):
    def current(self, purpose: str) -> "ConsentText | None":
        """The version in force today for `purpose`: the latest that has taken effect."""
        return (
            self.filter(purpose=purpose, effective_from__lte=timezone.localdate())
            .order_by("-version")
            .first()
        )


class ConsentText(models.Model):
    """One version of the wording of a consent to the processing of personal data."""

    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    effective_from = models.DateField(_("in force from"))
    text = models.TextField(_("text"))

    objects = ConsentTextQuerySet.as_manager()

    class Meta:
        ordering = ["purpose", "-version"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "version"],
                name="uniq_consent_text_version",
                violation_error_message=_("This version of the text already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}, {self.version}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("privacy:consent_text", args=[self.pk])


class Consent(models.Model):
    """A person agreed to a version of a consent text, at a time, from an address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("user"),
    )
    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("teacher"),
    )
    text = models.ForeignKey(
        ConsentText, on_delete=models.PROTECT, related_name="consents", verbose_name=_("text")
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(fields=["user", "text"], name="uniq_consent_per_text")
        ]

    def __str__(self) -> str:
        return f"{self.text} — {self.given_at:%d.%m.%Y}"
