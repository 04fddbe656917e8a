"""Pieces the scale data generators share (bench/indicators.py, bench/region_data.py).

Rows are built in Python only where each differs and written with bulk_create in large
batches; participations are one INSERT … SELECT per municipality, without a Python row.
"""

from __future__ import annotations

import datetime as dt

SURNAMES = ["Иванова", "Петрова", "Сидорова", "Кузнецова", "Смирнова", "Попова"]
NAMES = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна"]


def organisations_create(municipality, count: int) -> list:
    """`count` schools «МБОУ «СОШ № n»» of the municipality."""
    from metodset.orgs.models import Organisation

    return Organisation.objects.bulk_create(
        Organisation(
            municipality=municipality,
            name=f"МБОУ «СОШ № {n}»",
            short_name=f"СОШ № {n}",
            kind="school",
        )
        for n in range(1, count + 1)
    )


def teachers_create(municipality, orgs: list, count: int, rnd, tag: str = "") -> list:
    """`count` teachers spread over `orgs`; surnames «Иванова-<tag><n>» are unique."""
    from metodset.people.models import Teacher

    return Teacher.objects.bulk_create(
        (
            Teacher(
                municipality=municipality,
                organisation=orgs[n % len(orgs)],
                last_name=f"{rnd.choice(SURNAMES)}-{tag}{n}",
                first_name=rnd.choice(NAMES),
                gender="f",
                birth_date=dt.date(1960 + n % 40, 1 + n % 12, 1 + n % 28),
                position="учитель",
                teaching_since=dt.date(1985 + n % 40, 9, 1),
                working_since=dt.date(1985 + n % 40, 9, 1),
            )
            for n in range(count)
        ),
        batch_size=5000,
    )


def participations_insert(cursor, municipality_id: int, participations: int) -> None:
    """`participations` rows over the municipality's events, spread over its teachers
    (four in five attended), by one INSERT … SELECT."""
    from metodset.events.models import Participation

    cursor.execute(
        "CREATE TEMP TABLE bench_t AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id"
        " FROM people_teacher WHERE municipality_id = %s",
        [municipality_id],
    )
    cursor.execute("CREATE UNIQUE INDEX ON bench_t (n)")
    cursor.execute(
        "CREATE TEMP TABLE bench_e AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id"
        " FROM events_event WHERE municipality_id = %s",
        [municipality_id],
    )
    cursor.execute("SELECT (SELECT count(*) FROM bench_t), (SELECT count(*) FROM bench_e)")
    teachers, events = cursor.fetchone()
    per_event = min(teachers, -(-participations // events))
    cursor.execute(
        f"""INSERT INTO {Participation._meta.db_table}
            (event_id, teacher_id, role, status, registered_at, attended)
        SELECT e.id, t.id, 'participant', 'registered', now(), (j %% 5) <> 0
        FROM bench_e e CROSS JOIN generate_series(0, %s - 1) j
        JOIN bench_t t ON t.n = (e.n * 997 + j) %% %s
        WHERE e.n * %s + j < %s""",  # a model's table name, no user input
        [per_event, teachers, per_event, participations],
    )
    cursor.execute("DROP TABLE bench_t; DROP TABLE bench_e")


def regulation_ensure(municipality) -> None:
    """The municipality's regulation: the Рубцовск preset (15 rules, for its ММО), loaded
    once, so that the association page and the compliance pages judge real rules instead of
    saying that no regulation is loaded."""
    from metodset.regulations.models import Regulation
    from metodset.regulations.services import PRESETS, regulation_import

    if not Regulation.objects.filter(municipality=municipality).exists():
        text = (PRESETS / "rubtsovsk.yaml").read_text(encoding="utf-8")
        regulation_import(user=None, municipality=municipality, text=text)
