"""Benchmark: every indicator of a municipality of 30,000 teachers and 1,000,000 participations.

Targets (issue 19): all indicators of one municipality for one school year compute in under
0.5 s on PostgreSQL, those of its 200 associations in under 1 s, the dashboard page renders
from a cold cache in under 2 s and from the cache in under 100 ms. The region target (60
municipalities, 100,000 teachers, under 1 s) is measured on `make bench-data`'s database.

The data set is generated once into its own database (`metodset_bench`, created when
missing) and reused by the next runs. Usage: `make bench` or
`DEBUG=1 .venv/bin/python bench/indicators.py [--teachers 30000 --participations 1000000]`.
`--regenerate` drops the generated municipality and builds it again. Exits 1 when a
target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/metodset_bench"
SLUG = "bench-indicators"
MUNICIPALITY_TARGET = 0.5  # seconds
ASSOCIATIONS_TARGET = 1.0
REGION_TARGET = 1.0
COLD_PAGE_TARGET = 2.0
PAGE_TARGET = 0.100


def ensure_database(url: str) -> None:
    """Create the benchmark database if it does not exist yet."""
    import psycopg
    from psycopg import sql

    head, name = url.rsplit("/", 1)
    with psycopg.connect(f"{head}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def setup() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "metodset.settings")
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("The indicators benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…")
    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(label: str, func, rows: list, target: float | None = None, repeat: int = 1):
    samples = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        samples.append(time.perf_counter() - start)
    seconds = statistics.median(samples)
    rows.append((label, seconds, target))
    return result


def generate(teachers: int, participations: int):
    """Bulk-generate the data set; participations by one INSERT … SELECT (no Python rows)."""
    from django.db import connection, transaction
    from scale import (
        organisations_create,
        participations_insert,
        regulation_ensure,
        teachers_create,
    )

    from metodset.accounts.models import Role, User
    from metodset.associations.models import Association, Membership
    from metodset.core.models import Municipality, Region
    from metodset.events.models import Event
    from metodset.growth.models import (
        Diagnostic,
        Mentoring,
        PDCourse,
        Practice,
        Publication,
        RegionalMethodistStatus,
        Route,
    )
    from metodset.indicators.models import ExpertAssessment

    rnd = random.Random(7)
    start = time.perf_counter()
    with transaction.atomic():
        region, _ = Region.objects.get_or_create(name="Бенчмарк-край")
        municipality = Municipality.objects.create(
            region=region, slug=SLUG, name="г. Бенчмарк", authority_name="Управление образования"
        )
        user = User.objects.create_user(
            f"{SLUG}@example.ru",
            "x",
            role=Role.METHODIST,
            municipality=municipality,
            last_name="Методистова",
            first_name="Анна",
        )
        regulation_ensure(municipality)
        orgs = organisations_create(municipality, 120)
        people = teachers_create(municipality, orgs, teachers, rnd)
        associations = Association.objects.bulk_create(
            Association(
                municipality=municipality,
                kind="mmo",
                name=f"ММО учителей № {n}",
                area=f"предмет {n}",
                founded_on=dt.date(2015, 9, 1),
            )
            for n in range(1, 201)
        )
        Membership.objects.bulk_create(
            (
                Membership(
                    association=associations[(n + k * 57) % len(associations)],
                    teacher=t,
                    joined_on=dt.date(2019, 9, 1),
                )
                for n, t in enumerate(people)
                for k in range(1 + n % 2)
            ),
            batch_size=10000,
        )
        Event.objects.bulk_create(
            (
                Event(
                    municipality=municipality,
                    association=associations[n % len(associations)] if n % 5 else None,
                    form="seminar",
                    title=f"Семинар {n}",
                    starts_at=dt.datetime(2024 + n % 2, 9, 2, 10, tzinfo=dt.UTC)
                    + dt.timedelta(days=n % 360),
                    ends_at=dt.datetime(2024 + n % 2, 9, 2, 12, tzinfo=dt.UTC)
                    + dt.timedelta(days=n % 360),
                )
                for n in range(6000)
            ),
            batch_size=5000,
        )
        with connection.cursor() as cursor:
            participations_insert(cursor, municipality.pk, participations)
        day = dt.date(2024, 9, 1)
        Diagnostic.objects.bulk_create(
            Diagnostic(
                teacher=t, date=day + dt.timedelta(days=n % 700), instrument="ЕФОМ", result="ok"
            )
            for n, t in enumerate(people)
            if n % 2
        )
        PDCourse.objects.bulk_create(
            (
                PDCourse(
                    teacher=t,
                    program="Функциональная грамотность",
                    provider="ИРО",
                    hours=36,
                    starts_on=day + dt.timedelta(days=n % 700),
                    ends_on=day + dt.timedelta(days=n % 700 + 10),
                    in_federal_registry=bool(n % 3),
                    after_diagnostics=bool(n % 4),
                )
                for n, t in enumerate(people)
                if n % 3 != 2
            ),
            batch_size=10000,
        )
        Route.objects.bulk_create(
            Route(
                teacher=t,
                school_year=2024 + n % 2,
                title="ИОМ",
                status="completed" if n % 3 == 0 else "active",
                completed_on=dt.date(2025 + n % 2, 5, 20) if n % 3 == 0 else None,
            )
            for n, t in enumerate(people)
            if n % 4 == 0
        )
        Mentoring.objects.bulk_create(
            Mentoring(teacher=t, mentor=people[n - 1], starts_on=day)
            for n, t in enumerate(people)
            if n % 15 == 1
        )
        RegionalMethodistStatus.objects.bulk_create(
            RegionalMethodistStatus(teacher=t, starts_on=dt.date(2023, 1, 1))
            for n, t in enumerate(people)
            if n % 120 == 0
        )
        Practice.objects.bulk_create(
            Practice(teacher=t, title="Опыт", accepted_on=day + dt.timedelta(days=n % 700))
            for n, t in enumerate(people)
            if n % 10 == 0
        )
        Publication.objects.bulk_create(
            Publication(
                teacher=t,
                title="Статья",
                venue="сайт",
                published_on=day + dt.timedelta(days=n % 700),
            )
            for n, t in enumerate(people)
            if n % 5 == 0
        )
        ExpertAssessment.objects.bulk_create(
            ExpertAssessment(
                municipality=municipality,
                association=a,
                code="roadmap",
                school_year=year,
                value=50 + (n * 7) % 50,
                author=user,
            )
            for n, a in enumerate(associations)
            for year in (2024, 2025)
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"generated in {time.perf_counter() - start:.0f} s")
    return municipality


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=30_000)
    parser.add_argument("--participations", type=int, default=1_000_000)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    setup()

    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from metodset.accounts.models import User
    from metodset.associations.models import Association
    from metodset.core.dates import SchoolYear
    from metodset.core.models import Municipality
    from metodset.events.models import Participation
    from metodset.indicators import compute
    from metodset.people.models import Teacher

    municipality = Municipality.objects.filter(slug=SLUG).first()
    if municipality is not None and args.regenerate:
        from django.db import connection

        with connection.cursor() as cursor:  # TRUNCATE: far faster than deleting 1M rows
            cursor.execute("TRUNCATE core_municipality, core_region CASCADE")
        municipality = None
    if municipality is None:
        municipality = generate(args.teachers, args.participations)
    from scale import regulation_ensure

    regulation_ensure(municipality)  # a data set generated before it had one
    from metodset.events.models import AttendanceSummary

    if not AttendanceSummary.objects.exists():  # generated before the summary existed
        from django.db import connection

        from metodset.events.attendance import attendance_rebuild

        print(f"attendance summary: {attendance_rebuild()} rows")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE events_attendancesummary")
    counts = {
        "teachers": Teacher.objects.filter(municipality=municipality).count(),
        "participations": Participation.objects.filter(event__municipality=municipality).count(),
    }
    print(", ".join(f"{v:,} {k}".replace(",", " ") for k, v in counts.items()))

    year = SchoolYear(2025)
    ids = list(
        Association.objects.filter(municipality=municipality).active().values_list("pk", flat=True)
    )
    rows: list = []

    def cold(func):
        def run():
            cache.clear()
            return func()

        return run

    timed(
        "municipality: all indicators, one school year",
        cold(lambda: compute.for_municipalities([municipality.pk], year)),
        rows,
        MUNICIPALITY_TARGET,
        repeat=3,
    )
    timed(
        f"associations: all indicators of {len(ids)} associations, one school year",
        cold(lambda: compute.for_associations(ids, year)),
        rows,
        ASSOCIATIONS_TARGET,
        repeat=3,
    )
    timed(
        "region (this data set: one municipality): all indicators, one school year",
        cold(lambda: compute.for_regions([municipality.region_id], year)),
        rows,
        None,  # the target is for 60 municipalities: bench/region_data.py's database
        repeat=3,
    )

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(email=f"{SLUG}@example.ru"))
    url = reverse("indicators:dashboard") + "?year=2025"
    timed(
        "dashboard page, cold cache (two school years)",
        cold(lambda: client.get(url)),
        rows,
        COLD_PAGE_TARGET,
        repeat=3,
    )
    response = timed(
        "dashboard page from the cache", lambda: client.get(url), rows, PAGE_TARGET, repeat=5
    )
    assert response.status_code == 200, response.status_code

    missed = False
    print(f"\n{'measure':<62} {'time':>10} {'target':>10}")
    for label, seconds, target in rows:
        over = target is not None and seconds > target
        missed |= over
        goal = f"< {target * 1000:.0f} ms" if target else ""
        print(f"{label:<62} {seconds * 1000:>7.0f} ms {goal:>10}{'  OVER' if over else ''}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
