from django.core.management.base import BaseCommand, CommandError

from metodset.regulations.models import RegulationVersion
from metodset.regulations.yaml_schema import dump


class Command(BaseCommand):
    help = "Print a regulation version as YAML (the latest version by default)."

    def add_arguments(self, parser):
        parser.add_argument("regulation_id", type=int)
        # Not --version: Django's own option of every command prints Django's version.
        parser.add_argument("--number", type=int, help="the version number (default: latest)")

    def handle(self, *args, regulation_id: int, number: int | None, **options):
        version = number
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
