"""Benchmark: the minutes (протокол) of a meeting with 30 attendees and 10 questions as DOCX.

Target (issue 4): under 0.5 s per document on this machine. Two measurements:
- render: the data built in memory as the dataclasses `minutes_document_data()` returns,
  then context + docxtpl render + save;
- end to end: a meeting with 30 attendees and 10 questions stored in a throwaway SQLite
  database, then `documents.services.minutes_document(meeting)` as the download view calls
  it (gathering the minutes in four queries, declension, render).
Prints the medians and exits 1 when either is over the target. Usage: `make bench` or
`DEBUG=1 .venv/bin/python bench/minutes_document.py --runs 20 [--out /tmp/minutes.docx]`.
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
TARGET = 0.5
LAST = ["Иванова", "Петров", "Сидорова", "Кузнецов", "Смирнова", "Попов", "Соколова", "Лебедев"]
FIRST_F, FIRST_M = ["Мария", "Анна", "Ольга", "Елена"], ["Сергей", "Иван", "Олег", "Павел"]
PATR_F, PATR_M = ["Петровна", "Ивановна", "Сергеевна"], ["Алексеевич", "Ильич", "Петрович"]


def sample(n_people: int = 30, n_questions: int = 10):
    from metodset.meetings.selectors import (
        AbsentPerson,
        GuestLine,
        MinutesDocument,
        MinutesQuestion,
        Person,
    )

    def person(i: int) -> Person:
        female = i % 2 == 0
        return Person(
            last_name=LAST[i % len(LAST)] + ("" if i < len(LAST) else f"-{i}"),
            first_name=(FIRST_F if female else FIRST_M)[i % 4],
            patronymic=(PATR_F if female else PATR_M)[i % 3],
            gender="f" if female else "m",
            position="учитель математики",
            organisation=f"МБОУ «СОШ № {i % 12 + 1}»",
        )

    people = [person(i) for i in range(n_people)]
    return MinutesDocument(
        municipality="г. Рубцовск",
        region="Алтайский край",
        authority="Управление образования Администрации города Рубцовска",
        service="Муниципальный методический кабинет",
        association="ММО учителей математики",
        association_kind="ММО",
        is_council=False,
        number=3,
        school_year="2025/2026",
        date=dt.date(2025, 11, 20),
        starts_at=dt.time(14, 30),
        place="МБОУ «Гимназия № 3»",
        place_address="ул. Ленина, 10",
        place_note="кабинет 21",
        online_url="",
        chair=people[0],
        secretary=people[1],
        present=people[:27],
        absent=[AbsentPerson(p, "болезнь") for p in people[27:]],
        guests=[GuestLine("Кузнецова А.А.", "методист ММК")],
        agenda=[
            MinutesQuestion(
                q,
                f"О результатах работы по направлению № {q}",
                f"{people[q].short_name} — о ходе работы по направлению № {q}.",
                f"{people[q + 1].short_name} предложила дополнить план.",
                f"Принять информацию к сведению; рекомендовать опыт № {q} к распространению.",
            )
            for q in range(1, n_questions + 1)
        ],
    )


def stored_meeting(n_people: int = 30, n_questions: int = 10):
    """A signed-off-ready meeting in the database, through the meetings services."""
    from metodset.associations.tests.factories import (
        AssociationFactory,
        HeadAppointmentFactory,
        MembershipFactory,
    )
    from metodset.meetings import services

    association = AssociationFactory(founded_on=dt.date(2020, 9, 1))
    members = MembershipFactory.create_batch(
        n_people, association=association, joined_on=dt.date(2024, 9, 1)
    )
    HeadAppointmentFactory(
        association=association,
        teacher=members[0].teacher,
        starts_on=dt.date(2024, 9, 1),
        ends_on=dt.date(2027, 8, 31),
    )
    meeting = services.meeting_schedule(
        user=None, association=association, date=dt.date(2025, 11, 20), starts_at=dt.time(15)
    )
    services.meeting_update(user=None, meeting=meeting, data={"secretary": members[1].teacher})
    services.attendance_record(
        user=None,
        meeting=meeting,
        marks={m.teacher_id: (i < 27, "" if i < 27 else "болезнь") for i, m in enumerate(members)},
    )
    for q in range(1, n_questions + 1):
        services.agenda_item_add(
            user=None,
            meeting=meeting,
            title=f"О результатах работы по направлению № {q}",
            speakers=f"{members[q].teacher.short_name} — о ходе работы.",
            discussion=f"{members[q + 1].teacher.short_name} предложила дополнить план.",
            decision="Принять информацию к сведению.",
        )
    return meeting


def timed(make, runs: int) -> tuple[float, float, bytes]:
    times, result = [], b""
    for _ in range(runs):
        started = time.perf_counter()
        result = make()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "metodset.settings")
    workdir = tempfile.mkdtemp(prefix="metodset-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("PRIVATE_MEDIA_ROOT", workdir)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from metodset.documents.context import minutes_context
    from metodset.documents.render import builtin_path, render_docx
    from metodset.documents.services import minutes_document

    data = sample()
    meeting = stored_meeting()
    failed = False
    for label, make in (
        ("render", lambda: render_docx(builtin_path("minutes"), minutes_context(data))),
        ("end to end from the database", lambda: minutes_document(meeting).content),
    ):
        median, longest, result = timed(make, args.runs)
        print(
            f"minutes, 30 attendees, 10 questions, {label}: median {median * 1000:.0f} ms, "
            f"max {longest * 1000:.0f} ms over {args.runs} runs ({len(result) // 1024} KB)"
        )
        failed |= median > TARGET
    shutil.rmtree(workdir, ignore_errors=True)
    if args.out:
        args.out.write_bytes(result)
    if failed:
        print(f"FAIL: over {TARGET} s")
        sys.exit(1)


if __name__ == "__main__":
    main()
