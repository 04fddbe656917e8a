from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from metodset.core.scoping import ScopedQuerySet


class Region(models.Model):
    """A subject of the Russian Federation (Алтайский край, Пензенская область…)."""

    name = models.CharField(pgettext_lazy("not a person", "name"), max_length=200, unique=True)
    institute = models.CharField(
        _("regional institute of education"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the regional institute for teacher development."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def for_user(self, user):
        from metodset.core.scoping import scope_for

        scope = scope_for(user)
        if scope.everything:
            return self
        if scope.region_id:
            return self.filter(region_id=scope.region_id)
        if scope.municipality_id:
            return self.filter(pk=scope.municipality_id)
        return self.none()


class AbsenceReasons(models.TextChoices):
    """What the minutes print for a member absent with a recorded reason (the reason itself
    may be health data: the municipality chooses whether it leaves the circle that keeps
    the minutes)."""

    RESPECTFUL = "respectful", _("«по уважительной причине» instead of the reason")
    STATED = "stated", _("the reason as recorded")
    OMITTED = "omitted", _("nothing: only the name")


class Municipality(models.Model):
    """A municipal district or city: the tenant every domain record belongs to."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    name = models.CharField(pgettext_lazy("not a person", "name"), max_length=200)
    slug = models.SlugField(_("short code"), max_length=60, unique=True)
    authority_name = models.CharField(
        _("education authority"),
        max_length=300,
        help_text=_("Full name of the body that issues orders."),
    )
    service_name = models.CharField(
        _("methodical service"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the district methodical office (РМК) or information centre (ИМЦ)."),
    )
    settlement = models.CharField(
        _("settlement"),
        max_length=200,
        blank=True,
        help_text=_(
            "Where the authority sits and its documents are issued, e.g. «с. Чоя»; "
            "the municipality's name is printed when empty."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    absence_reasons_in_minutes = models.CharField(
        _("reasons for absence in the minutes"),
        max_length=16,
        choices=AbsenceReasons.choices,
        default=AbsenceReasons.RESPECTFUL,
        help_text=_(
            "The reasons themselves are seen only by the chair, the secretary, whoever keeps "
            "the minutes, the methodists and the member himself."
        ),
    )
    history = HistoricalRecords()

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="uniq_municipality_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def place(self) -> str:
        """The place of issue of its documents: the settlement, else the municipality."""
        return self.settlement or self.name


def choice_label(field: models.Field, value):
    """What Model.get_FOO_display() returns, from a dict of the field's choices made once per
    field instead of on every call (Django rebuilds it each time, hashing every lazy label:
    a list of 50 rows paid for it 50 times per column, issue #19). The labels stay lazy, so
    each call gives the active language's. Callable choices are read each time as Django does.
    """
    labels = field.__dict__.get("_choice_labels")
    if labels is None:
        labels = dict(make_hashable(field.flatchoices))
        if isinstance(field.choices, (list, tuple)):  # fixed choices: keep the dict
            field.__dict__["_choice_labels"] = labels
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


class MunicipalityOwned(models.Model):
    """Base for every domain record: it belongs to exactly one municipality."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        return choice_label(field, getattr(self, field.attname))


def check_one_per_school_year(record: models.Model, duplicate: str) -> None:
    """clean() of a record kept once per school year for the service (no association) or
    for an association of the same municipality: a roadmap, a PD request."""
    if record.association_id and record.association.municipality_id != record.municipality_id:
        raise ValidationError({"association": _("The association is of another municipality.")})
    twins = (
        type(record)
        ._default_manager.filter(
            municipality_id=record.municipality_id,
            association_id=record.association_id,
            school_year=record.school_year,
        )
        .exclude(pk=record.pk)
    )
    if record.municipality_id and twins.exists():
        raise ValidationError(duplicate)


class Notification(models.Model):
    """A message to one user in the bell of the top bar; `key` makes each be sent once.

    Any app writes them through `core.notifications.notify`.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(max_length=200)
    # The kind (core.notifications.KINDS) decides, with the user's preferences, where it goes.
    kind = models.CharField(_("kind"), max_length=60, default="general")
    text = models.CharField(_("text"), max_length=500)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # False: the user wants this kind by e-mail only; the row stays so it is sent once.
    in_app = models.BooleanField(default=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="uniq_notification")]

    def __str__(self) -> str:
        return self.text


def actor_field(verbose_name) -> models.ForeignKey:
    """Who did a step of a record's workflow: kept when the account goes, no reverse accessor."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class Heartbeat(models.Model):
    """When a background process last proved it runs (`/healthz`, core.health): the task
    worker writes its row each time it runs the heartbeat task that /healthz enqueues."""

    name = models.CharField(max_length=50, primary_key=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name}: {self.seen_at:%Y-%m-%d %H:%M:%S}"


class NotificationPreference(models.Model):
    """A user's choice for one kind of notification: in the app, by e-mail, both or neither.

    Without a row the kind's own defaults apply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=60)
    in_app = models.BooleanField(_("in the app"), default=True)
    email = models.BooleanField(_("by e-mail"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="uniq_notification_preference")
        ]

    def __str__(self) -> str:
        return self.kind
