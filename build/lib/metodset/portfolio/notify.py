"""Notifications of the portfolio (handed in, reviewed, a reminder): in the app and by e-mail."""

from __future__ import annotations

from collections.abc import Iterable

from metodset.core import notifications


def notify(users: Iterable, *, kind: str, key: str, text: str, link: str) -> list:
    """One notification per user (once per `key`), each e-mailed once after the commit
    (as each user chose for `kind`, extensions.NOTIFICATION_KINDS)."""
    created = [
        n
        for user in users
        if (n := notifications.notify(user=user, kind=kind, key=key, text=text, url=link))
    ]
    return created


def methodists_of(municipality_id: int) -> list:
    from metodset.accounts.models import Role, User

    return list(
        User.objects.filter(role=Role.METHODIST, municipality_id=municipality_id, is_active=True)
    )


def heads_of(association, on) -> list:
    from metodset.associations.models import HeadAppointment

    return [
        a.teacher.user
        for a in HeadAppointment.objects.on(on)
        .filter(association=association, teacher__user__is_active=True)
        .select_related("teacher__user")
    ]
