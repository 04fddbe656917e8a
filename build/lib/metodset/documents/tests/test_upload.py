import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from metodset.documents import services
from metodset.documents.models import DocumentTemplate
from metodset.documents.tests.test_views import minimal_docx

pytestmark = pytest.mark.django_db


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


class TestCheckTemplate:
    def test_it_accepts_the_builtin_templates(self):
        from metodset.documents.builtin import KINDS, TEMPLATES_DIR

        for kind in KINDS:
            content = (TEMPLATES_DIR / f"{kind}.docx").read_bytes()
            services.check_template(upload(f"{kind}.docx", content), kind)

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("plan.pdf", b"%PDF-1.7", "Загрузите файл .docx."),
            ("plan.docx", b"just text renamed", "не настоящий документ Word"),
            ("plan.docx", b"PK\x03\x04broken zip", "не настоящий документ Word"),
        ],
    )
    def test_it_refuses_what_is_not_a_docx(self, name, content, message):
        with pytest.raises(ValidationError) as error:
            services.check_template(upload(name, content), "plan")
        assert message in str(error.value)

    def test_it_refuses_a_zip_that_is_not_a_word_document(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("content.xml", "<x/>")
        with pytest.raises(ValidationError, match="не настоящий документ Word"):
            services.check_template(upload("t.docx", buffer.getvalue()), "plan")

    def test_it_refuses_a_file_over_the_limit(self, monkeypatch):
        monkeypatch.setattr(services, "MAX_TEMPLATE_SIZE", 100)
        with pytest.raises(ValidationError, match="больше 5 МБ"):
            services.check_template(upload("t.docx", minimal_docx("{{ theme }}")), "plan")

    def test_it_names_the_unknown_placeholders(self):
        content = minimal_docx("{{ theme }} {{ director_name }} {{ stamp.date }}")
        with pytest.raises(ValidationError) as error:
            services.check_template(upload("t.docx", content), "plan")
        assert "director_name, stamp" in str(error.value)

    def test_a_field_of_another_kind_is_unknown(self):
        with pytest.raises(ValidationError, match="present_names"):
            services.check_template(upload("t.docx", minimal_docx("{{ present_names }}")), "notice")

    def test_it_refuses_broken_tags(self):
        with pytest.raises(ValidationError, match="ошибка в полях"):
            content = minimal_docx("{% if theme %} без конца")
            services.check_template(upload("t.docx", content), "plan")

    def test_loop_variables_are_not_unknown(self):
        content = minimal_docx("{% for q in questions %}{{ q.title }}{% endfor %}")
        services.check_template(upload("t.docx", content), "minutes")


class TestUploadPage:
    def test_a_refused_upload_saves_nothing_and_says_why(self, client_for, municipality):
        url = reverse("documents:template_upload", args=[municipality.pk, "order_head"])
        response = client_for("methodist").post(
            url, {"file": upload("t.docx", minimal_docx("{{ head.accusative }} {{ boss }}"))}
        )
        assert response.status_code == 400
        assert "неизвестные поля: boss" in response.text
        assert not DocumentTemplate.objects.exists()

    def test_the_service_checks_too(self, methodist, municipality):
        with pytest.raises(ValidationError):
            services.template_upload(
                user=methodist,
                municipality=municipality,
                kind="plan",
                file=upload("t.docx", minimal_docx("{{ boss }}")),
            )
        assert not DocumentTemplate.objects.exists()

    def test_an_upload_is_kept_in_the_history_with_its_author(self, methodist, municipality):
        own = services.template_upload(
            user=methodist,
            municipality=municipality,
            kind="plan",
            file=upload("t.docx", minimal_docx("{{ theme }}")),
        )
        assert own.uploaded_by == methodist
        assert own.history.get().history_user == methodist


class TestDocumentation:
    def test_every_field_of_every_kind_is_documented(self):
        from pathlib import Path

        from metodset.documents.context import PLACEHOLDERS

        docs = (Path(__file__).resolve().parents[4] / "docs" / "documents.md").read_text()
        for kind, fields in PLACEHOLDERS.items():
            section = docs.split(f"(`{kind}`)", 1)[1].split("####", 1)[0]
            missing = [name for name in fields if f"| `{name}` |" not in section]
            assert missing == [], f"{kind}: document these fields in docs/documents.md"
