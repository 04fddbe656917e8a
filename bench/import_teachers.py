"""Benchmark: import 30,000 teachers from one XLSX file.

Target (issue 6): under 60 s and under 500 MB of memory on a 2-core machine.
Runs against a fresh database in a temporary folder (SQLite), or the one in
DATABASE_URL. Usage: `make bench` or
`DEBUG=1 .venv/bin/python bench/import_teachers.py --rows 30000`.
"""

import argparse
import io
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=30_000)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="metodset-bench-")
    os.environ.setdefault("DATA_DIR", tmp)
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "metodset.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from openpyxl import Workbook

    call_command("migrate", verbosity=0)
    from metodset.accounts.models import Role, User
    from metodset.core.models import Municipality, Region
    from metodset.imports.engine import TeacherImporter
    from metodset.imports.reading import read_sheet
    from metodset.orgs.models import Organisation
    from metodset.people.models import Teacher

    region, _ = Region.objects.get_or_create(name="Бенчмарк-край")
    municipality, _ = Municipality.objects.get_or_create(
        slug="bench", defaults={"region": region, "name": "Бенч", "authority_name": "УО"}
    )
    user = User.objects.create_user(
        f"bench{random.randint(0, 10**9)}@example.ru",
        "x",
        role=Role.METHODIST,
        municipality=municipality,
        last_name="Бенч",
        first_name="Бенч",
    )
    for n in range(1, 61):
        Organisation.objects.get_or_create(
            municipality=municipality,
            name=f"МБОУ «СОШ № {n}»",
            defaults={"short_name": f"СОШ № {n}", "kind": "school"},
        )

    header = [
        "Фамилия",
        "Имя",
        "Отчество",
        "Пол (ж/м)",
        "Дата рождения",
        "Электронная почта",
        "Организация",
        "Должность",
        "Образование",
        "Предметы (через запятую)",
        "Педагогический стаж с",
        "Общий стаж с",
        "Категория",
        "Дата присвоения категории",
    ]
    rng = random.Random(1)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for i in range(args.rows):
        year = rng.randint(1965, 1998)
        sheet.append(
            [
                f"Фамилия{i}",
                "Анна",
                "Сергеевна",
                "ж",
                f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year}",
                f"teacher{i}@bench.ru",
                f"СОШ № {rng.randint(1, 60)}",
                "учитель",
                "высшее педагогическое",
                rng.choice(["математика", "русский язык, литература", "история", "физика"]),
                f"01.09.{year + 23}",
                f"01.09.{year + 22}",
                "первая",
                "15.12.2022",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    print(f"file: {args.rows} rows, {len(data) / 1e6:.1f} MB")

    started = time.perf_counter()
    sheet_data = read_sheet("bench.xlsx", data)
    read_at = time.perf_counter()
    importer = TeacherImporter(municipality, user)
    plan = importer.plan(sheet_data)
    planned_at = time.perf_counter()
    assert plan.valid, [r.errors for r in plan.rows if r.errors][:5]
    importer.apply(plan)
    done_at = time.perf_counter()
    assert Teacher.objects.filter(municipality=municipality).count() >= args.rows
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"read {read_at - started:.1f} s, check {planned_at - read_at:.1f} s, "
        f"write {done_at - planned_at:.1f} s, total {done_at - started:.1f} s; "
        f"peak memory {peak_mb:.0f} MB (whole process)"
    )


if __name__ == "__main__":
    main()
