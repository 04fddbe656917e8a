from django.core.management.base import BaseCommand, CommandError

from metodset.regulations.documents import dump
from metodset.regulations.models import RegulationVersion


class Command(BaseCommand):
    help = "Print a regulation version as YAML (the latest version by default)."

    def add_arguments(self, parser):
        parser.add_argument("regulation_id", type=int)
        parser.add_argument("--version", type=int)

    def handle(self, *args, regulation_id: int, version: int | None, **options):
        versions = RegulationVersion.objects.filter(regulation_id=regulation_id).select_related(
            "regulation", "order"
        )
        chosen = (
            versions.filter(number=version).first()
            if version
            else versions.order_by("-number").first()
        )
        if chosen is None:
            raise CommandError("No such regulation version")
        self.stdout.write(dump(chosen))
