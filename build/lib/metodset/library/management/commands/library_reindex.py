from django.core.management.base import BaseCommand

from metodset.library.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index of the bank, plans and events."

    def handle(self, *args, **options):
        count = reindex_all()
        self.stdout.write(f"{count} entries indexed.")
