from django.core.mail import send_mail
from django.tasks import task

from metodset.regulations import reminders
from metodset.regulations.models import Notification


@task
def notification_email(notification_id: int) -> None:
    notification = Notification.objects.select_related("user").get(pk=notification_id)
    if notification.emailed:
        return
    send_mail(reminders.subject(), notification.text, None, [notification.user.email])
    Notification.objects.filter(pk=notification.pk).update(emailed=True)


@task
def reminders_daily() -> int:
    created = reminders.reminders_compute()
    for notification in created:
        notification_email.enqueue(notification.pk)
    return len(created)
