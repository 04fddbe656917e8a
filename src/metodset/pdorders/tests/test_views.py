"""The PD order's pages: every URL × every role, query counts of the lists, the choice of
lines through the page, and the exports opened and read."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from metodset.core.tests.roles import HEAD_MANAGES, MANAGE, ROLES
from metodset.growth.models import Competence, Need, TeacherNeed
from metodset.pdorders.models import Enrolment, PDRequest, PDRequestLine, PlannedCourse
from metodset.people.models import Teacher
from metodset.schools.tests.test_views import CREATE, READ, READ_RECORD

pytestmark = pytest.mark.django_db

# The list: the service and every head (his own association's requests); a plain teacher not.
LIST = READ | {"head": 200, "other_head": 200}
# An association's request: the service in scope and its own head.
READ_REQUEST = READ_RECORD | {"head": 200}
# The municipality's request: the service only.
READ_MUNICIPAL = READ_RECORD
EVERYONE = dict.fromkeys(ROLES, 200) | {"anonymous": 302}

PAGES = [
    ("pdorders:list", None, LIST),
    ("pdorders:request_add", None, CREATE),
    ("pdorders:request", "request", READ_REQUEST),
    ("pdorders:request", "municipal", READ_MUNICIPAL),
    ("pdorders:propose", "request", HEAD_MANAGES),
    ("pdorders:propose", "municipal", MANAGE),
    ("pdorders:line_add", "request", HEAD_MANAGES),
    ("pdorders:request_xlsx", "request", READ_REQUEST),
    ("pdorders:request_docx", "municipal", READ_MUNICIPAL),
    # A line of the municipality's request: the service's; the head writes his own only.
    ("pdorders:line_edit", "line", MANAGE),
    ("pdorders:line_delete", "line", MANAGE),
    ("pdorders:courses", None, READ),
    ("pdorders:course_add", None, CREATE),
    ("pdorders:course", "course", READ_RECORD),
    ("pdorders:course_edit", "course", MANAGE),
    ("pdorders:enrol", "course", MANAGE),
    ("pdorders:unenrol", "enrolment", MANAGE),
    ("pdorders:competences", None, READ),
    ("pdorders:competence_add", None, CREATE),
    ("pdorders:mine", None, EVERYONE),
]
POST_ONLY: list[str] = []


@pytest.fixture
def objects(municipality, association, users):
    request = PDRequest.objects.create(
        municipality=municipality, association=association, school_year=2025
    )
    municipal = PDRequest.objects.create(municipality=municipality, school_year=2025)
    competence = Competence.objects.create(municipality=municipality, code="1", title="Оценивание")
    line = PDRequestLine.objects.create(
        request=municipal, topic="Функциональная грамотность", hours=36, places=3
    )
    course = PlannedCourse.objects.create(
        municipality=municipality,
        title="Функциональная грамотность",
        provider="ИРО",
        hours=36,
        starts_on=dt.date(2025, 10, 1),
        ends_on=dt.date(2025, 10, 20),
        places=5,
        line=line,
    )
    member = Teacher.objects.get(user=users["teacher"])
    enrolment = Enrolment.objects.create(course=course, teacher=member)
    return {
        "request": request,
        "municipal": municipal,
        "line": line,
        "course": course,
        "enrolment": enrolment,
        "competence": competence,
    }


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{key}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(self, client_for, objects, name, key, role, status):
        args = [objects[key].pk] if key else []
        response = client_for(role).get(reverse(name, args=args))
        assert response.status_code == status, f"{name} as {role}"

    def test_every_url_is_covered(self):
        from metodset.pdorders.urls import urlpatterns

        names = {f"pdorders:{p.name}" for p in urlpatterns}
        assert names == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    def test_the_head_lists_only_his_associations_requests(self, client_for, objects):
        page = client_for("head").get(reverse("pdorders:list")).content.decode()
        assert reverse("pdorders:request", args=[objects["request"].pk]) in page
        assert reverse("pdorders:request", args=[objects["municipal"].pk]) not in page
        page = client_for("other_head").get(reverse("pdorders:list")).content.decode()
        assert reverse("pdorders:request", args=[objects["request"].pk]) not in page

    def test_the_teacher_sees_his_own_enrolment(self, client_for, objects):
        page = client_for("teacher").get(reverse("pdorders:mine")).content.decode()
        assert "Функциональная грамотность" in page
        page = client_for("head").get(reverse("pdorders:mine")).content.decode()
        assert "Функциональная грамотность" not in page

    def test_the_head_of_another_association_cannot_post(self, client_for, objects):
        response = client_for("other_head").post(
            reverse("pdorders:line_add", args=[objects["request"].pk]),
            {"topic": "Лишнее", "hours": 8, "places": 1},
        )
        assert response.status_code == 403
        assert not objects["request"].lines.exists()


class TestChoice:
    def test_only_the_ticked_lines_go_in_with_names_only_where_ticked(
        self, client_for, objects, municipality, users
    ):
        member = Teacher.objects.get(user=users["teacher"])
        need = Need.objects.create(municipality=municipality, name="Наставничество")
        TeacherNeed.objects.create(teacher=member, school_year=2025, need=need)
        client = client_for("head")
        url = reverse("pdorders:propose", args=[objects["request"].pk])
        page = client.get(url).content.decode()
        assert "Наставничество" in page and member.short_name in page
        key = f"need-{need.pk}"
        # Ticked without hours: nothing goes in.
        response = client.post(url, {f"{key}-choose": "on", f"{key}-places": "1"})
        assert response.status_code == 400
        assert not objects["request"].lines.exists()
        # Nothing ticked: nothing goes in either.
        assert client.post(url, {f"{key}-hours": "36"}).status_code == 400
        client.post(url, {f"{key}-choose": "on", f"{key}-hours": "36", f"{key}-places": "2"})
        line = objects["request"].lines.get()
        assert (line.topic, line.hours, line.places, line.source) == (
            "Наставничество",
            36,
            2,
            "need",
        )
        assert not line.teachers.exists()  # the names were not ticked
        line.delete()
        client.post(
            url,
            {
                f"{key}-choose": "on",
                f"{key}-hours": "36",
                f"{key}-places": "1",
                f"{key}-names": "on",
            },
        )
        assert list(objects["request"].lines.get().teachers.all()) == [member]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


class TestQueries:
    @pytest.mark.parametrize("rows", [1, 6])
    def test_the_lists_take_the_same_queries(self, client_for, objects, municipality, rows):
        from metodset.associations.tests.factories import AssociationFactory
        from metodset.people.tests.factories import TeacherFactory

        for index in range(rows):
            request = PDRequest.objects.create(
                municipality=municipality,
                association=AssociationFactory(municipality=municipality),
                school_year=2024,
            )
            line = PDRequestLine.objects.create(
                request=objects["municipal"],
                topic=f"Тема {index}",
                hours=16,
                places=2,
                competence=objects["competence"],
            )
            line.teachers.set([TeacherFactory(organisation__municipality=municipality)])
            course = PlannedCourse.objects.create(
                municipality=municipality,
                title=f"Курс {index}",
                provider="ИРО",
                hours=16,
                starts_on=dt.date(2025, 10, 1),
                ends_on=dt.date(2025, 10, 2),
                places=3,
                line=line,
            )
            Enrolment.objects.create(
                course=course, teacher=TeacherFactory(organisation__municipality=municipality)
            )
            assert request.pk
        client = client_for("methodist")
        counts = {
            "list": _count(client, reverse("pdorders:list")),
            "request": _count(client, reverse("pdorders:request", args=[objects["municipal"].pk])),
            "courses": _count(client, reverse("pdorders:courses")),
            "course": _count(client, reverse("pdorders:course", args=[objects["course"].pk])),
        }
        assert counts == EXPECTED_QUERIES
        teacher = client_for("teacher")
        assert _count(teacher, reverse("pdorders:mine")) == EXPECTED_MINE


# Sessions and the user, the menu's and the notifications' queries, then each page's own:
# the list one; the request its row, the lines, their teachers, the enrolments with the
# completed flag; the courses one; a course its row and the enrolments.
EXPECTED_QUERIES = {"list": 6, "request": 9, "courses": 5, "course": 6}
EXPECTED_MINE = 9


class TestExport:
    @pytest.fixture
    def filled(self, objects, municipality):
        from metodset.people.tests.factories import TeacherFactory

        line = objects["line"]
        line.competence = objects["competence"]
        line.save()
        line.teachers.set(
            [
                TeacherFactory(
                    organisation__municipality=municipality,
                    organisation__short_name="СОШ № 1",
                    last_name="Иванова",
                    first_name="Мария",
                    patronymic="Петровна",
                )
            ]
        )
        PDRequestLine.objects.create(
            request=objects["municipal"], topic='=HYPERLINK("x")', hours=72, places=4
        )
        return objects["municipal"]

    def test_the_xlsx_has_the_lines_as_text(self, client_for, filled):
        response = client_for("coordinator").get(reverse("pdorders:request_xlsx", args=[filled.pk]))
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Заявка"]
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        assert rows[0][:5] == [
            "№",
            "Тема (программа) повышения квалификации",
            "Компетенция",
            "Часов",
            "Мест",
        ]
        assert rows[1] == [
            1,
            "Функциональная грамотность",
            "1. Оценивание",
            36,
            3,
            "Иванова Мария Петровна (СОШ № 1)",
        ]
        assert rows[2][1] == '=HYPERLINK("x")'
        assert sheet.cell(row=3, column=2).data_type == "s"  # never a formula
        assert rows[3][1] == "Итого мест" and rows[3][4] == 7

    def test_the_docx_has_the_heading_and_the_table(self, client_for, filled, municipality):
        response = client_for("methodist").get(reverse("pdorders:request_docx", args=[filled.pk]))
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        document = Document(io.BytesIO(response.content))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "ЗАЯВКА" in text and "2025/2026" in text and municipality.name in text
        table = document.tables[0]
        cells = [[c.text for c in row.cells] for row in table.rows]
        assert cells[1][1:5] == ["Функциональная грамотность", "1. Оценивание", "36", "3"]
        assert "Иванова Мария Петровна" in cells[1][5]
        assert cells[-1][1] == "Итого мест" and cells[-1][4] == "7"
