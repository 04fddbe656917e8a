from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from metodset.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write the database, the private files and MEDIA_ROOT with a manifest of versions and "
        "checksums into one archive (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            default=None,
            help="The archive to write (DATA_DIR/backups/metodset-<date>-<time>.tar by default).",
        )
        parser.add_argument(
            "--db-format",
            choices=["native", "django"],
            default="native",
            help=(
                "native: pg_dump (PostgreSQL) or SQLite's backup API; django: a portable "
                "Django-level dump, also used when pg_dump is not installed."
            ),
        )

    def handle(self, *args, output=None, db_format="native", **options):
        try:
            result = backup_create(output, db_format=db_format)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Backup written: %(path)s (%(size)s bytes; database: %(method)s; files: %(files)s)")
            % {
                "path": result.path,
                "size": result.size,
                "method": result.method,
                "files": result.files,
            }
        )
