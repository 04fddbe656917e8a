"""Teacher and organisation lists as schools send them, not as the template has them.

Each variant is a file of its own making (openpyxl or csv) uploaded, checked
and, when clean, imported: a title block, a header of two merged rows, a single
«ФИО» column, the headers and the category spellings people use.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from metodset.imports.columns import parse_category, parse_since
from metodset.imports.engine import TeacherImporter
from metodset.imports.layout import AUTO, MANUAL, REPEATED, SKIPPED, UNKNOWN
from metodset.imports.models import ImportStatus
from metodset.imports.names import gender_from_patronymic, split_full_name
from metodset.imports.reading import Sheet
from metodset.imports.tests.files import csv_bytes, line, xlsx
from metodset.orgs.models import Organisation, OrganisationKind
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Category, Teacher


def errors_of(job) -> dict[int, list[list[str]]]:
    return {row: errs for row, outcome, _label, errs in job.outcomes if outcome == "error"}


def columns_of(job) -> dict[str, tuple[str, str]]:
    """{header in the file: (field, how)} from the preview's layout."""
    return {header: (field, how) for _i, header, field, how, _auto in job.layout["columns"]}


def imported(job, upload) -> list[Teacher]:
    """Import a job that must be clean; the teachers by last name."""
    assert job.status == ImportStatus.CHECKED, (job.message, errors_of(job))
    job = upload.apply(job)
    assert job.status == ImportStatus.DONE
    return list(Teacher.objects.order_by("last_name"))


@pytest.mark.django_db
class TestSchoolFiles:
    def test_it_reads_a_title_block_and_a_single_full_name_column(self, upload, school):
        rows = [
            ["Список педагогических работников МБОУ «СОШ № 1» на 01.09.2025"],
            ["(по состоянию на начало учебного года)"],
            [],
            [
                "№ п/п",
                "ФИО",
                "Д.р.",
                "ОО",
                "Должность",
                "Образование",
                "Пед. стаж",
                "Общий стаж",
                "Квалификационная категория",
            ],
            [
                1,
                "Иванова Мария Петровна",
                dt.datetime(1985, 3, 15),
                "СОШ № 1",
                "учитель математики",
                "высшее педагогическое",
                "15 лет",
                "17",
                "ВКК, 20.12.2022",
            ],
            [
                2,
                "Сидоров  Пётр Ильич",
                "02.02.1990",
                "СОШ № 1",
                "учитель физики",
                "высшее",
                "12 лет 3 мес.",
                "12 лет 3 мес.",
                "б/к",
            ],
        ]
        _response, job = upload("список.xlsx", xlsx(rows, merges=("A1:I1",)))
        assert job.layout["header_rows"] == [4]
        assert columns_of(job)["ФИО"] == ("full_name", AUTO)
        assert columns_of(job)["№ п/п"] == ("-", SKIPPED)
        assert job.layout["derived"] == ["gender"]
        assert job.rows_total == 2
        ivanova, sidorov = imported(job, upload)
        assert (ivanova.last_name, ivanova.first_name, ivanova.patronymic) == (
            "Иванова",
            "Мария",
            "Петровна",
        )
        assert (ivanova.gender, sidorov.gender) == ("f", "m")  # from the patronymic
        assert ivanova.birth_date == dt.date(1985, 3, 15)
        assert ivanova.category == Category.HIGHEST
        assert ivanova.category_assigned_on == dt.date(2022, 12, 20)
        # Years of experience count back from 1 September of the current school year.
        assert ivanova.teaching_since == dt.date(2010, 9, 1)
        assert ivanova.working_since == dt.date(2008, 9, 1)
        assert sidorov.teaching_since == dt.date(2013, 6, 1)
        assert sidorov.category == Category.NONE and sidorov.category_assigned_on is None

    def test_it_reads_a_header_of_two_merged_rows_and_a_numbering_row(self, upload, school):
        rows = [
            line(
                "ФИО |  |  | Дата рождения | Пол | Организация | Должность"
                " | Образование | Стаж |  | Категория | "
            ),
            line(
                "Фамилия | Имя | Отчество |  |  |  |  |  | педагогический | общий"
                " | квалификационная категория | дата присвоения"
            ),
            list(range(1, 13)),
            line(
                "Кузнецова | Ольга | Викторовна | 11.11.1979 | ж | СОШ № 1 | учитель"
                " | высшее | 01.09.2001 | 01.09.2000 | первая | 25.12.2021"
            ),
        ]
        merges = ("A1:C1", "D1:D2", "E1:E2", "F1:F2", "G1:G2", "H1:H2", "I1:J1", "K1:L1")
        _response, job = upload("merged.xlsx", xlsx(rows, merges))
        assert job.layout["header_rows"] == [1, 2]
        understood = columns_of(job)
        assert understood["ФИО Фамилия"] == ("last_name", AUTO)
        assert understood["Стаж педагогический"] == ("teaching_since", AUTO)
        assert understood["Стаж общий"] == ("working_since", AUTO)
        assert understood["Категория дата присвоения"] == ("category_assigned_on", AUTO)
        assert job.rows_total == 1  # the «1 2 3 …» row is not a teacher
        (teacher,) = imported(job, upload)
        assert teacher.teaching_since == dt.date(2001, 9, 1)
        assert teacher.category == Category.FIRST

    def test_it_reads_a_windows_1251_csv_with_a_title_line(self, upload, school):
        rows = [
            ["Сведения о педагогах"],
            line(
                "Ф.И.О. педагога | Дата рождения | Школа | e-mail | Телефон | Должность"
                " | Уровень образования | Стаж педагогический | Стаж общий | Категория"
                " | Дата присвоения категории | Преподаваемые предметы"
            ),
            line(
                "Орлова Вера Андреевна | 03.02.1986 | МБОУ «СОШ № 1» | orlova@school.ru"
                " | +7 900 111-22-33 | учитель | ВПО | 2008-09-01 | 2008-09-01 | 1КК"
                " | 15.12.2021 | история; обществознание"
            ),
            line(
                "Белов Игорь Сергеевич | 04.05.1975 | СОШ № 1 |  |  | учитель | высшее"
                " | 01.09.1997 | 01.09.1997 | СЗД | 10.10.2020 | история"
            ),
        ]
        _response, job = upload("pedagogi.csv", csv_bytes(rows, encoding="cp1251"))
        assert columns_of(job)["Ф.И.О. педагога"] == ("full_name", AUTO)
        assert columns_of(job)["Школа"] == ("organisation", AUTO)
        assert columns_of(job)["e-mail"] == ("email", AUTO)
        belov, orlova = imported(job, upload)
        assert orlova.category == Category.FIRST and belov.category == Category.CONFORMITY
        assert orlova.phone == "+7 900 111-22-33"
        assert sorted(s.name for s in orlova.subjects.all()) == ["история", "обществознание"]

    def test_it_splits_double_surnames_and_turkic_patronymics(self, upload, school):
        header = ["Фамилия Имя Отчество", "Пол", "Дата рождения", "Образовательная организация"]
        header += ["Должность", "Образование", "Педагогический стаж", "Общий стаж"]
        tail = ["СОШ № 1", "учитель", "высшее", "01.09.2010", "01.09.2010"]
        rows = [
            header,
            ["Петрова-Водкина Анна Сергеевна", "жен.", "01.01.1985", *tail],
            ["Римская Корсакова Елена Павловна", "Ж", "02.01.1985", *tail],
            ["Алиев Руслан Ибрагим оглы", "муж.", "03.01.1985", *tail],
            ["Мамедова Лейла Гасан кызы", "ж", "04.01.1985", *tail],
        ]
        _response, job = upload("names.csv", csv_bytes(rows, delimiter=","))
        people = {t.first_name: t for t in imported(job, upload)}
        assert people["Анна"].last_name == "Петрова-Водкина"
        assert people["Елена"].last_name == "Римская Корсакова"
        assert (people["Руслан"].last_name, people["Руслан"].patronymic) == (
            "Алиев",
            "Ибрагим оглы",
        )
        assert people["Лейла"].patronymic == "Гасан кызы"
        assert people["Руслан"].gender == "m" and people["Лейла"].gender == "f"

    def test_it_reads_bracketed_notes_asterisks_and_years(self, upload, school):
        rows = [
            line(
                "Фамилия * | Имя * | Отчество (при наличии)"
                " | Дата рождения (ДД.ММ.ГГГГ) * | Эл. почта | Место работы"
                " | Занимаемая должность | Образование | Стаж педагогической работы"
                " | Трудовой стаж | Кв. категория | Дата аттестации"
            ),
            line(
                "Лебедева | Нина |  | 1990-07-08 | lebedeva@school.ru | СОШ № 1"
                " | педагог-психолог | высшее | 5 | 8 | высшая категория | 01.03.2024"
            ),
        ]
        _response, job = upload("t.xlsx", xlsx(rows))
        assert job.status == ImportStatus.INVALID  # no patronymic, no gender column
        assert errors_of(job) == {
            2: [["Пол (ж/м)", "Обязательное значение: отчество не говорит о нём."]]
        }
        rows[0].append("Пол")
        rows[1].append("ж")
        _response, job = upload("t.xlsx", xlsx(rows))
        (teacher,) = imported(job, upload)
        assert teacher.patronymic == ""
        assert teacher.teaching_since == dt.date(2020, 9, 1)
        assert teacher.category == Category.HIGHEST

    def test_it_names_the_file_own_header_in_row_errors(self, upload, school):
        rows = [
            ["ФИО", "Д.р.", "ОО", "Должность", "Образование", "Стаж", "Общий стаж", "КК"],
            ["Иванова М.П.", "31.02.1980", "Лицей № 9", "учитель", "высшее", "10", "10", "2"],
            line(
                "Смирнова Ольга Ивановна | 01.01.1980 | СОШ № 1 | учитель | высшее | 10"
                " | 10 | первая"
            ),
        ]
        _response, job = upload("t.xlsx", xlsx(rows))
        assert job.status == ImportStatus.INVALID
        errors = dict((column, message) for column, message in errors_of(job)[2])
        assert "не инициалы" in errors["ФИО"]
        assert errors["Д.р."] == "«31.02.1980» не является датой (ДД.ММ.ГГГГ)."
        assert errors["КК"].startswith("«2» — не категория")
        assert errors_of(job)[3] == [
            ["Дата присвоения категории", "Укажите дату присвоения категории."]
        ]
        job = upload.apply(job)
        assert Teacher.objects.count() == 0  # all or nothing

    def test_separate_name_columns_win_over_a_full_name(self, upload, school):
        rows = [
            line(
                "ФИО | Фамилия | Имя | Отчество | Email | Почта | Пол | Дата рождения"
                " | ОО | Должность | Образование | Стаж | Стаж работы"
            ),
            line(
                "Иванова М. П. | Иванова | Мария | Петровна | a@school.ru | b@school.ru"
                " | ж | 01.01.1980 | СОШ № 1 | учитель | высшее | 10 | 12"
            ),
        ]
        _response, job = upload("t.xlsx", xlsx(rows))
        understood = columns_of(job)
        assert understood["ФИО"] == ("", REPEATED)
        assert understood["Почта"] == ("", REPEATED)
        assert understood["Фамилия"] == ("last_name", AUTO)
        (teacher,) = imported(job, upload)
        assert teacher.email == "a@school.ru"

    def test_it_skips_a_header_repeated_on_every_page(self, upload, school):
        header = ["ФИО", "Пол", "Дата рождения", "ОО", "Должность", "Образование", "Стаж"]
        header += ["Общий стаж"]
        row = ["Иванова Мария Петровна", "ж", "01.01.1980", "СОШ № 1", "учитель", "высшее"]
        row += ["10", "10"]
        other = ["Петрова Анна Ивановна", *row[1:]]
        _response, job = upload("t.xlsx", xlsx([header, row, [], header, other]))
        assert len(imported(job, upload)) == 2

    def test_it_reads_an_organisation_list_with_a_title(self, upload):
        rows = [
            ["Реестр образовательных организаций района"],
            [],
            ["№", "Наименование ОО", "Краткое наименование", "Тип", "Сайт", "Руководитель"],
            [1, "МБОУ «Средняя школа № 9»", "СШ № 9", "школа", "https://s9.ru", "Иванов И.И."],
            [2, "МБДОУ «Детский сад № 3»", "ДС № 3", "ДОУ", "", "Петрова А.А."],
        ]
        _response, job = upload("oo.xlsx", xlsx(rows), kind="organisations")
        assert job.status == ImportStatus.CHECKED, job.outcomes
        upload.apply(job)
        kinds = dict(Organisation.objects.values_list("short_name", "kind"))
        assert kinds == {"СШ № 9": OrganisationKind.SCHOOL, "ДС № 3": OrganisationKind.KINDERGARTEN}


@pytest.mark.django_db
class TestMappingByHand:
    ROWS = [
        line(
            "ФИО | Дата рождения | Где работает | Должность | Образование | Стаж"
            " | Общий стаж | Примечание"
        ),
        line(
            "Иванова Мария Петровна | 01.01.1980 | СОШ № 1 | учитель | высшее | 10 | 12 | в декрете"
        ),
    ]

    def test_it_shows_an_unknown_column_and_checks_again_with_the_choice(self, upload, school):
        _response, job = upload("t.xlsx", xlsx(self.ROWS))
        assert job.status == ImportStatus.INVALID
        assert "Нет обязательных столбцов: Организация." in job.message
        assert columns_of(job)["Где работает"] == ("", UNKNOWN)
        page = upload.client.get(job.get_absolute_url())
        assert "Как поняты столбцы" in page.text
        assert "не распознан" in page.text
        assert f'hx-post="/imports/{job.pk}/columns/"' in page.text
        data = {f"column_{i}": field for i, field in enumerate(["full_name", "birth_date", ""])}
        data |= {"column_2": "organisation", "column_3": "position", "column_4": "education_level"}
        data |= {"column_5": "teaching_since", "column_6": "working_since", "column_7": ""}
        response = upload.post(
            reverse("imports:columns", args=[job.pk]), data, headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        job.refresh_from_db()
        assert job.mapping == {"columns": {"2": "organisation"}}
        assert job.status == ImportStatus.CHECKED, job.message
        assert columns_of(job)["Где работает"] == ("organisation", MANUAL)
        assert columns_of(job)["Примечание"] == ("", UNKNOWN)
        assert imported(job, upload)[0].organisation == school

    def test_it_refuses_two_columns_for_one_field(self, upload, school):
        _response, job = upload("t.xlsx", xlsx(self.ROWS))
        data = {"column_0": "full_name", "column_1": "birth_date", "column_2": "last_name"}
        response = upload.post(
            reverse("imports:columns", args=[job.pk]), data, headers={"HX-Request": "true"}
        )
        assert "все сопоставлены с «Фамилия»" in response.text
        job.refresh_from_db()
        assert job.mapping == {} and job.status == ImportStatus.INVALID

    def test_it_takes_the_header_row_from_the_methodist(self, upload, school):
        rows = [["Педагоги"], ["Колонка 1", "Колонка 2"], *self.ROWS]
        _response, job = upload("t.xlsx", xlsx(rows))
        assert job.layout["header_rows"] == [3]
        response = upload.post(reverse("imports:columns", args=[job.pk]), {"header_row": 2})
        assert response.status_code == 302  # without JavaScript: back to the preview
        job.refresh_from_db()
        assert job.mapping == {"header_row": 2}
        assert job.layout["header_rows"] == [2]

    def test_it_keeps_the_choices_once_imported(self, upload, school):
        _response, job = upload("t.xlsx", xlsx(self.ROWS))
        job.status = ImportStatus.DONE
        job.save()
        response = upload.post(
            reverse("imports:columns", args=[job.pk]), {"column_2": "organisation"}
        )
        assert response.status_code == 400
        assert "только после проверки" in response.text
        assert "Проверить заново" not in upload.client.get(job.get_absolute_url()).text

    @pytest.mark.parametrize("role", ["coordinator", "head", "teacher"])
    def test_it_is_for_methodists_only(self, upload, school, client_as, role_users, role):
        _response, job = upload("t.xlsx", xlsx(self.ROWS))
        client = client_as(role_users[role])
        url = reverse("imports:columns", args=[job.pk])
        assert client.post(url, {"column_2": "organisation"}).status_code == 403
        job.refresh_from_db()
        assert job.mapping == {}


class TestFullNames:
    @pytest.mark.parametrize(
        ("text", "parts"),
        [
            ("Иванова Мария Петровна", ("Иванова", "Мария", "Петровна")),
            ("  иванова   мария  петровна ", ("иванова", "мария", "петровна")),
            ("Петрова-Водкина Анна Сергеевна", ("Петрова-Водкина", "Анна", "Сергеевна")),
            ("Римская Корсакова Анна Сергеевна", ("Римская Корсакова", "Анна", "Сергеевна")),
            ("Алиев Руслан Ибрагим оглы", ("Алиев", "Руслан", "Ибрагим оглы")),
            ("Мамедова Лейла Гасан кызы", ("Мамедова", "Лейла", "Гасан кызы")),
            ("Мария Петровна Иванова", ("Иванова", "Мария", "Петровна")),
            ("Иванова (Петрова) Мария Петровна", ("Иванова (Петрова)", "Мария", "Петровна")),
            ("Ким Анна", ("Ким", "Анна", "")),
        ],
    )
    def test_it_splits(self, text, parts):
        result = split_full_name(text)
        assert (result["last_name"], result["first_name"], result["patronymic"]) == parts

    @pytest.mark.parametrize(
        "text", ["Иванова", "Иванова М.П.", "Иванова М. П.", "Иванова Мария П."]
    )
    def test_it_refuses_a_name_it_cannot_split(self, text):
        with pytest.raises(ValidationError):
            split_full_name(text)

    @pytest.mark.parametrize(
        ("patronymic", "gender"),
        [
            ("Петровна", "f"),
            ("Ильинична", "f"),
            ("Гасан кызы", "f"),
            ("Петрович", "m"),
            ("Ильич", "m"),
            ("Ибрагим оглы", "m"),
            ("", None),
            ("Джон", None),
        ],
    )
    def test_it_tells_the_gender_by_the_patronymic(self, patronymic, gender):
        assert gender_from_patronymic(patronymic) == gender


class TestCategories:
    @pytest.mark.parametrize(
        ("text", "category"),
        [
            ("высшая", Category.HIGHEST),
            ("Высшая", Category.HIGHEST),
            ("Высшая кв. категория", Category.HIGHEST),
            ("высшая квалификационная категория", Category.HIGHEST),
            ("ВКК", Category.HIGHEST),
            ("первая", Category.FIRST),
            ("Первая категория", Category.FIRST),
            ("1 категория", Category.FIRST),
            ("1КК", Category.FIRST),
            ("1 кв.кат.", Category.FIRST),
            ("I", Category.FIRST),
            ("соответствие занимаемой должности", Category.CONFORMITY),
            ("Соответствие занимаемой должности", Category.CONFORMITY),
            ("соответствует занимаемой должности", Category.CONFORMITY),
            ("СЗД", Category.CONFORMITY),
            ("без категории", Category.NONE),
            ("Без категории", Category.NONE),
            ("б/к", Category.NONE),
            ("нет", Category.NONE),
            ("не имеет", Category.NONE),
        ],
    )
    def test_it_understands(self, text, category):
        assert parse_category(text) == category

    def test_it_takes_the_date_written_with_the_category(self):
        assert parse_category("высшая (приказ № 12 от 20.12.2022)") == {
            "category": Category.HIGHEST,
            "category_assigned_on": dt.date(2022, 12, 20),
        }

    @pytest.mark.parametrize("text", ["вторая", "2", "не соответствует", "молодой специалист"])
    def test_it_refuses_what_is_not_a_category(self, text):
        with pytest.raises(ValidationError):
            parse_category(text)


class TestExperience:
    @pytest.mark.parametrize(
        ("text", "since"),
        [
            ("01.09.2007", dt.date(2007, 9, 1)),
            ("15", dt.date(2010, 9, 1)),
            ("15 лет", dt.date(2010, 9, 1)),
            ("1 год", dt.date(2024, 9, 1)),
            ("12 лет 3 мес.", dt.date(2013, 6, 1)),
            ("0", dt.date(2025, 9, 1)),
        ],
    )
    def test_it_reads_a_date_or_years(self, text, since):
        assert parse_since(text) == since

    @pytest.mark.parametrize("text", ["давно", "150", "12,5 лет"])
    def test_it_refuses_the_rest(self, text):
        with pytest.raises(ValidationError):
            parse_since(text)


@pytest.mark.django_db
class TestLayout:
    def test_a_sheet_without_known_headers_keeps_its_first_row(self):
        rows = [(1, ["Колонка", "Другая"]), (2, ["Иванова", "x"])]
        layout = TeacherImporter.reader().read(rows)
        assert layout.header_rows == [1]
        assert [u.how for u in layout.uses] == [UNKNOWN, UNKNOWN]
        assert "last_name" in layout.missing

    def test_a_column_without_header_but_with_data_can_be_mapped(self):
        rows = [(1, ["ФИО", "Должность"]), (2, ["Иванова Мария Петровна", "учитель", "СОШ № 1"])]
        layout = TeacherImporter.reader().read(rows, {"columns": {"2": "organisation"}})
        assert [(u.letter, u.field, u.how) for u in layout.uses] == [
            ("A", "full_name", AUTO),
            ("B", "position", AUTO),
            ("C", "organisation", MANUAL),
        ]

    def test_the_large_import_still_plans_in_one_pass(self, municipality, methodist):
        OrganisationFactory(municipality=municipality, short_name="СОШ № 1")
        header = ["ФИО", "Пол", "Д.р.", "ОО", "Должность", "Образование", "Стаж", "Общий стаж"]
        rows = [(1, header)] + [
            (n, [f"Фамилия{n} Анна Сергеевна", "ж", "01.01.1980", "СОШ № 1", "учитель"])
            for n in range(2, 502)
        ]
        for _n, cells in rows[1:]:
            cells += ["высшее", "10", "12"]
        plan = TeacherImporter(municipality, methodist).plan(Sheet(rows=rows))
        assert plan.valid and plan.counts["new"] == 500


@pytest.mark.django_db
class TestColumnsPage:
    def test_it_works_without_javascript(self, upload, school):
        _response, job = upload("t.xlsx", xlsx(TestMappingByHand.ROWS))
        page = upload.client.get(reverse("imports:columns", args=[job.pk]))
        assert page.status_code == 200
        assert "hx-post" not in page.text  # a page of its own: a plain form
        assert "Проверить заново с этими столбцами" in page.text
