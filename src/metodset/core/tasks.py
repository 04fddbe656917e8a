from django.core.mail import send_mail
from django.tasks import task
from django.utils.translation import gettext as _

from metodset.core.models import Notification


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
