import io
import os

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from metodset.imports.columns import ORGANISATION_COLUMNS, TEACHER_COLUMNS
from metodset.imports.models import ImportStatus
from metodset.imports.tests.files import csv_bytes, xlsx
from metodset.orgs.models import Organisation
from metodset.people.models import Teacher

TEACHER_HEADER = [
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


def teacher_row(n: int, **changes) -> list[str]:
    row = {
        "Фамилия": f"Смирнова{n}",
        "Имя": "Ольга",
        "Отчество": "Ивановна",
        "Пол (ж/м)": "ж",
        "Дата рождения": "12.04.1984",
        "Электронная почта": f"smirnova{n}@school.ru",
        "Организация": "СОШ № 1",
        "Должность": "учитель русского языка",
        "Образование": "высшее педагогическое",
        "Предметы (через запятую)": "русский язык, литература",
        "Педагогический стаж с": "01.09.2006",
        "Общий стаж с": "01.09.2006",
        "Категория": "первая",
        "Дата присвоения категории": "15.12.2021",
    } | changes
    return [row[h] for h in TEACHER_HEADER]


@pytest.mark.django_db
class TestTeacherImport:
    def test_it_previews_then_writes_a_clean_file(self, upload, school, methodist):
        _response, job = upload(
            "teachers.xlsx", xlsx([TEACHER_HEADER, teacher_row(1), teacher_row(2)])
        )
        assert job.status == ImportStatus.CHECKED
        assert job.counts["new"] == 2
        assert Teacher.objects.count() == 0  # the preview writes nothing
        job = upload.apply(job)
        assert job.status == ImportStatus.DONE
        teacher = Teacher.objects.get(email="smirnova1@school.ru")
        assert teacher.organisation == school
        assert teacher.municipality == methodist.municipality
        assert sorted(s.name for s in teacher.subjects.all()) == ["литература", "русский язык"]
        assert teacher.history.get().history_user == methodist

    def test_it_writes_nothing_when_three_rows_are_wrong(self, upload, school):
        rows = [
            TEACHER_HEADER,
            teacher_row(1),
            teacher_row(2, **{"Дата рождения": "31.02.1984"}),
            teacher_row(3, **{"Организация": "Лицей № 99"}),
            teacher_row(4, **{"Категория": "вторая"}),
            teacher_row(5),
        ]
        _response, job = upload("teachers.xlsx", xlsx(rows))
        assert job.status == ImportStatus.INVALID
        assert job.counts["error"] == 3
        errors = {row: errs for row, outcome, _label, errs in job.outcomes if outcome == "error"}
        assert errors[3] == [["Дата рождения", "«31.02.1984» не является датой (ДД.ММ.ГГГГ)."]]
        assert errors[4] == [["Организация", "В муниципалитете нет организации «Лицей № 99»."]]
        assert errors[5][0][0] == "Категория" and "вторая" in errors[5][0][1]
        job = upload.apply(job)
        assert job.status == ImportStatus.INVALID
        assert Teacher.objects.count() == 0

    def test_it_reads_windows_1251_csv_with_commas(self, upload, school):
        data = csv_bytes([TEACHER_HEADER, teacher_row(1)], encoding="cp1251", delimiter=",")
        _response, job = upload("teachers.csv", data)
        assert job.status == ImportStatus.CHECKED, job.outcomes
        upload.apply(job)
        assert Teacher.objects.get().last_name == "Смирнова1"

    def test_it_changes_nothing_when_the_same_file_comes_again(self, upload, school):
        data = csv_bytes([TEACHER_HEADER, teacher_row(1), teacher_row(2)])
        upload.apply(upload("teachers.csv", data)[1])
        history = sum(t.history.count() for t in Teacher.objects.all())
        _response, again = upload("teachers.csv", data)
        assert again.counts == {"new": 0, "update": 0, "unchanged": 2, "error": 0}
        upload.apply(again)
        assert Teacher.objects.count() == 2
        assert sum(t.history.count() for t in Teacher.objects.all()) == history

    def test_it_updates_a_matched_teacher(self, upload, school):
        upload.apply(upload("t.csv", csv_bytes([TEACHER_HEADER, teacher_row(1)]))[1])
        changed = teacher_row(1, **{"Должность": "заместитель директора"})
        _response, job = upload("t.csv", csv_bytes([TEACHER_HEADER, changed]))
        assert job.counts["update"] == 1
        upload.apply(job)
        assert Teacher.objects.get().position == "заместитель директора"

    def test_it_refuses_a_garbage_file_with_a_clear_message(self, upload):
        response, job = upload("teachers.xlsx", os.urandom(10 * 1024 * 1024))
        assert job is None
        assert response.status_code == 400
        assert "не является книгой Excel" in response.text
        response, job = upload("teachers.csv", os.urandom(10 * 1024 * 1024))
        assert job is None
        assert "не является текстовым файлом CSV" in response.text

    def test_it_refuses_other_file_types(self, upload):
        response, job = upload("teachers.pdf", b"%PDF-1.4")
        assert job is None
        assert "Загрузите книгу Excel" in response.text

    def test_it_reads_cached_formula_values_and_merged_cells(self, upload, school, tmp_path):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(TEACHER_HEADER)
        sheet.append(teacher_row(1))
        sheet["B2"] = '="Оль"&"га"'  # a formula: its cached value is what counts
        sheet.append(teacher_row(2))
        sheet.merge_cells("H2:H3")  # the position of row 3 is covered by a merge
        path = tmp_path / "f.xlsx"
        workbook.save(path)
        # openpyxl cannot compute formulas: simulate a file saved by Excel with cached values.
        cached = load_workbook(path)
        cached.active["B2"] = "Ольга"
        cached.save(path)
        _response, job = upload("f.xlsx", path.read_bytes())
        errors = {row: errs for row, outcome, _label, errs in job.outcomes if outcome == "error"}
        assert errors == {3: [["Должность", "Обязательное значение."]]}

    def test_it_requires_the_key_columns(self, upload):
        _response, job = upload("t.csv", csv_bytes([["Фамилия", "Имя"], ["Иванова", "Анна"]]))
        assert job.status == ImportStatus.INVALID
        assert "Нет обязательных столбцов" in job.message
        assert "Пол (ж/м)" in job.message

    def test_it_flags_a_row_repeated_in_the_file(self, upload, school):
        _response, job = upload(
            "t.csv", csv_bytes([TEACHER_HEADER, teacher_row(1), teacher_row(1)])
        )
        errors = {row: errs for row, outcome, _label, errs in job.outcomes if outcome == "error"}
        assert errors == {3: [["", "Повторяет строку 2."]]}


@pytest.mark.django_db
class TestOrganisationImport:
    def test_it_imports_organisations_from_the_template(self, upload, client_as, methodist):
        template = upload.client.get(reverse("imports:template", args=["organisations"]))
        sheet = load_workbook(io.BytesIO(template.content)).active
        rows = [[c.value for c in r] for r in sheet.iter_rows()]
        assert rows[0][:3] == ["Полное наименование *", "Краткое наименование", "Вид *"]
        _response, job = upload("orgs.xlsx", xlsx(rows), kind="organisations")
        assert job.status == ImportStatus.CHECKED, job.outcomes
        upload.apply(job)
        assert Organisation.objects.get().short_name == "СОШ № 1"


@pytest.mark.django_db
class TestHeaders:
    def test_it_accepts_the_usual_other_headers(self, upload):
        data = csv_bytes(
            [["Наименование", "Тип"], ["МБОУ «Школа № 9»", "школа"]], encoding="cp1251"
        )
        _response, job = upload("orgs.csv", data, kind="organisations")
        assert job.status == ImportStatus.CHECKED, job.message
        upload.apply(job)
        assert Organisation.objects.get().name == "МБОУ «Школа № 9»"


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize("role", ["coordinator", "head", "teacher"])
    def test_it_is_for_methodists_only(self, client_as, role_users, role):
        client = client_as(role_users[role])
        assert client.get(reverse("imports:list")).status_code == 403
        assert client.get(reverse("imports:upload")).status_code == 403

    def test_it_hides_another_municipality_job(self, upload, school, client_as, other_municipality):
        from metodset.accounts.models import Role
        from metodset.accounts.tests.factories import UserFactory

        _response, job = upload("t.csv", csv_bytes([TEACHER_HEADER, teacher_row(1)]))
        stranger = UserFactory(role=Role.METHODIST, municipality=other_municipality)
        assert client_as(stranger).get(reverse("imports:detail", args=[job.pk])).status_code == 404

    def test_templates_have_every_column(self, client_as, methodist):
        for kind, columns in (
            ("teachers", TEACHER_COLUMNS),
            ("organisations", ORGANISATION_COLUMNS),
        ):
            content = client_as(methodist).get(reverse("imports:template", args=[kind])).content
            header = [c.value for c in next(load_workbook(io.BytesIO(content)).active.iter_rows())]
            assert len(header) == len([c for c in columns if c.in_template])
