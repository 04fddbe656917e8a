"""Benchmark: Russian full-text search over 100,000 materials on PostgreSQL.

Target (issue 15): a search answers in under 100 ms — the count, the page of 20 and its
highlighted snippets, as the bank page runs them (library.search.search): broad queries
(over search.COUNT_CAP matches, «более 1000») in the browsing order, narrow ones ranked.

The data set is generated once into its own database (`metodset_bench_library`, created when
missing) and reused by the next runs; `--regenerate` builds it again. Usage:
`DEBUG=1 .venv/bin/python bench/library_search.py [--materials 100000]`. Exits 1 when the
target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/metodset_bench_library"
SLUG = "bench-library"
TARGET = 0.100  # seconds
WORDS = [
    "объединение",
    "методическое",
    "урок",
    "программа",
    "наставничество",
    "оценивание",
    "грамотность",
    "чтение",
    "проект",
    "исследование",
    "диагностика",
    "дефицит",
    "компетенция",
    "семинар",
    "конференция",
    "олимпиада",
    "родители",
    "воспитание",
    "математика",
    "история",
    "литература",
    "физика",
    "химия",
    "биология",
    "география",
    "информатика",
    "музыка",
    "технология",
    "ученик",
    "педагог",
    "школа",
    "класс",
    "результат",
    "условие",
    "опыт",
]
QUERIES = [
    "объединения",
    "наставничеству",
    "грамотности чтения",
    "результатов опыта",
    "проекта исследования",
    "олимпиадам по математике",
    # Narrow (under search.COUNT_CAP matches): every match ranked.
    "наставничество педагогов на уроках математики",
    "олимпиада по химии, биологии и физике",
]


def setup() -> None:
    from indicators import ensure_database

    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "metodset.settings")
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("The search benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…")
    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(count: int, regenerate: bool) -> None:
    from metodset.core.models import Municipality, Region
    from metodset.library import search
    from metodset.library.models import EntryKind, MaterialKind, SearchEntry

    region, _ = Region.objects.get_or_create(name="Бенчмарк")
    place, _ = Municipality.objects.get_or_create(
        slug=SLUG, defaults={"region": region, "name": "Бенчмарк", "authority_name": "Управление"}
    )
    existing = SearchEntry.objects.filter(municipality=place)
    if regenerate:
        existing.delete()
    if existing.count() >= count:
        return
    rng = random.Random(15)
    kinds = [k for k in MaterialKind.values if k != MaterialKind.PRACTICE]
    rows = []
    start = time.perf_counter()
    for n in range(count):
        title = " ".join(rng.sample(WORDS, 5)).capitalize()
        # Topical words are a few of each text, the rest is varied vocabulary.
        body = " ".join(
            [*rng.sample(WORDS, 4), *(f"термин{rng.randint(1, 5000)}" for _ in range(50))]
        )
        rows.append(
            SearchEntry(
                municipality=place,
                entry_kind=EntryKind.MATERIAL,
                object_id=n + 1,
                title=title,
                body=body,
                url=f"/library/materials/{n + 1}/",
                access="municipality",
                kind=rng.choice(kinds),
                school_year=rng.choice([2023, 2024, 2025]),
                stems=search.stem_line(title, body),
            )
        )
        if len(rows) == 5000:
            SearchEntry.objects.bulk_create(rows)
            rows = []
    SearchEntry.objects.bulk_create(rows)
    search.refresh_vectors(SearchEntry.objects.filter(municipality=place))

    print(f"generated {count} entries in {time.perf_counter() - start:.1f} s")


def run(repeat: int) -> bool:
    from django.db import connection

    from metodset.core.models import Municipality
    from metodset.library import search
    from metodset.library.models import SearchEntry

    # The steady state autovacuum keeps: no dead rows left by the generation or a migration.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE library_searchentry")
    place = Municipality.objects.get(slug=SLUG)
    entries = SearchEntry.objects.filter(municipality=place)
    ok = True
    for query in QUERIES:
        search.search(entries, query)  # warm up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = search.search(entries, query)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        ok &= median < TARGET
        print(
            f"{query!r:48} {'>' if result.capped else ' '}{result.total:>5} found"
            f"  median {median * 1000:6.1f} ms  {'ok' if median < TARGET else 'SLOW'}"
        )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--materials", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    setup()
    generate(args.materials, args.regenerate)
    sys.exit(0 if run(args.repeat) else 1)


if __name__ == "__main__":
    main()
