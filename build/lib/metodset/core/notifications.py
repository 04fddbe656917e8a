"""The notification centre: any app tells a user something through `notify`.

A notification shows in the bell of the top bar and on the list page, and is e-mailed once
(a task queued when the transaction commits). Its `key` makes it be sent once: a reminder
computed every day with the same key is not repeated.

Each notification has a kind. The kinds are data: every app declares its own in
`<app>/extensions.py` as NOTIFICATION_KINDS (core/extensions.py), and each user chooses per
kind whether it shows in the app, comes by e-mail, both or neither (the preferences page);
without a choice the kind's defaults apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from metodset.core.extensions import Registry, keyed
from metodset.core.models import Notification, NotificationPreference
from metodset.core.roles import RoleHolder


@dataclass(frozen=True)
class NotificationKind:
    """A kind of notification a user may choose to receive in the app and/or by e-mail."""

    code: str
    label: str | Promise
    in_app: bool = True
    email: bool = True


GENERAL = NotificationKind("general", _("Other notifications"))


def _load() -> dict[str, NotificationKind]:
    return {GENERAL.code: GENERAL} | keyed("NOTIFICATION_KINDS", attrgetter("code"))


KINDS: Registry = Registry(_load)


def channels(user, kind: str) -> tuple[bool, bool]:
    """(in the app, by e-mail) for `kind`: the user's choice, else the kind's defaults."""
    definition = KINDS[kind]
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    if preference is None:
        return definition.in_app, definition.email
    return preference.in_app, preference.email


def notify(
    *, user, text: str, url: str = "", key: str, kind: str = GENERAL.code, email: bool = True
) -> Notification | None:
    """Create the notification `key` for `user` unless it was sent before; None if it was.

    It shows in the app and goes by e-mail as the user chose for `kind`; `email=False`
    keeps it out of the mail whatever the choice. A kind nobody declared is a programming
    error (KeyError), not a silent drop."""
    in_app, by_mail = channels(user, kind)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user, key=key[:200], kind=kind, text=text[:500], link=url[:300], in_app=in_app
            )
    except IntegrityError:  # sent before: each notification once
        return None
    if email and by_mail and user.email:
        from metodset.core.tasks import notification_email

        transaction.on_commit(lambda: notification_email.enqueue(notification.pk))
    return notification


def notification_list(*, user: RoleHolder, limit: int = 100) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, in_app=True)[:limit]


def unread_count(*, user: RoleHolder) -> int:
    return Notification.objects.filter(user=user, in_app=True, read_at__isnull=True).count()


def notifications_read(*, user: RoleHolder) -> int:
    """Mark all the user's notifications as read."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_read(*, user: RoleHolder, pk: int) -> Notification | None:
    """Mark one of the user's own notifications as read; None if he has no such one."""
    notification = Notification.objects.filter(user=user, pk=pk).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def preferences(*, user) -> list[tuple[NotificationKind, bool, bool]]:
    """Every kind with the user's (in the app, by e-mail), in one query."""
    chosen = {p.kind: (p.in_app, p.email) for p in NotificationPreference.objects.filter(user=user)}
    return [
        (kind, *chosen.get(code, (kind.in_app, kind.email)))
        for code, kind in sorted(KINDS.items(), key=lambda item: str(item[1].label))
    ]


@transaction.atomic
def preferences_save(*, user, choices: dict[str, tuple[bool, bool]]) -> int:
    """Store the user's (in the app, by e-mail) per kind code; unknown codes are ignored.

    Only the user himself calls it, with his own account. Returns the number of kinds."""
    saved = 0
    for code, (in_app, email) in choices.items():
        if code not in KINDS:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=code, defaults={"in_app": in_app, "email": email}
        )
        saved += 1
    return saved
