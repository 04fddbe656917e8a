from django.core.management.base import BaseCommand
from django.db import transaction

from metodset.regulations import reminders
from metodset.regulations.tasks import notification_email


class Command(BaseCommand):
    help = "Compute today's reminders (each once) and queue their e-mails. Run daily."

    def handle(self, *args, **options):
        created = reminders.reminders_compute()
        for notification in created:
            transaction.on_commit(lambda pk=notification.pk: notification_email.enqueue(pk))
        self.stdout.write(f"{len(created)} new reminders")
