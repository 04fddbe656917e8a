"""A subject an import adds belongs to the importing municipality, not to everyone."""

import pytest
from django.urls import reverse

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.imports.models import ImportStatus
from metodset.imports.tests.files import csv_bytes
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Subject, Teacher

HEADER = ["ФИО", "Пол", "Дата рождения", "ОО", "Должность", "Образование", "Стаж", "Общий стаж"]
HEADER += ["Предметы"]


def row(name: str, subjects: str) -> list[str]:
    return [name, "ж", "01.01.1980", "СОШ № 1", "учитель", "высшее", "10", "12", subjects]


@pytest.mark.django_db
class TestImportedSubjects:
    def test_a_subject_imported_in_one_municipality_stays_there(
        self, upload, school, municipality, other_municipality, client_as
    ):
        maths = Subject.objects.create(name="Математика")  # built in: shared
        data = csv_bytes([HEADER, row("Иванова Мария Петровна", "математика, Робототехника")])
        _response, job = upload("t.csv", data)
        assert job.status == ImportStatus.CHECKED, job.outcomes
        upload.apply(job)
        teacher = Teacher.objects.get()
        robotics = Subject.objects.get(name="Робототехника")
        assert robotics.municipality == municipality
        assert set(teacher.subjects.all()) == {maths, robotics}  # «математика» is the built-in

        stranger = UserFactory(role=Role.METHODIST, municipality=other_municipality)
        client = client_as(stranger)
        form = client.get(reverse("people:create")).text
        assert "Математика" in form
        assert "Робототехника" not in form
        assert "Робототехника" not in client.get(reverse("people:list")).text
        api = client.get("/api/v1/teachers/subjects/").json()["items"]
        assert [s["name"] for s in api] == ["Математика"]

        theirs = OrganisationFactory(municipality=other_municipality)
        payload = {
            "last_name": "Орлова",
            "first_name": "Вера",
            "gender": "f",
            "birth_date": "1986-02-03",
            "organisation_id": theirs.pk,
            "position": "учитель",
            "education_level": "higher",
            "teaching_since": "2008-09-01",
            "working_since": "2008-09-01",
            "subject_ids": [robotics.pk],
        }
        response = client.post("/api/v1/teachers/", payload, content_type="application/json")
        assert response.status_code == 422
        assert not Teacher.objects.filter(municipality=other_municipality).exists()
        response = client.post(
            reverse("people:create"),
            {"subjects": [robotics.pk], "last_name": "Орлова", "organisation": theirs.pk},
        )
        assert "Робототехника" not in response.text
        assert "subjects" in response.context["form"].errors

    def test_another_municipality_importing_the_same_name_gets_its_own(
        self, upload, school, municipality, other_municipality
    ):
        Subject.objects.create(name="Робототехника", municipality=other_municipality)
        upload.apply(
            upload("t.csv", csv_bytes([HEADER, row("Иванова Анна Петровна", "робототехника")]))[1]
        )
        mine = Subject.objects.get(municipality=municipality)
        assert mine.name == "робототехника"
        assert Teacher.objects.get().subjects.get() == mine
