from metodset.calendars.models import CalendarFeed
from metodset.core.access import get_for_user
from metodset.core.models import Municipality


def get_feed_for_user(user, pk: int, *, perm: str | None = None) -> CalendarFeed:
    """The feed if the user may see its calendar (else 404) and, given `perm`, holds it."""
    return get_for_user(
        CalendarFeed.objects.select_related("municipality", "association"), user, pk, perm=perm
    )


def get_municipality_for_user(user, pk: int | None) -> Municipality | None:
    """The municipality whose calendar to show: `pk` if in scope (else 404), by default the
    user's own or, for a coordinator or an administrator, the first one he oversees."""
    municipalities = Municipality.objects.for_user(user)
    if pk is not None:
        return get_for_user(Municipality.objects, user, pk)
    if user.municipality_id:
        return municipalities.filter(pk=user.municipality_id).first()
    return municipalities.first()
