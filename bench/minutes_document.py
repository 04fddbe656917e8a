"""Benchmark: the minutes (протокол) of a meeting with 30 attendees and 10 questions as DOCX.

Target (issue 4): under 0.5 s per document on this machine. The data are built in memory
as the dataclasses `meetings.selectors.minutes_document_data()` returns (the database part
is four queries, measured by the tests), then context + docxtpl render + save run N times.
Prints the median and exits 1 over the target. Usage: `make bench` or
`DEBUG=1 .venv/bin/python bench/minutes_document.py --runs 20 [--out /tmp/minutes.docx]`.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "metodset.settings")
    import django

    django.setup()
    from metodset.documents.context import minutes_context
    from metodset.documents.render import builtin_path, render_docx

    data = sample()
    times, result = [], b""
    for _ in range(args.runs):
        started = time.perf_counter()
        result = render_docx(builtin_path("minutes"), minutes_context(data))
        times.append(time.perf_counter() - started)
    if args.out:
        args.out.write_bytes(result)
    median = statistics.median(times)
    print(
        f"minutes, 30 attendees, 10 questions: median {median * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms over {args.runs} runs ({len(result) // 1024} KB)"
    )
    if median > TARGET:
        print(f"FAIL: over {TARGET} s")
        sys.exit(1)


if __name__ == "__main__":
    main()
