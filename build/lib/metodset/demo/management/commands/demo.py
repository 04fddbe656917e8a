"""`manage.py demo`: load the demo data set and print one login per role."""

import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from metodset.demo import data
from metodset.demo.generator import (
    MAX_TEACHERS,
    MIN_TEACHERS,
    DemoAccount,
    database_is_empty,
    demo_accounts,
    demo_counts,
    demo_is_loaded,
    demo_load,
)


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(headers), line("-" * w for w in widths), *(line(r) for r in rows)]


class Command(BaseCommand):
    help = (
        "Load the demo: five municipalities of the seed regulations with organisations, "
        "teachers, associations and orders, and one login per role. DEBUG only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into an empty database; otherwise just print the demo logins.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=data.DEFAULT_SEED,
            help=(
                "Random seed; the same seed gives the same demo on the same day, since its "
                f"dates count from today (default {data.DEFAULT_SEED})."
            ),
        )
        parser.add_argument(
            "--teachers",
            type=int,
            default=data.DEFAULT_TEACHERS,
            help=(
                "Teachers per municipality on average; small districts get fewer "
                f"(default {data.DEFAULT_TEACHERS}, {MIN_TEACHERS}–{MAX_TEACHERS})."
            ),
        )

    def handle(self, *args, if_empty=False, seed=data.DEFAULT_SEED, teachers=200, **options):
        if not settings.DEVELOPMENT:
            raise CommandError(
                _("The demo runs only with DEBUG on: all its accounts share a published password.")
            )
        if not MIN_TEACHERS <= teachers <= MAX_TEACHERS:
            raise CommandError(
                _("--teachers must be between %(min)s and %(max)s.")
                % {"min": MIN_TEACHERS, "max": MAX_TEACHERS}
            )
        if demo_is_loaded():
            if not if_empty:
                raise CommandError(
                    _(
                        "The demo is already loaded. Start from an empty database "
                        "(manage.py flush) or run with --if-empty to print the logins."
                    )
                )
            self.stdout.write(_("The demo is already loaded; nothing was changed."))
            self._print_accounts()
            return
        if if_empty and not database_is_empty():
            self.stdout.write(_("The database already holds data; the demo was not loaded."))
            return
        self.stdout.write(
            _("Loading the demo (seed %(seed)s, about %(teachers)s teachers per municipality)…")
            % {"seed": seed, "teachers": teachers}
        )
        started = time.perf_counter()
        try:
            demo_load(seed=seed, teachers=teachers)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                _("The demo is loaded in %(seconds)s s.")
                % {"seconds": number_format(seconds, decimal_pos=1)}
            )
        )
        counts = demo_counts()
        self.stdout.write("; ".join(f"{label}: {count}" for label, count in counts))
        self._print_accounts()

    def _print_accounts(self) -> None:
        accounts = demo_accounts()
        if not accounts:
            return
        headers = [
            pgettext("demo accounts", "Role"),
            pgettext("demo accounts", "Municipality or region"),
            pgettext("demo accounts", "Login (e-mail)"),
            pgettext("demo accounts", "Name"),
        ]
        first = _first_per_role(accounts)
        write = self.stdout.write
        write("")
        write(
            self.style.MIGRATE_HEADING(
                _("Demo logins — password for every account: %(password)s")
                % {"password": data.PASSWORD}
            )
        )
        write("")
        for line in _table(headers, [[a.role, a.scope, a.email, a.name] for a in first]):
            write(line)
        write("")
        write(self.style.MIGRATE_HEADING(_("All demo accounts")))
        rows = [[a.role, a.scope, a.email, a.name, a.note] for a in accounts]
        for line in _table([*headers, pgettext("demo accounts", "Association")], rows):
            write(line)
        write("")
        write(_("Demo data for a local DEBUG run only; never load it into a production database."))


def _first_per_role(accounts: list[DemoAccount]) -> list[DemoAccount]:
    seen, first = set(), []
    for account in accounts:
        if account.role not in seen:
            seen.add(account.role)
            first.append(account)
    return first
