from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.models import MunicipalityOwned


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
        return reverse("orgs:detail", args=[self.pk])

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
