from django.core.management.base import BaseCommand
from django.db import transaction

from metodset.imports.services import import_watchdog


class Command(BaseCommand):
    help = (
        "Take up imports whose task worker died (run once more, then fail with «Retry») and "
        "fail those no worker took for 30 minutes. Run every 5 minutes (docs/import.md)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            touched = import_watchdog()
        self.stdout.write(f"imports taken up or failed: {touched}")
