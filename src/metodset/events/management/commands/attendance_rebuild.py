from django.core.management.base import BaseCommand

from metodset.events.attendance import attendance_rebuild


class Command(BaseCommand):
    help = (
        "Count the attendance summary (events attended per teacher, school year and "
        "association) again from the participations. Idempotent; the nightly indicators job "
        "runs it too (docs/performance.md, «Indicators»)."
    )

    def handle(self, *args, **options):
        rows = attendance_rebuild()
        self.stdout.write(f"attendance summary: {rows} rows")
