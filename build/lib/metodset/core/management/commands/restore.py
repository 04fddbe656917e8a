from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from metodset.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore the database and the files from an archive of `metodset backup`, after "
        "checking every checksum (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive written by `metodset backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds data.",
        )

    def handle(self, *args, archive: Path, force: bool = False, **options):
        try:
            result = backup_restore(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored: database (%(method)s) and %(files)s files.")
            % {"method": result.method, "files": result.files}
        )
        for folder in result.moved_aside:
            self.stdout.write(
                _("The previous files were moved to %s; delete them once you have checked.")
                % folder
            )
        if result.pending_migrations:
            self.stdout.write(
                _("The archive is from an earlier version: run `metodset migrate` now.")
            )
