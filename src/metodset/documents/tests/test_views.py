import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from metodset.core.downloads import ascii_name
from metodset.documents import render, services
from metodset.documents.models import DocumentTemplate
from metodset.documents.tests.fixtures import docx_text
from metodset.meetings.tests.pages import assert_clean
from metodset.meetings.tests.test_views import ROLES

pytestmark = pytest.mark.django_db

# Whoever may see the plan or meeting may download its documents.
READ_IN_SCOPE = dict.fromkeys(ROLES, 200) | {
    "anonymous": 302,
    "coordinator_other": 404,
    "methodist_other": 404,
}
# Orders and templates are the methodical service's (and the platform admin's).
SERVICE = {
    "anonymous": 302,
    "platform_admin": 200,
    "coordinator": 403,
    "coordinator_other": 404,
    "methodist": 200,
    "methodist_other": 404,
    "head": 403,
    "other_head": 403,
    "teacher": 403,
}
ANY_METHODIST = SERVICE | {"coordinator_other": 403, "methodist_other": 200}
INDEX = ANY_METHODIST | {"methodist": 302, "methodist_other": 302}

# (url name, the key of its arguments, expected status per role)
PAGES = [
    ("documents:plan_docx", "plan", READ_IN_SCOPE),
    ("documents:plan_pdf", "plan", READ_IN_SCOPE),
    ("documents:minutes_docx", "meeting", READ_IN_SCOPE),
    ("documents:minutes_pdf", "meeting", READ_IN_SCOPE),
    ("documents:notice_docx", "meeting", READ_IN_SCOPE),
    ("documents:notice_pdf", "meeting", READ_IN_SCOPE),
    ("documents:order_creation_docx", "association", SERVICE),
    ("documents:order_creation_pdf", "association", SERVICE),
    ("documents:order_head_docx", "appointment", SERVICE),
    ("documents:order_head_pdf", "appointment", SERVICE),
    ("documents:template_index", None, INDEX),
    ("documents:templates", "municipality", SERVICE),
    ("documents:template_builtin", "kind", ANY_METHODIST),
    ("documents:template_file", "own", SERVICE),
    ("documents:template_upload", "own", SERVICE),
    ("documents:template_revert", "own", SERVICE),
]
POST_ONLY: list[str] = []


def minimal_docx(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def own_template(municipality, methodist):
    return services.template_upload(
        user=methodist,
        municipality=municipality,
        kind="minutes",
        file=SimpleUploadedFile("протокол.docx", minimal_docx("Протокол № {{ number }}")),
    )


@pytest.fixture
def objects(plan, meeting, association, appointment, municipality, own_template):
    return {
        "plan": [plan.pk],
        "meeting": [meeting.pk],
        "association": [association.pk],
        "appointment": [appointment.pk],
        "municipality": [municipality.pk],
        "kind": ["plan"],
        "own": [municipality.pk, "minutes"],
    }


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(
        self, client_for, objects, fake_pdf, name, key, role, status
    ):
        args = objects[key] if key else []
        response = client_for(role).get(reverse(name, args=args))
        assert response.status_code == status, f"{name} as {role}"

    def test_every_url_is_covered(self):
        from metodset.documents.urls import urlpatterns

        names = {f"documents:{p.name}" for p in urlpatterns}
        # Kinds other apps declare (DOCUMENT_KINDS) keep their role matrix in those apps.
        elsewhere = {
            "documents:analysis_docx",
            "documents:analysis_pdf",
            # proposals/tests/test_views.py (issue #16)
            "documents:order_award_docx",
            "documents:order_award_pdf",
        }
        elsewhere |= {"documents:observation_docx", "documents:observation_pdf"}  # schools
        # associations/tests/test_network.py: the council's composition (issue #17)
        elsewhere |= {"documents:order_council_docx", "documents:order_council_pdf"}
        assert names - elsewhere == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    def test_pages_are_clean(self, client_for, objects):
        pages = (("documents:templates", "municipality"), ("documents:template_upload", "own"))
        for name, key in pages:
            assert_clean(client_for("methodist").get(reverse(name, args=objects[key])))

    def test_an_unknown_kind_is_not_found(self, client_for, municipality):
        client = client_for("methodist")
        assert client.get(reverse("documents:template_builtin", args=["act"])).status_code == 404
        url = reverse("documents:template_upload", args=[municipality.pk, "act"])
        assert client.get(url).status_code == 404


class TestDownloads:
    def test_the_docx_has_its_russian_name_and_an_ascii_fallback(self, client_for, meeting):
        response = client_for("teacher").get(reverse("documents:minutes_docx", args=[meeting.pk]))
        name = f"Протокол № {meeting.number} от 12.11.2025.docx"
        disposition = response["Content-Disposition"]
        assert f"filename*=UTF-8''{quote(name)}" in disposition
        assert f'filename="Protokol_N_{meeting.number}_ot_12.11.2025.docx"' in disposition
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "ПРОТОКОЛ" in docx_text(response.content)

    def test_ascii_names_keep_only_safe_characters(self):
        assert ascii_name("План работы 2025-2026 «ММО»") == "Plan_raboty_2025-2026_MMO"
        assert ascii_name("Щука, ёж") == "Shchuka_ezh"

    def test_without_libreoffice_the_pdf_says_so_in_russian(self, client_for, meeting, monkeypatch):
        monkeypatch.setattr(render, "soffice", lambda: None)
        response = client_for("teacher").get(reverse("documents:minutes_pdf", args=[meeting.pk]))
        assert response.status_code == 503
        assert "LibreOffice не установлен" in response.text

    def test_a_failed_conversion_is_a_clear_503(self, client_for, meeting, monkeypatch):
        def fail(data, **kwargs):
            raise render.ConversionFailed("no output")

        monkeypatch.setattr(render, "docx_to_pdf", fail)
        response = client_for("teacher").get(reverse("documents:notice_pdf", args=[meeting.pk]))
        assert response.status_code == 503
        assert "не удалось преобразовать" in response.text

    def test_an_own_template_that_cannot_be_filled_is_explained(
        self, client_for, meeting, own_template
    ):
        # Saved before the check existed, or edited on disk: a filter Jinja does not know.
        with own_template.file.open("wb") as handle:
            handle.write(minimal_docx("{{ number|nosuchfilter }}"))
        response = client_for("teacher").get(reverse("documents:minutes_docx", args=[meeting.pk]))
        assert response.status_code == 422
        assert "Шаблон документов вашего муниципалитета" in response.text

    def test_the_association_page_offers_order_drafts_to_the_methodist_only(
        self, client_for, association, appointment
    ):
        url = association.get_absolute_url()
        page = client_for("methodist").get(url).text
        assert reverse("documents:order_creation_docx", args=[association.pk]) in page
        assert reverse("documents:order_head_pdf", args=[appointment.pk]) in page
        assert "order-drafts" not in client_for("head").get(url).text

    def test_the_plan_and_meeting_pages_link_their_documents(self, client_for, plan, meeting):
        client = client_for("teacher")
        page = client.get(plan.get_absolute_url()).text
        assert reverse("documents:plan_pdf", args=[plan.pk]) in page
        page = client.get(meeting.get_absolute_url()).text
        assert reverse("documents:minutes_docx", args=[meeting.pk]) in page
        assert reverse("documents:notice_pdf", args=[meeting.pk]) in page


class TestTemplatePages:
    def test_a_methodist_uploads_replaces_and_reverts(
        self, client_for, municipality, meeting, django_capture_on_commit_callbacks
    ):
        client = client_for("methodist")
        url = reverse("documents:template_upload", args=[municipality.pk, "minutes"])
        upload = SimpleUploadedFile("наш.docx", minimal_docx("Наш протокол № {{ number }}"))
        response = client.post(url, {"file": upload})
        assert response.status_code == 302
        own = DocumentTemplate.objects.get(municipality=municipality, kind="minutes")
        assert own.original_name == "наш.docx"
        first_file = own.file.name
        document = client.get(reverse("documents:minutes_docx", args=[meeting.pk]))
        assert docx_text(document.content).strip() == f"Наш протокол № {meeting.number}"

        again = SimpleUploadedFile("второй.docx", minimal_docx("Второй {{ date }}"))
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, {"file": again}).status_code == 302
        own.refresh_from_db()
        assert own.original_name == "второй.docx"
        assert not own.file.storage.exists(first_file)  # the replaced file is gone

        page = client.get(reverse("documents:templates", args=[municipality.pk])).text
        assert "второй.docx" in page

        revert = reverse("documents:template_revert", args=[municipality.pk, "minutes"])
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(revert).status_code == 302
        assert not DocumentTemplate.objects.filter(municipality=municipality).exists()
        assert not own.file.storage.exists(own.file.name)
        document = client.get(reverse("documents:minutes_docx", args=[meeting.pk]))
        assert "ПРОТОКОЛ" in docx_text(document.content)
        history = client.get(reverse("documents:templates", args=[municipality.pk])).text
        assert "возврат к встроенному шаблону" in history

    def test_the_builtin_template_downloads_as_committed(self, client_for):
        response = client_for("methodist").get(
            reverse("documents:template_builtin", args=["order_head"])
        )
        assert b"".join(response.streaming_content) == (
            render.builtin_path("order_head").read_bytes()
        )

    def test_the_own_template_file_is_never_under_media(self, own_template, settings):
        from pathlib import Path

        stored = Path(own_template.file.path).resolve()
        assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in stored.parents
        assert Path(settings.MEDIA_ROOT).resolve() not in stored.parents

    def test_another_municipality_cannot_post_a_template(self, client_for, municipality):
        url = reverse("documents:template_upload", args=[municipality.pk, "plan"])
        upload = SimpleUploadedFile("t.docx", minimal_docx("{{ theme }}"))
        assert client_for("methodist_other").post(url, {"file": upload}).status_code == 404
        assert client_for("head").post(url, {"file": upload}).status_code == 403
        assert not DocumentTemplate.objects.exists()
