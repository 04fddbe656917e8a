from django.core.management.base import BaseCommand

from metodset.regulations import reminders


class Command(BaseCommand):
    help = "Compute today's reminders (each once) and queue their e-mails. Run daily."

    def handle(self, *args, **options):
        created = reminders.reminders_compute()
        self.stdout.write(f"{len(created)} new reminders")
