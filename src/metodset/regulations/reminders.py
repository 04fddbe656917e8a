"""Daily reminders: what is due soon, sent once each (in the app and by e-mail)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from metodset.accounts.models import Role, User
from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.core.models import Notification
from metodset.core.notifications import notify
from metodset.regulations.checks import check_many


def reminders_compute(today: dt.date | None = None) -> list[Notification]:
    """Create the notifications due today (each e-mailed once); returns the new ones."""
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
                notification = notify(
                    user=user, key=key, text=text, url=verdict.result.fix_url or link
                )
                if notification:
                    created.append(notification)
    return created
