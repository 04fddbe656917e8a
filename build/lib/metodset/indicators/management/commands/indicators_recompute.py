from django.core.management.base import BaseCommand

from metodset.indicators.tasks import indicators_nightly, indicators_recompute


class Command(BaseCommand):
    help = (
        "Recompute every indicator of every municipality and region for the current and "
        "previous school year and warm the cache. Run nightly (docs/indicators.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the job for the task worker instead of running it here.",
        )

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            result = indicators_nightly.enqueue()
            self.stdout.write(f"queued: {result.id}")
            return
        done = indicators_recompute()
        self.stdout.write(
            f"recomputed: {done['municipalities']} municipalities, {done['regions']} regions"
        )
