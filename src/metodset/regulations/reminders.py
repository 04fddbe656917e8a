"""Daily reminders: what is due soon, sent once each (in the app and by e-mail)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.accounts.models import Role, User
from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.regulations.checks import check_many
from metodset.regulations.models import Notification

TERM_DAYS = 60


def _notify(user: User, key: str, text: str, link: str) -> Notification | None:
    try:
        with transaction.atomic():
            return Notification.objects.create(user=user, key=key, text=text, link=link)
    except IntegrityError:  # sent before: each reminder once
        return None


def reminders_compute(today: dt.date | None = None) -> list[Notification]:
    """Create the notifications due today; returns the new ones (to be e-mailed)."""
    today = today or timezone.localdate()
    year = SchoolYear.of(today)
    created: list[Notification] = []
    associations = list(Association.objects.active().select_related("municipality"))
    verdicts = check_many(associations, year, today)
    methodists: dict[int, list[User]] = {}
    for user in User.objects.filter(role=Role.METHODIST, is_active=True):
        methodists.setdefault(user.municipality_id, []).append(user)
    from metodset.associations.models import HeadAppointment

    heads = {
        a.association_id: a.teacher.user
        for a in HeadAppointment.objects.on(today).select_related("teacher__user")
        if a.teacher.user_id
    }
    for association in associations:
        link = association.get_absolute_url()
        recipients = list(methodists.get(association.municipality_id, []))
        if association.pk in heads:
            recipients.append(heads[association.pk])
        for verdict in verdicts[association.pk]:
            kind = verdict.rule.kind
            if verdict.result.status not in verdict.rule.definition.remind_on:
                continue
            key = f"{kind}:{association.pk}:{year.start_year}"
            text = f"{association}: {verdict.result.message}"
            for user in recipients:
                notification = _notify(user, key, text[:500], verdict.result.fix_url or link)
                if notification:
                    created.append(notification)
    return created


def notifications_link() -> str:
    return reverse("regulations:notifications")


def subject() -> str:
    return _("Metodset: a reminder")
