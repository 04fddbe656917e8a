from django.core.management.base import BaseCommand

from metodset.documents.builtin import write_all


class Command(BaseCommand):
    help = "Write the built-in DOCX templates of the documents app (committed in the repo)."

    def handle(self, *args, **options):
        for path in write_all():
            self.stdout.write(str(path))
