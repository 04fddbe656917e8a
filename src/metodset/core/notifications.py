"""The notification centre: any app tells a user something through `notify`.

A notification shows in the bell of the top bar and on the list page, and is e-mailed once
(a task queued when the transaction commits). Its `key` makes it be sent once: a reminder
computed every day with the same key is not repeated.
"""

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from metodset.core.models import Notification
from metodset.core.roles import RoleHolder


def notify(*, user, text: str, url: str = "", key: str, email: bool = True) -> Notification | None:
    """Create the notification `key` for `user` unless it was sent before; None if it was."""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user, key=key[:200], text=text[:500], link=url[:300]
            )
    except IntegrityError:  # sent before: each notification once
        return None
    if email and user.email:
        from metodset.core.tasks import notification_email

        transaction.on_commit(lambda: notification_email.enqueue(notification.pk))
    return notification


def notification_list(*, user: RoleHolder, limit: int = 100) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)[:limit]


def unread_count(*, user: RoleHolder) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_read(*, user: RoleHolder) -> int:
    """Mark all the user's notifications as read."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
