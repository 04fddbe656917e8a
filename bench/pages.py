"""Benchmark: the product's pages against a bare-Django floor, in one process (issue #19).

Each page is one WSGI call through django.test.Client (every middleware, the session, the
templates); the floor is a tiny app (bench/floor/) that renders 50 teachers from one
select_related query through Django templates. For each page: the HTML size, the queries,
the CPU time of this process (time.process_time: Python, templates, the ORM; not the
database server's; median and minimum) and the wall time (with the database; median), over
--repeat calls after one warm-up call, and the ratio of the CPU time to the floor's: the
floor is called before each call of the page, and the ratio is of the minimums (whatever
else runs on the machine only adds to a call's CPU time, so the least disturbed calls
compare best). `--strict` exits 1 when a list is over 3× the floor or the biggest
association's page over 50 ms of CPU or 100 KB.

The data set is the one bench/indicators.py generates (one municipality of --teachers
teachers, 120 schools, 200 associations, 6,000 events, the Рубцовск regulation's 15 rules
for its ММО: the compliance panel and matrix judge real rules); it is generated when missing.
Usage: `make bench` or
`DATABASE_URL=postgres://…/metodset_bench .venv/bin/python bench/pages.py [--teachers 100000]`.
On a machine shared with other work the wall times are noisy: compare the CPU times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the floor app
sys.path.insert(0, str(HERE.parent / "src"))

import indicators as data  # noqa: E402  (bench/indicators.py: the data set and its database)

LIST_TARGET = 3.0  # a 50-row list within 3× of the floor's CPU
DETAIL_CPU_TARGET = 50.0  # ms: the page of the biggest association (1,000 members)
DETAIL_SIZE_TARGET = 100 * 1024  # bytes


def setup() -> None:
    os.environ.setdefault("DATABASE_URL", data.DEFAULT_URL)
    os.environ.setdefault("DEBUG", "1")
    # Production-like rendering: no debug pages, no template debug info, no query log.
    os.environ.setdefault("DEBUG_PAGES", "0")
    os.environ.setdefault("PAGE_SIZE", "50")
    os.environ.setdefault("CACHE_URL", "locmem://")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "metodset.settings")
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("The pages benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…")
    data.ensure_database(os.environ["DATABASE_URL"])
    from django.conf import settings

    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "floor"]
    settings.ROOT_URLCONF = "floor.urls"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def cpu_of(client, url: str) -> tuple[float, float, object]:
    start_cpu, start_wall = time.process_time(), time.perf_counter()
    response = client.get(url)
    return time.process_time() - start_cpu, time.perf_counter() - start_wall, response


def measure(client, url: str, repeat: int, floor_url: str) -> dict:
    """The page's figures; its CPU is compared with the floor's measured in the same stretch
    of time, a floor call before each page call. Other work on a shared machine only adds
    to a call's CPU time (caches, a shared core), so the ratio is of the least disturbed
    calls of each: the minimums, as timeit advises."""
    from django.db import connection

    response = client.get(url)  # warm-up: templates compiled, per-object caches filled
    assert response.status_code == 200, (url, response.status_code)
    queries = []  # counted by a wrapper: Django clears its query log when a request starts

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    cpu, wall, floor = [], [], []
    for _ in range(repeat):
        floor.append(cpu_of(client, floor_url)[0])
        page_cpu, page_wall, response = cpu_of(client, url)
        cpu.append(page_cpu)
        wall.append(page_wall)
    return {
        "size": len(response.content),
        "queries": len(queries),
        "cpu": statistics.median(cpu) * 1000,
        "cpu_min": min(cpu) * 1000,
        "wall": statistics.median(wall) * 1000,
        "floor_min": min(floor) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--participations", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--strict",
        action="store_true",
        help=f"exit 1 when a list is over {LIST_TARGET}× the floor or the association page"
        f" over {DETAIL_CPU_TARGET:.0f} ms CPU or {DETAIL_SIZE_TARGET // 1024} KB",
    )
    args = parser.parse_args()
    setup()

    from django.db.models import Count, Q
    from django.test import Client
    from django.urls import reverse

    from metodset.accounts.models import User
    from metodset.associations.models import Association
    from metodset.core.models import Municipality
    from metodset.people.models import Teacher

    municipality = Municipality.objects.filter(slug=data.SLUG).first()
    if municipality is None:
        municipality = data.generate(args.teachers, args.participations)
    from scale import regulation_ensure

    regulation_ensure(municipality)  # a data set generated before it had one
    biggest = (
        Association.objects.filter(municipality=municipality)
        .annotate(n=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
        .order_by("-n")
        .first()
    )
    assert biggest is not None
    one = Teacher.objects.filter(municipality=municipality).order_by("pk")[12345]
    client = Client()
    client.force_login(User.objects.get(email=f"{data.SLUG}@example.ru"))
    floor_url = f"{reverse('bench-floor')}?m={municipality.pk}"
    pages = [
        (
            f"association page ({biggest.n} members)",
            reverse("associations:detail", args=[biggest.pk]),
            "detail",
        ),
        ("events list", reverse("events:list"), "list"),
        ("teacher list, 50 rows", reverse("people:list"), "list"),
        ("teacher list, search «Иванова» (1/6)", reverse("people:list") + "?q=Иванова", "list"),
        ("teacher search, one name", reverse("people:list") + f"?q={one.last_name}", "list"),
        ("associations list", reverse("associations:list"), "list"),
        ("compliance matrix", reverse("regulations:matrix"), ""),
        ("indicators dashboard (cached)", reverse("indicators:dashboard") + "?year=2025", ""),
        ("home (methodist)", reverse("home:home"), ""),
    ]
    load_before = os.getloadavg()
    floor = measure(client, floor_url, args.repeat, floor_url)
    rows = [
        (label, measure(client, url, args.repeat, floor_url), kind) for label, url, kind in pages
    ]
    load_after = os.getloadavg()
    head = f"{'HTML':>9} {'queries':>8} {'CPU ms':>8} {'CPU min':>8} {'wall ms':>8} {'× floor':>8}"
    print(f"\n{'page':<44} {head}")
    print(
        f"{'bare Django floor, 50 rows, one query':<44} {floor['size'] / 1024:>6.0f} KB"
        f" {floor['queries']:>8} {floor['cpu']:>8.1f} {floor['cpu_min']:>8.1f}"
        f" {floor['wall']:>8.1f} {1:>8.1f}"
    )
    missed = False
    for label, m, kind in rows:
        ratio = m["cpu_min"] / m["floor_min"]
        over = (kind == "list" and ratio > LIST_TARGET) or (
            kind == "detail"
            and (m["cpu_min"] > DETAIL_CPU_TARGET or m["size"] > DETAIL_SIZE_TARGET)
        )
        missed |= over
        print(
            f"{label:<44} {m['size'] / 1024:>6.0f} KB {m['queries']:>8} {m['cpu']:>8.1f}"
            f" {m['cpu_min']:>8.1f} {m['wall']:>8.1f} {ratio:>8.1f}{'  OVER' if over else ''}"
        )
    print(
        f"\nCPU: median and minimum of {args.repeat} calls in this process; × floor: the page's"
        f" minimum over the floor's, called between the page's calls. Targets: lists"
        f" ≤ {LIST_TARGET}×, the"
        f" association page ≤ {DETAIL_CPU_TARGET:.0f} ms CPU and ≤"
        f" {DETAIL_SIZE_TARGET // 1024} KB. Load average before/after:"
        f" {load_before[0]:.1f} / {load_after[0]:.1f} on {os.cpu_count()} CPUs."
    )
    sys.exit(1 if missed and args.strict else 0)


if __name__ == "__main__":
    main()
