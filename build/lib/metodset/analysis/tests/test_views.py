import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from metodset.analysis import services
from metodset.analysis.models import AnalysisStatus, EvaluationResult, ExternalEvaluation
from metodset.associations.tests.factories import AssociationFactory
from metodset.core.tests.roles import HEAD_MANAGES, MANAGE, READ_ALL, READ_IN_SCOPE, ROLES
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.meetings.tests.pages import assert_clean

pytestmark = pytest.mark.django_db

COMPOSES = HEAD_MANAGES
REVIEWS = MANAGE
# The service's analysis: only its methodist (and the admin) write it.
SERVICE = MANAGE

# (url name, the object its argument is taken from, expected status per role)
PAGES = [
    ("analysis:list", None, READ_ALL),
    ("analysis:association", "association", READ_IN_SCOPE),
    ("analysis:create", "association", COMPOSES),
    ("analysis:evaluation_add", "association", MANAGE),
    ("analysis:service_create", "municipality", SERVICE),
    ("analysis:detail", "analysis", READ_IN_SCOPE),
    ("analysis:refresh", "analysis", COMPOSES),
    ("analysis:delete", "analysis", COMPOSES),
    ("analysis:adopt", "analysis", COMPOSES),
    ("analysis:submit", "analysis", COMPOSES),
    ("analysis:accept", "analysis", REVIEWS),
    ("analysis:return", "analysis", REVIEWS),
    ("documents:analysis_docx", "analysis", READ_IN_SCOPE),
    ("documents:analysis_pdf", "analysis", READ_IN_SCOPE),  # converted by fake_pdf here
    ("analysis:section_edit", "section", COMPOSES),
    ("analysis:evaluation_delete", "evaluation", MANAGE),
]


@pytest.fixture
def analysis(association, head):
    return services.analysis_generate(user=head, association=association, school_year=2024)


@pytest.fixture
def objects(association, analysis, municipality, methodist, fake_pdf):
    return {
        "association": association,
        "municipality": municipality,
        "analysis": analysis,
        "section": analysis.sections.first(),
        "evaluation": services.evaluation_record(
            user=methodist,
            association=association,
            evaluated_on=dt.date(2025, 5, 20),
            evaluator="Экспертная группа",
            result=EvaluationResult.EFFECTIVE,
        ),
    }


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(self, client_for, objects, name, key, role, status):
        args = [objects[key].pk] if key else []
        response = client_for(role).get(reverse(name, args=args))
        assert response.status_code == status, f"{name} as {role}"

    def test_every_url_is_covered(self):
        from metodset.analysis.urls import urlpatterns

        names = {f"analysis:{p.name}" for p in urlpatterns}
        # The analysis downloads are the documents app's (DOCUMENT_KINDS), tested here.
        assert names | {"documents:analysis_docx", "documents:analysis_pdf"} == {
            name for name, _k, _e in PAGES
        }

    @pytest.mark.parametrize(
        ("role", "status"), [("teacher", 403), ("other_head", 403), ("methodist_other", 404)]
    )
    def test_others_cannot_post(self, client_for, objects, role, status):
        client = client_for(role)
        section = objects["section"]
        response = client.post(
            reverse("analysis:section_edit", args=[section.pk]), {"conclusions": "x"}
        )
        assert response.status_code == status
        section.refresh_from_db()
        assert section.conclusions == ""


class TestPages:
    def test_the_head_drafts_edits_and_the_methodist_returns(self, client_for, association, head):
        client = client_for("head")
        response = client.post(
            reverse("analysis:create", args=[association.pk]), {"school_year": 2025}
        )
        assert response.status_code == 302
        analysis = association.analyses.get(school_year=2025)
        page = client.get(analysis.get_absolute_url())
        assert "Выполнение плана работы" in page.text and "Снять данные заново" in page.text
        assert_clean(page)
        section = analysis.sections.get(code="meetings")
        response = client.post(
            reverse("analysis:section_edit", args=[section.pk]),
            {"conclusions": "Заседания проведены.", "tasks": "Провести 4 заседания"},
        )
        assert response.status_code == 302
        meeting = MeetingFactory(association=association, date=dt.date(2025, 11, 10))
        decision = AgendaItemFactory(meeting=meeting, decision="Принять анализ.")
        client.post(reverse("analysis:adopt", args=[analysis.pk]), {"decision": decision.pk})
        client.post(reverse("analysis:submit", args=[analysis.pk]))
        analysis.refresh_from_db()
        assert analysis.status == AnalysisStatus.SUBMITTED
        methodist = client_for("methodist")
        methodist.post(
            reverse("analysis:return", args=[analysis.pk]), {"comment": "Добавьте цифры."}
        )
        analysis.refresh_from_db()
        assert analysis.status == AnalysisStatus.RETURNED
        page = client_for("head").get(analysis.get_absolute_url()).text
        assert "Добавьте цифры." in page and "возвращён на доработку" in page

    def test_the_methodist_records_an_external_evaluation(self, client_for, association):
        response = client_for("methodist").post(
            reverse("analysis:evaluation_add", args=[association.pk]),
            {
                "evaluated_on": "2025-05-20",
                "evaluator": "Комиссия РМК",
                "result": EvaluationResult.PARTLY,
                "summary": "",
            },
        )
        assert response.status_code == 302
        page = client_for("head").get(reverse("analysis:association", args=[association.pk]))
        assert "Комиссия РМК" in page.text and "20.05.2025" in page.text
        assert_clean(page)
        assert ExternalEvaluation.objects.get().recorded_by is not None

    def test_the_association_page_links_here(self, client_for, association):
        page = client_for("teacher").get(association.get_absolute_url())
        assert reverse("analysis:association", args=[association.pk]) in page.text

    def test_the_list_answers_in_constant_queries(
        self, client_for, municipality, methodist, django_assert_num_queries
    ):
        client = client_for("methodist")
        # session, user, the analyses of the year with their associations; the menu and
        # notifications of the layout
        url = reverse("analysis:list") + "?year=2024"
        client.get(url)

        def count() -> int:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            return len(captured)

        few = count()
        for _ in range(3):
            services.analysis_generate(
                user=None,
                association=AssociationFactory(municipality=municipality),
                school_year=2024,
            )
        assert count() == few


class TestDocument:
    def test_the_docx_holds_the_numbers_and_the_text(self, client_for, analysis, head):
        section = analysis.sections.get(code="plan")
        services.section_update(
            user=head, section=section, conclusions="План выполнен.", tasks="Задача один"
        )
        response = client_for("teacher").get(reverse("documents:analysis_docx", args=[analysis.pk]))
        assert response.status_code == 200
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            xml = archive.read("word/document.xml").decode()
        for text in (
            "АНАЛИЗ РАБОТЫ",
            "за 2024/2025 учебный год",
            "1. Выполнение плана работы",
            "План выполнен.",
            "1. Задача один",
            "Проведено заседаний",
        ):
            assert text in xml, text

    def test_the_pdf_opens_in_libreoffice(self, client_for, analysis, libreoffice, tmp_path):
        from metodset.documents.tests.test_pdf import pdf_text

        response = client_for("head").get(reverse("documents:analysis_pdf", args=[analysis.pk]))
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
        text = pdf_text(response.content, tmp_path)
        if text:
            assert "Выполнение плана работы" in text and "Потребности и дефициты" in text
