from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.links import object_url
from metodset.core.models import MunicipalityOwned
from metodset.core.scoping import ScopedQuerySet


class OrganisationKind(models.TextChoices):
    SCHOOL = "school", _("School")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    ADDITIONAL = "additional", _("Institution of additional education")
    AUTHORITY = "authority", _("Education authority")
    METHODICAL_SERVICE = "methodical_service", _("Methodical service")
    OTHER = "other", _("Other")


class Organisation(MunicipalityOwned):
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("full name"), max_length=400)
    short_name = models.CharField(_("short name"), max_length=150, blank=True)
    address = models.CharField(_("address"), max_length=400, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    director = models.CharField(_("director"), max_length=200, blank=True)
    is_venue = models.BooleanField(
        _("can host events"), default=False, help_text=_("A venue for municipal events.")
    )
    venue_capacity = models.PositiveIntegerField(_("venue capacity"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="uniq_organisation_name",
                violation_error_message=_(
                    "An organisation with this name already exists in the municipality."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return object_url("orgs:detail", self.pk)

    def clean(self):
        super().clean()
        # Checked here too, so the message stands next to the name field.
        if self.name and self.municipality_id:
            duplicate = (
                Organisation.objects.filter(
                    municipality_id=self.municipality_id, name__iexact=self.name.strip()
                )
                .exclude(pk=self.pk)
                .exists()
            )
            if duplicate:
                raise ValidationError(
                    {
                        "name": _(
                            "An organisation with this name already exists in the municipality."
                        )
                    }
                )


class AuthorityHeadQuerySet(ScopedQuerySet):
    def in_office(self, day: dt.date) -> AuthorityHeadQuerySet:
        """Those in office on `day`: from `starts_on` to `ends_on`, both included."""
        return self.filter(starts_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
        )


class AuthorityHead(MunicipalityOwned):
    """The head of the municipality's education authority for a period: who signs its
    orders. Kept with history, so an order prints whoever was in office on its date."""

    position = models.CharField(
        _("position"),
        max_length=300,
        help_text=_(
            "As printed above the signature, e.g. «Начальник отдела образования» "
            "or «И.о. начальника управления образования»."
        ),
    )
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    starts_on = models.DateField(_("in office from"))
    ends_on = models.DateField(
        _("in office until"), null=True, blank=True, help_text=_("Empty while in office.")
    )
    history = HistoricalRecords()

    objects = AuthorityHeadQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "-starts_on"]
        verbose_name = _("head of the education authority")
        verbose_name_plural = _("heads of the education authority")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="authority_head_ends_after_start",
                violation_error_message=_("The end of the term is before its start."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.position} {self.signature}"

    def get_absolute_url(self) -> str:
        return reverse("orgs:authority_heads") + f"#authority-head-{self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def signature(self) -> str:
        """«Л.А. Борисова», as under a signature."""
        from metodset.core.declension import initials_surname

        return initials_surname(self)

    def in_office_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end of the term is before its start.")})
        if not (self.municipality_id and self.starts_on):
            return
        # One signatory at a time: an order must name exactly one head for its date.
        others = AuthorityHead.objects.filter(municipality_id=self.municipality_id).exclude(
            pk=self.pk
        )
        if self.ends_on:
            others = others.filter(starts_on__lte=self.ends_on)
        clash = (
            others.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=self.starts_on))
            .order_by("starts_on")
            .first()
        )
        if clash:
            raise ValidationError(
                _(
                    "The term overlaps that of %(name)s (%(term)s): end the earlier term first, "
                    "one head signs at a time."
                )
                % {"name": clash.full_name, "term": clash.term}
            )

    @property
    def term(self) -> str:
        """«с 01.09.2021 по 31.08.2024», «с 01.09.2024»"""
        start = self.starts_on.strftime("%d.%m.%Y")
        if self.ends_on:
            return _("from %(start)s to %(end)s") % {
                "start": start,
                "end": self.ends_on.strftime("%d.%m.%Y"),
            }
        return _("from %(start)s") % {"start": start}
