from django.core.management.base import BaseCommand

from metodset.regulations.services import presets_load


class Command(BaseCommand):
    help = "Load the regulation presets of the seed municipalities that have none yet."

    def handle(self, *args, **options):
        versions = presets_load()
        for version in versions:
            self.stdout.write(
                f"{version.regulation.municipality}: {version} ({len(version.rules)})"
            )
