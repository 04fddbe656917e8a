"""Daily reminders: what is due soon, sent once each (in the app and by e-mail)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from metodset.accounts.models import Role, User
from metodset.associations.models import Association, HeadAppointment
from metodset.core.dates import SchoolYear
from metodset.core.models import Notification
from metodset.core.notifications import notify
from metodset.regulations.checks import check_many
from metodset.regulations.links import fix_link_for

# How long before its end a head's term is reminded when the regulation sets no
# `warn_days` (or has no term rule at all: the term is in the order all the same).
TERM_DAYS = 60
# The kind of notification they are (extensions.NOTIFICATION_KINDS).
COMPLIANCE = "compliance"


def _warn_days(verdicts) -> int:
    """The warn period of the association's term rule, or TERM_DAYS without one."""
    for verdict in verdicts:
        if verdict.rule.kind == "head_term_max":
            return int(verdict.rule.params.get("warn_days", TERM_DAYS))
    return TERM_DAYS


def _term_text(association: Association, appointment: HeadAppointment, today: dt.date) -> str:
    days = (appointment.ends_on - today).days
    return ngettext(
        "%(association)s: the term of the head %(name)s ends on %(end)s, in %(days)s day",
        "%(association)s: the term of the head %(name)s ends on %(end)s, in %(days)s days",
        days,
    ) % {
        "association": association,
        "name": appointment.teacher.short_name,
        "end": f"{appointment.ends_on:%d.%m.%Y}",
        "days": days,
    }


def reminders_compute(today: dt.date | None = None) -> list[Notification]:
    """Create the notifications due today (each e-mailed once); returns the new ones.

    The methodists of the municipality and the association's head are told about a head's
    term ending within the warn period (whether or not the regulation limits the term), and
    about every rule of the regulation in force whose verdict its kind reminds on (`remind_on`).
    Each reminder once."""
    today = today or timezone.localdate()
    year = SchoolYear.of(today)
    created: list[Notification] = []
    associations = list(Association.objects.active().select_related("municipality"))
    verdicts = check_many(associations, year, today)
    methodists: dict[int, list[User]] = {}
    for user in User.objects.filter(role=Role.METHODIST, is_active=True):
        methodists.setdefault(user.municipality_id, []).append(user)
    appointments = {
        a.association_id: a
        for a in HeadAppointment.objects.on(today).select_related("teacher__user")
    }

    def send(association, recipients, key, text, fix_url):
        for user in recipients:
            link = fix_link_for(user, fix_url) or association.get_absolute_url()
            notification = notify(user=user, kind=COMPLIANCE, key=key, text=text, url=link)
            if notification:
                created.append(notification)

    for association in associations:
        recipients = list(methodists.get(association.municipality_id, []))
        appointment = appointments.get(association.pk)
        if appointment and appointment.teacher.user_id and appointment.teacher.user.is_active:
            recipients.append(appointment.teacher.user)
        mine = verdicts[association.pk]
        if appointment is not None:
            days_left = (appointment.ends_on - today).days
            if 0 <= days_left <= _warn_days(mine):
                send(
                    association,
                    recipients,
                    f"head_term:{appointment.pk}:{appointment.ends_on:%Y%m%d}",
                    _term_text(association, appointment, today),
                    reverse("associations:head_appoint", args=[association.pk]),
                )
        for verdict in mine:
            kind = verdict.rule.kind
            if kind == "head_term_max":
                continue  # reminded above, from the appointment itself
            if verdict.result.status not in verdict.rule.definition.remind_on:
                continue
            send(
                association,
                recipients,
                f"{kind}:{association.pk}:{year.start_year}",
                f"{association}: {verdict.result.message}",
                verdict.result.fix_url,
            )
    return created
