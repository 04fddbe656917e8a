"""A region-scale data set: 60 municipalities, 100,000 teachers, 1,000,000 participations,
two school years (2024/25, 2025/26) of meetings with agendas and attendance, plans, and
each municipality's regulation (the Рубцовск preset's 15 rules for its ММО).

For the load test and the region-wide benchmarks (issue 19). Targets PostgreSQL:
`BENCH_DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/metodset_region), created
when missing and migrated. Usage: `make bench-data` or
`.venv/bin/python bench/region_data.py [--municipalities 60 --teachers 100000
--participations 1000000]`.

Idempotent and resumable: each municipality (slug `region-NN`) is written in one
transaction, so it is either complete or absent. A second run finds the municipalities
already there and generates only the missing ones (a run stopped halfway is topped up);
with all of them present it prints the counts and does nothing. `--regenerate` empties the
database's municipalities (TRUNCATE … CASCADE: the database is the benchmark's own) and
builds them again.

Fast: rows are built in Python only where each is different (teachers, organisations,
meetings, plans) and written with bulk_create in large batches; the two big link tables
(participations and attendance, about 2.5 million rows) are one INSERT … SELECT each per
municipality, without a Python row. The users are one methodist per municipality,
`region-NN@example.ru`, password `metodset-demo`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time

from indicators import setup  # creates the database when missing, migrates, django.setup()
from scale import organisations_create, participations_insert, regulation_ensure, teachers_create

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/metodset_region"
REGION = "Бенчмарк-область"
PASSWORD = "metodset-demo"  # noqa: S105  # the demo's documented password, benchmark data only
YEARS = (2024, 2025)
ORGANISATIONS = 40  # per municipality
ASSOCIATIONS = 30
EVENTS = 100
MEETINGS = ((9, 15), (11, 10), (1, 20), (3, 15), (5, 20))  # (month, day) in each school year
PLAN_ITEMS = 8
SUBJECTS = ["математики", "русского языка", "истории", "физики", "химии", "биологии"]


def share(total: int, parts: int, index: int) -> int:
    """The `index`-th of `parts` near-equal shares of `total` (they add up to it)."""
    return total // parts + (1 if index < total % parts else 0)


def slug(index: int) -> str:
    return f"region-{index + 1:02d}"


def municipality_generate(index: int, teachers: int, participations: int, region) -> None:
    """One municipality and everything in it, in one transaction."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from metodset.accounts.models import Role, User
    from metodset.associations.models import Association, Membership
    from metodset.core.models import Municipality
    from metodset.events.models import Event
    from metodset.meetings.models import AgendaItem, Meeting
    from metodset.plans.models import Plan, PlanItem

    rnd = random.Random(index)
    with transaction.atomic():
        municipality = Municipality.objects.create(
            region=region,
            slug=slug(index),
            name=f"Бенчмарк-район № {index + 1}",
            authority_name=f"Управление образования района № {index + 1}",
        )
        User.objects.create(
            email=f"{slug(index)}@example.ru",
            password=make_password(PASSWORD),
            role=Role.METHODIST,
            municipality=municipality,
            last_name="Методистова",
            first_name="Анна",
        )
        regulation_ensure(municipality)
        orgs = organisations_create(municipality, ORGANISATIONS)
        people = teachers_create(municipality, orgs, teachers, rnd, tag=f"{index + 1}-")
        associations = Association.objects.bulk_create(
            Association(
                municipality=municipality,
                kind="mmo",
                name=f"ММО учителей {SUBJECTS[n % len(SUBJECTS)]} № {n + 1}",
                area=SUBJECTS[n % len(SUBJECTS)],
                founded_on=dt.date(2015, 9, 1),
            )
            for n in range(ASSOCIATIONS)
        )
        Membership.objects.bulk_create(
            (
                Membership(
                    association=associations[(n + k * 7) % len(associations)],
                    teacher=t,
                    joined_on=dt.date(2019, 9, 1),
                )
                for n, t in enumerate(people)
                for k in range(1 + n % 2)
            ),
            batch_size=10000,
        )
        Event.objects.bulk_create(
            Event(
                municipality=municipality,
                association=associations[n % len(associations)] if n % 5 else None,
                form="seminar",
                title=f"Семинар {n + 1}",
                starts_at=dt.datetime(YEARS[n % 2], 9, 2, 7, tzinfo=dt.UTC)
                + dt.timedelta(days=n * 7 % 360),
                ends_at=dt.datetime(YEARS[n % 2], 9, 2, 9, tzinfo=dt.UTC)
                + dt.timedelta(days=n * 7 % 360),
            )
            for n in range(EVENTS)
        )
        meetings = Meeting.objects.bulk_create(
            (
                Meeting(
                    municipality=municipality,
                    association=a,
                    school_year=year,
                    number=number,
                    date=dt.date(year + (month < 9), month, day + n % 5),
                    starts_at=dt.time(15, 0),
                    venue=orgs[n % len(orgs)],
                )
                for n, a in enumerate(associations)
                for year in YEARS
                for number, (month, day) in enumerate(MEETINGS, start=1)
            ),
            batch_size=5000,
        )
        AgendaItem.objects.bulk_create(
            (
                AgendaItem(
                    meeting=m,
                    position=p,
                    title=f"О {('плане работы', 'итогах диагностики')[p - 1]} объединения",
                    decision="Принять к сведению." if m.school_year == YEARS[0] else "",
                )
                for m in meetings
                for p in (1, 2)
            ),
            batch_size=10000,
        )
        plans = Plan.objects.bulk_create(
            Plan(
                municipality=municipality,
                owner="association",
                association=a,
                school_year=year,
                theme="Повышение качества образования через функциональную грамотность",
                status="approved" if year == YEARS[0] else "draft",
                approved_at=dt.datetime(year, 9, 10, 9, tzinfo=dt.UTC)
                if year == YEARS[0]
                else None,
            )
            for a in associations
            for year in YEARS
        )
        PlanItem.objects.bulk_create(
            (
                PlanItem(
                    plan=p,
                    month=month,
                    sort_on=dt.date(p.school_year + (month < 9), month, 1),
                    form="seminar",
                    topic=f"Тема {k + 1} плана",
                )
                for p in plans
                for k, month in enumerate((9, 10, 11, 12, 1, 2, 3, 4)[:PLAN_ITEMS])
            ),
            batch_size=10000,
        )
        with connection.cursor() as cursor:
            participations_insert(cursor, municipality.pk, participations)
            # Attendance: every member of the association at each meeting, one in seven absent.
            cursor.execute(
                """INSERT INTO meetings_attendance (meeting_id, teacher_id, present, absence_reason)
                SELECT m.id, ms.teacher_id, (m.id + ms.teacher_id) %% 7 <> 0, ''
                FROM meetings_meeting m
                JOIN associations_membership ms ON ms.association_id = m.association_id
                WHERE m.municipality_id = %s""",
                [municipality.pk],
            )


def counts() -> dict[str, int]:
    from metodset.associations.models import Association
    from metodset.core.models import Municipality
    from metodset.events.models import Participation
    from metodset.meetings.models import Attendance, Meeting
    from metodset.people.models import Teacher
    from metodset.plans.models import Plan, PlanItem

    ours = {"municipality__region__name": REGION}
    return {
        "municipalities": Municipality.objects.filter(region__name=REGION).count(),
        "teachers": Teacher.objects.filter(**ours).count(),
        "associations": Association.objects.filter(**ours).count(),
        "participations": Participation.objects.filter(
            event__municipality__region__name=REGION
        ).count(),
        "meetings": Meeting.objects.filter(**ours).count(),
        "attendance": Attendance.objects.filter(meeting__municipality__region__name=REGION).count(),
        "plans": Plan.objects.filter(**ours).count(),
        "plan items": PlanItem.objects.filter(plan__municipality__region__name=REGION).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=60)
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--participations", type=int, default=1_000_000)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    setup()

    from django.db import connection

    from metodset.core.models import Municipality, Region

    if args.regenerate:  # the database is the benchmark's own: TRUNCATE beats deleting 2.5M rows
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE core_municipality, core_region CASCADE")
    region, _ = Region.objects.get_or_create(name=REGION)
    present = set(Municipality.objects.filter(region=region).values_list("slug", flat=True))
    missing = [i for i in range(args.municipalities) if slug(i) not in present]
    start = time.perf_counter()
    for done, index in enumerate(missing, start=1):
        municipality_generate(
            index,
            share(args.teachers, args.municipalities, index),
            share(args.participations, args.municipalities, index),
            region,
        )
        elapsed = time.perf_counter() - start
        print(f"{slug(index)}: {done}/{len(missing)} in {elapsed:.0f} s", flush=True)
    for municipality in Municipality.objects.filter(region=region):
        regulation_ensure(municipality)  # a data set generated before it had one
    if missing:
        from metodset.events.attendance import attendance_rebuild

        # The participations went in by bulk_create: count the indicators' summary again.
        print(f"attendance summary: {attendance_rebuild()} rows", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"generated {len(missing)} municipalities in {time.perf_counter() - start:.0f} s")
    else:
        print("the data set is complete: nothing to generate")
    print(", ".join(f"{v:,} {k}".replace(",", " ") for k, v in counts().items()))


if __name__ == "__main__":
    sys.exit(main())
