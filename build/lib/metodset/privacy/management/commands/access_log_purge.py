from django.conf import settings
from django.core.management.base import BaseCommand

from metodset.privacy.services import access_log_purge


class Command(BaseCommand):
    help = (
        "Delete personal data access log entries older than PD_ACCESS_LOG_DAYS days "
        "(365 by default). Run daily (docs/personal-data.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of PD_ACCESS_LOG_DAYS.",
        )

    def handle(self, *args, days: int | None = None, **options):
        days = settings.METODSET_PD_ACCESS_LOG_DAYS if days is None else days
        deleted = access_log_purge(days=days)
        self.stdout.write(f"deleted: {deleted} entries older than {days} days")
