"""What the meetings app tells people (core.notifications): whoever signs the minutes,
once the meeting has taken place and nothing keeps its minutes from being signed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from metodset.associations.models import HeadAppointment
from metodset.core.notifications import notify
from metodset.meetings.models import Meeting

MINUTES_TO_SIGN = "minutes_to_sign"


def minutes_ready(meeting: Meeting) -> None:
    """Tell the head that the minutes wait for his signature (once per meeting)."""
    from metodset.meetings.services import minutes_problems

    if meeting.is_signed or meeting.association_id is None or minutes_problems(meeting):
        return
    heads = (
        HeadAppointment.objects.current()
        .filter(association_id=meeting.association_id, teacher__user__is_active=True)
        .select_related("teacher__user")
    )
    text = _("The minutes of the meeting of %(date)s are ready: sign them") % {
        "date": f"{meeting.date:%d.%m.%Y}"
    }
    for appointment in heads:
        notify(
            user=appointment.teacher.user,
            kind=MINUTES_TO_SIGN,
            key=f"{MINUTES_TO_SIGN}:{meeting.pk}",
            text=f"{meeting.association}: {text}",
            url=meeting.get_absolute_url(),
        )
