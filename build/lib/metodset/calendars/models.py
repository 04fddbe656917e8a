"""Calendar feeds: the secret address a calendar app subscribes to.

Calendar apps cannot log in, so a feed is reached by an unguessable token instead of a
session. There is one feed per municipality (association empty) and one per association;
the methodist or the head regenerates the token when the address has leaked, and the old
address stops working at once.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.models import MunicipalityOwned


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(MunicipalityOwned):
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association"),
        help_text=_("Empty: the feed of the whole municipality."),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    # The history says who regenerated the address and when, never the secret itself.
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(association__isnull=True),
                name="uniq_calendar_feed_municipality",
            ),
            models.UniqueConstraint(fields=["association"], name="uniq_calendar_feed_association"),
        ]

    def __str__(self) -> str:
        return str(self.association or self.municipality)
