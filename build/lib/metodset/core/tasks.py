from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.core.models import Heartbeat, Notification


@task
def notification_email(notification_id: int) -> None:
    from metodset.core.notifications import KINDS

    notification = Notification.objects.select_related("user").get(pk=notification_id)
    if notification.emailed:
        return
    kind = KINDS.get(notification.kind)
    subject = _("Metodset: %(kind)s") % {"kind": kind.label} if kind else _("Metodset: a reminder")
    send_mail(subject, notification.text, None, [notification.user.email])
    Notification.objects.filter(pk=notification.pk).update(emailed=True)


# Ahead of any queued import: the heartbeat says the worker takes tasks, not that it is idle.
@task(priority=100)
def worker_heartbeat() -> None:
    """Record that the task worker runs (enqueued by /healthz, read by core.health)."""
    Heartbeat.objects.update_or_create(name="worker", defaults={"seen_at": timezone.now()})
