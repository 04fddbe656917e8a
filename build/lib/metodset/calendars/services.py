"""Writes of the calendar app: the feeds' secret addresses."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from metodset.associations.models import Association
from metodset.calendars.models import CalendarFeed, new_token
from metodset.core.access import require_perm
from metodset.core.models import Municipality
from metodset.core.services import model_create, with_history_user


def feed_get_or_create(
    *, municipality: Municipality, association: Association | None = None
) -> CalendarFeed:
    """The feed of the municipality (or of one of its associations), made on first use.

    Two first visits at once may both try to make it: the unique constraint lets one win
    and the other reads the winner's row.
    """
    if association is not None:
        municipality = association.municipality
    found = CalendarFeed.objects.filter(municipality=municipality, association=association)
    feed = found.first()
    if feed is None:
        try:
            with transaction.atomic():
                feed = model_create(
                    CalendarFeed, user=None, municipality=municipality, association=association
                )
        except (IntegrityError, ValidationError):
            feed = found.get()
    return feed


@transaction.atomic
def feed_token_regenerate(*, user, feed: CalendarFeed) -> CalendarFeed:
    """Give the feed a new secret address: the old one answers 404 from now on."""
    require_perm(user, "calendars.regenerate_feed", feed)
    feed.token = new_token()
    feed.full_clean()
    with_history_user(feed, user)
    feed.save(update_fields=["token", "updated_at"])
    return feed
