"""What the events app tells people (core.notifications): a teacher on the waiting list,
when a seat is freed for him."""

from __future__ import annotations

from django.utils.translation import gettext as _

from metodset.core.notifications import notify
from metodset.events.models import Participation

WAITLIST_SEAT = "waitlist_seat"


def seat_given(participation: Participation) -> None:
    user = participation.teacher.user
    if user is None or not user.is_active:
        return
    event = participation.event
    notify(
        user=user,
        kind=WAITLIST_SEAT,
        key=f"{WAITLIST_SEAT}:{participation.pk}:{participation.registered_at:%Y%m%d%H%M%S}",
        text=_("A seat is free for you at «%(event)s» on %(date)s: you are registered")
        % {"event": event.title, "date": f"{event.starts_at:%d.%m.%Y}"},
        url=event.get_absolute_url(),
    )
