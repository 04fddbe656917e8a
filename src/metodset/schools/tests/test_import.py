"""Results and the region's bias list come in through the imports app: all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from metodset.imports.models import ImportJob, ImportStatus
from metodset.imports.tests.files import csv_bytes, xlsx
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.schools.models import BiasFlag, Procedure, Result
from metodset.schools.tests.factories import subject

pytestmark = pytest.mark.django_db

HEADER = [
    "ОО",
    "Предмет",
    "Класс",
    "Учебный год",
    "Процедура",
    "Средний балл",
    "Доля «2»",
    "Доля «5»",
    "Количество участников",
]


def row(**changes):
    values = {
        "ОО": "СОШ № 1",
        "Предмет": "Математика",
        "Класс": "5",
        "Учебный год": "2024/2025",
        "Процедура": "ВПР",
        "Средний балл": "3,6",
        "Доля «2»": "12,5",
        "Доля «5»": "20",
        "Количество участников": "48",
    } | changes
    return [values[h] for h in HEADER]


@pytest.fixture
def school(municipality):
    subject("Математика")
    subject("Русский язык")
    return OrganisationFactory(
        municipality=municipality, name="МБОУ «СОШ № 1»", short_name="СОШ № 1"
    )


@pytest.fixture
def upload(client_as, methodist, django_capture_on_commit_callbacks):
    client = client_as(methodist)

    def do(name, data, kind):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("imports:upload"), {"kind": kind, "file": SimpleUploadedFile(name, data)}
            )
        job = ImportJob.objects.order_by("-pk").first()
        if job.status == ImportStatus.CHECKED:
            with django_capture_on_commit_callbacks(execute=True):
                client.post(reverse("imports:apply", args=[job.pk]))
            job.refresh_from_db()
        return job

    return do


class TestResults:
    def test_it_imports_and_a_second_import_changes_nothing(self, upload, school, methodist):
        rows = [
            HEADER,
            row(),
            row(**{"Предмет": "русский язык", "Процедура": "ОГЭ", "Класс": "9 класс"}),
        ]
        job = upload("results.xlsx", xlsx(rows), "results")
        assert job.status == ImportStatus.DONE, job.outcomes
        assert job.counts["new"] == 2
        result = Result.objects.get(procedure=Procedure.VPR)
        assert (result.organisation, result.school_year, str(result.fail_share)) == (
            school,
            2024,
            "12.50",
        )
        assert result.municipality == methodist.municipality
        assert Result.objects.get(procedure=Procedure.OGE).grade == 9
        again = upload("results.csv", csv_bytes(rows), "results")
        assert again.counts == {"new": 0, "update": 0, "unchanged": 2, "error": 0}

    def test_a_year_alone_is_the_school_year_it_ends(self, upload, school):
        job = upload("r.xlsx", xlsx([HEADER, row(**{"Учебный год": "2025"})]), "results")
        assert job.status == ImportStatus.DONE
        assert Result.objects.get().school_year == 2024

    def test_it_writes_nothing_when_rows_are_wrong(self, upload, school):
        rows = [
            HEADER,
            row(),
            row(**{"ОО": "Лицей № 99"}),
            row(**{"Предмет": "Астрология", "Класс": "6"}),
            row(**{"Доля «2»": "много", "Класс": "7"}),
            row(**{"Процедура": "ГИА", "Класс": "8"}),
            row(**{"Доля «2»": "70", "Доля «5»": "40", "Класс": "10"}),
            row(),
        ]
        job = upload("results.xlsx", xlsx(rows), "results")
        assert job.status == ImportStatus.INVALID
        assert Result.objects.count() == 0
        errors = {number: messages for number, _o, _l, messages in job.outcomes if messages}
        assert errors[3] == [["ОО", "В муниципалитете нет организации «Лицей № 99»."]]
        assert errors[4][0][0] == "Предмет" and "Астрология" in errors[4][0][1]
        assert errors[5] == [["Доля «2»", "«много» — не число."]]
        assert errors[6][0][0] == "Процедура"
        assert "100 %" in errors[7][0][1]
        assert errors[8] == [["", "Повторяет строку 2."]]


class TestBiasList:
    def test_it_imports_the_regions_list(self, upload, school):
        rows = [
            ["№", "Наименование ОО", "Год", "Процедура", "Предмет", "Основание"],
            ["1", "МБОУ «СОШ № 1»", "2025", "ВПР", "Математика", "письмо № 12"],
            ["2", "СОШ № 1", "2025", "ВПР", "", "письмо № 12"],
        ]
        job = upload("bias.xlsx", xlsx(rows), "bias")
        assert job.status == ImportStatus.DONE, job.outcomes
        assert sorted(str(f.subject) for f in BiasFlag.objects.all()) == ["None", "Математика"]
        assert set(BiasFlag.objects.values_list("school_year", flat=True)) == {2024}
