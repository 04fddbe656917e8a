"""Benchmark: the risk list of a municipality of 1,000 schools with 5 years of results.

Target (issue 17): the list of one school year, with three criteria (share of «2» for two
years, biased results, a drop of the mean score), computes in under 1 s on PostgreSQL.

The data set (1,000 schools × 5 years × 12 papers = 60,000 results, and bias flags) is
generated once into its own database (`metodset_bench_schools`, created when missing) and
reused by the next runs. Usage:
`DEBUG=1 BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/risk_list.py [--schools 1000]`;
`--regenerate` builds it again. Exits 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/metodset_bench_schools"
SLUG = "bench-schools"
TARGET = 1.0  # seconds
YEARS = [2020, 2021, 2022, 2023, 2024]
PAPERS = [
    (procedure, grade, subject)
    for procedure, grade in (("vpr", 5), ("vpr", 7), ("oge", 9), ("ege", 11))
    for subject in ("Математика", "Русский язык", "Физика")
]


def setup() -> None:
    from indicators import ensure_database

    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "metodset.settings")
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("The risk list benchmark runs on PostgreSQL: set BENCH_DATABASE_URL=postgres://…")
    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(schools: int):
    from django.db import transaction

    from metodset.core.models import Municipality, Region
    from metodset.orgs.models import Organisation, OrganisationKind
    from metodset.people.models import Subject
    from metodset.schools.models import BiasFlag, CriterionKind, Result, RiskCriterion

    rnd = random.Random(17)
    start = time.perf_counter()
    with transaction.atomic():
        region, _ = Region.objects.get_or_create(name="Бенчмарк-край")
        municipality = Municipality.objects.create(
            region=region, slug=SLUG, name="г. Школьный", authority_name="Управление образования"
        )
        orgs = Organisation.objects.bulk_create(
            Organisation(
                municipality=municipality,
                kind=OrganisationKind.SCHOOL,
                name=f"МБОУ «СОШ № {n}»",
                short_name=f"СОШ № {n}",
            )
            for n in range(1, schools + 1)
        )
        subjects = {
            name: Subject.objects.get_or_create(name=name, municipality=None)[0]
            for name in {p[2] for p in PAPERS}
        }
        rows = []
        for org in orgs:
            weak = rnd.random() < 0.1
            level = {paper: rnd.uniform(12, 28) for paper in PAPERS}  # a school's usual score
            for year in YEARS:
                for paper in PAPERS:
                    procedure, grade, subject = paper
                    rows.append(
                        Result(
                            municipality=municipality,
                            organisation=org,
                            subject=subjects[subject],
                            grade=grade,
                            school_year=year,
                            procedure=procedure,
                            mean_score=Decimal(str(round(level[paper] + rnd.uniform(-3, 3), 2))),
                            fail_share=Decimal(
                                str(round(rnd.uniform(14, 30) if weak else rnd.uniform(0, 14), 2))
                            ),
                            top_share=Decimal(str(round(rnd.uniform(5, 40), 2))),
                            participants=rnd.randint(10, 90),
                        )
                    )
        Result.objects.bulk_create(rows, batch_size=5000)
        BiasFlag.objects.bulk_create(
            BiasFlag(municipality=municipality, organisation=org, school_year=year, procedure="vpr")
            for org in rnd.sample(orgs, max(1, schools // 20))
            for year in YEARS[-2:]
        )
        for name, kind, threshold, years in (
            ("Двойки", CriterionKind.FAIL_SHARE, Decimal(15), 2),
            ("Необъективность", CriterionKind.BIASED, None, 1),
            ("Снижение", CriterionKind.DROP, Decimal(5), 1),
        ):
            RiskCriterion.objects.create(
                municipality=municipality, name=name, kind=kind, threshold=threshold, years=years
            )
    print(
        f"generated {len(rows)} results of {schools} schools in {time.perf_counter() - start:.1f} s"
    )
    return municipality


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=1000)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    setup()
    from django.db import connection

    from metodset.core.models import Municipality
    from metodset.schools.selectors import risk_list

    municipality = Municipality.objects.filter(slug=SLUG).first()
    if municipality is not None and args.regenerate:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE core_municipality, core_region CASCADE")
        municipality = None
    if municipality is None:
        municipality = generate(args.schools)
    times = []
    entries: list = []
    for _n in range(5):
        start = time.perf_counter()
        entries = risk_list(municipality, YEARS[-1])
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(
        f"risk list of {YEARS[-1]}: {len(entries)} schools with reasons, "
        f"median {median * 1000:.0f} ms (best {min(times) * 1000:.0f} ms), target {TARGET:.0f} s"
    )
    sys.exit(0 if median < TARGET else 1)


if __name__ == "__main__":
    main()
