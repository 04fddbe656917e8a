from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from metodset.core.models import Municipality
from metodset.regulations.services import regulation_import


class Command(BaseCommand):
    help = "Load a regulation from a YAML file (a new version if its title exists)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--municipality", required=True, help="municipality slug")

    def handle(self, *args, file: Path, municipality: str, **options):
        place = Municipality.objects.filter(slug=municipality).first()
        if place is None:
            raise CommandError(f"No municipality with slug {municipality!r}")
        try:
            version = regulation_import(user=None, municipality=place, text=file.read_text())
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(f"{version} ({len(version.rules)} rules)")
