"""The association passport on the public portal (Rubtsovsk 000 §1.6, §5.10).

The passport page is generated from the association's data; what is recorded here is
only whether it is published, since when and by whom. Unpublishing clears the date, and
django-simple-history keeps every publication and withdrawal with its author.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.models import actor_field
from metodset.core.scoping import scoped_queryset


class PassportQuerySet(scoped_queryset("association__municipality")):
    def published(self):
        return self.filter(published_at__isnull=False)


class Passport(models.Model):
    """Whether the public passport of one association is published."""

    association = models.OneToOneField(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="passport",
        verbose_name=_("association"),
    )
    # Written by the services only; not editable=False so that the history diffs them.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = actor_field(_("published by"))
    history = HistoricalRecords()

    objects = PassportQuerySet.as_manager()

    class Meta:
        verbose_name = _("association passport")
        verbose_name_plural = _("association passports")

    def __str__(self) -> str:
        return str(_("Passport: %(association)s") % {"association": self.association})

    def get_absolute_url(self) -> str:
        association = self.association
        return reverse("portal:passport", args=[association.municipality.slug, association.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
