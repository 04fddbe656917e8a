"""Benchmark: the annual analysis draft of an association with 60 members, 8 meetings and a
year of events, and its DOCX.

Target (issue 14): the analysis draft and the portfolio ZIP together under 3 s; this script
measures the analysis's part, cold (the indicator cache emptied before each run, as on the
first draft of the day):
- draft: `analysis.services.analysis_generate` (every section read from the records and
  stored as a snapshot), the analysis deleted between runs;
- document: `analysis.documents.analysis_document` (context + docxtpl render) of the draft.
The data lives in a throwaway SQLite database (or DATABASE_URL's PostgreSQL with
`--database-url`). Prints the medians and exits 1 when their sum is over the budget this
part may take (`--budget`, 1.5 s by default: half of the 3 s shared with the portfolio ZIP).
Usage: `make bench` or `DEBUG=1 .venv/bin/python bench/annual_analysis.py --runs 5`.
"""

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
YEAR = 2024  # analysed school year 2024/2025, compared with 2023/2024
MEMBERS, MEETINGS, EVENTS = 60, 8, 40


def build():
    """The association's two school years of records, made through factories."""
    from django.utils import timezone

    from metodset.associations.tests.factories import (
        AssociationFactory,
        HeadAppointmentFactory,
        MembershipFactory,
    )
    from metodset.events.models import CompetitionEntry, Nomination, Outcome
    from metodset.events.tests.factories import EventFactory, ParticipationFactory
    from metodset.growth.models import Practice, Publication
    from metodset.growth.tests.factories import PDCourseFactory
    from metodset.meetings.models import Attendance
    from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
    from metodset.plans.models import ItemStatus
    from metodset.plans.tests.factories import PlanFactory, PlanItemFactory
    from metodset.regulations.services import regulation_import

    tz = timezone.get_current_timezone()
    association = AssociationFactory(founded_on=dt.date(2020, 9, 1))
    municipality = association.municipality
    regulation_import(
        user=None,
        municipality=municipality,
        text=(
            "title: П\neffective_from: 2020-09-01\nrules:\n"
            "  - kind: min_meetings\n    clause: п. 5\n    count: 4\n"
        ),
    )
    members = [
        MembershipFactory(
            association=association,
            teacher__organisation__municipality=municipality,
            joined_on=dt.date(2021, 9, 1),
        ).teacher
        for _ in range(MEMBERS)
    ]
    HeadAppointmentFactory(association=association, teacher=members[0])
    statuses = [ItemStatus.DONE] * 6 + [ItemStatus.MOVED, ItemStatus.CANCELLED]
    for year in (YEAR - 1, YEAR):
        plan = PlanFactory(association=association, school_year=year)
        for month in range(24):
            status = statuses[month % len(statuses)]
            PlanItemFactory(
                plan=plan,
                date=dt.date(year, 9, 10) + dt.timedelta(days=14 * month),
                status=status,
                status_reason="перенос по приказу" if status != ItemStatus.DONE else "",
            )
        for number in range(MEETINGS):
            day = dt.date(year, 9, 20) + dt.timedelta(days=40 * number)
            meeting = MeetingFactory(association=association, date=day)
            Attendance.objects.bulk_create(
                Attendance(meeting=meeting, teacher=t, present=i % 7 != 0)
                for i, t in enumerate(members)
            )
            AgendaItemFactory(meeting=meeting)
        for number in range(EVENTS // 2):
            start = dt.datetime.combine(
                dt.date(year, 9, 15) + dt.timedelta(days=17 * number), dt.time(14), tz
            )
            event = EventFactory(
                municipality=municipality, association=association, starts_at=start
            )
            for i, teacher in enumerate(members[number % 3 :: 3]):
                ParticipationFactory(event=event, teacher=teacher, attended=i % 5 != 0)
            if number % 5 == 0:
                nomination = Nomination.objects.create(event=event, name="Лучший урок")
                for i, teacher in enumerate(members[:6]):
                    CompetitionEntry.objects.create(
                        nomination=nomination,
                        teacher=teacher,
                        outcome=[Outcome.WINNER, Outcome.PRIZE_WINNER, Outcome.PARTICIPANT][i % 3],
                    )
        for i, teacher in enumerate(members[:20]):
            day = dt.date(year + 1, 2, 1 + i)
            Practice.objects.create(teacher=teacher, title=f"Опыт {i}", accepted_on=day)
            Publication.objects.create(
                teacher=teacher, title=f"Статья {i}", venue="infourok.ru", published_on=day
            )
            PDCourseFactory(
                teacher=teacher, starts_on=dt.date(year, 10, 1), ends_on=dt.date(year, 10, 20)
            )
    return association, members[0]


def timed(make, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        make()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=1.5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "metodset.settings")
    workdir = tempfile.mkdtemp(prefix="metodset-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("PRIVATE_MEDIA_ROOT", workdir)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import time_machine

    from metodset.analysis import services
    from metodset.analysis.documents import analysis_document
    from metodset.analysis.models import Analysis

    # The year analysed is over: today is in the autumn after it.
    with time_machine.travel(dt.datetime(YEAR + 1, 11, 20, 9, tzinfo=dt.UTC), tick=True):
        started = time.perf_counter()
        association, _head = build()
        print(
            f"data: {MEMBERS} members, {MEETINGS} meetings and {EVENTS // 2} events a year, "
            f"two years, made in {time.perf_counter() - started:.1f} s"
        )

        def draft():
            Analysis.objects.filter(association=association).delete()
            cache.clear()  # cold: the indicators are computed, not read from the cache
            return services.analysis_generate(user=None, association=association, school_year=YEAR)

        draft_median, draft_max = timed(draft, args.runs)
        analysis = draft()
        document = [b""]

        def docx():
            document[0] = analysis_document(analysis).content

        docx_median, docx_max = timed(docx, args.runs)
    total = draft_median + docx_median
    print(f"analysis draft: median {draft_median * 1000:.0f} ms, max {draft_max * 1000:.0f} ms")
    print(
        f"analysis DOCX: median {docx_median * 1000:.0f} ms, max {docx_max * 1000:.0f} ms "
        f"({len(document[0]) // 1024} KB)"
    )
    print(f"together: {total * 1000:.0f} ms over {args.runs} runs (budget {args.budget} s)")
    if args.out:
        args.out.write_bytes(document[0])
    shutil.rmtree(workdir, ignore_errors=True)
    if total > args.budget:
        print(f"FAIL: over {args.budget} s")
        sys.exit(1)


if __name__ == "__main__":
    main()
