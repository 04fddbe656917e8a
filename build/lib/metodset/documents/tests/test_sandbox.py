"""An uploaded template cannot run code: refused at upload, and inert at render."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from metodset.documents import render, services
from metodset.documents.models import DocumentTemplate
from metodset.documents.tests.test_views import minimal_docx

pytestmark = pytest.mark.django_db

RCE = (
    "{% for c in today.__class__.__mro__[1].__subclasses__() %}"
    "{% if c.__name__ == 'catch_warnings' %}"
    "{{ c()._module.__builtins__['__import__']('os').popen('id').read() }}"
    "{% endif %}{% endfor %}"
)
# The payload of the report and its variants: each reaches for Python's internals.
PAYLOADS = [
    RCE,
    "{{ today.__class__.__mro__[1].__subclasses__() }}",
    "{{ number.__class__ }}",
    "{{ chair._person.user.password }}",
    "{{ chair.__dict__ }}",
    "{{ today|attr('__class__') }}",
    "{{ (today|attr('__class__')).__mro__ }}",
    "{{ today['__class__'] }}",
    "{{ today['__cla' ~ 'ss__'] }}",
    "{{ '{0.__class__.__mro__}'.format(today) }}",
    "{{ '%s'|format(today) }}",
    "{{ today.format_map }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
    "{{ namespace.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ range.__self__ }}",
    "{{ self.__init__.__globals__ }}",
    "{% set x = today.__class__ %}{{ x }}",
    "{{ questions|map(attribute='__class__')|list }}",
    "{{ questions|join(',', attribute='__class__') }}",
    "{{ questions|sort(attribute='__class__') }}",
    "{{ questions|selectattr('__class__') }}",
    "{{ 'a' * 1000000000 }}",
    "{% macro m() %}{{ caller() }}{% endmacro %}",
    "{% with x = today %}{{ x.__class__ }}{% endwith %}",
    "{% filter upper %}{{ today.__class__ }}{% endfilter %}",
    "{% include 'x' %}",
]


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("notice.docx", content)


def with_title(text: str) -> bytes:
    """A harmless body and the payload in the document's title (docxtpl renders it too)."""
    document = Document()
    document.add_paragraph("{{ number }}")
    document.core_properties.title = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def in_header(text: str) -> bytes:
    document = Document()
    document.add_paragraph("{{ number }}")
    document.sections[0].header.paragraphs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def planted(municipality, content: bytes) -> DocumentTemplate:
    """A template saved past the upload check, as if the check had a hole."""
    return DocumentTemplate.objects.create(
        municipality=municipality,
        kind="minutes",
        file=SimpleUploadedFile("minutes.docx", content),
        original_name="minutes.docx",
    )


class TestUploadCheck:
    @pytest.mark.parametrize("payload", PAYLOADS)
    def test_it_refuses_every_payload_in_the_body(self, payload):
        with pytest.raises(ValidationError) as error:
            services.check_template(upload(minimal_docx(payload)), "minutes")
        assert error.value.code in {"unsafe_template", "unknown_placeholder", "template_syntax"}

    @pytest.mark.parametrize("build", [with_title, in_header])
    def test_it_looks_beyond_the_body(self, build):
        with pytest.raises(ValidationError, match="__class__"):
            services.check_template(upload(build("{{ today.__class__ }}")), "minutes")

    def test_the_refusal_names_what_is_not_allowed(self):
        with pytest.raises(ValidationError) as error:
            services.check_template(upload(minimal_docx(RCE)), "minutes")
        assert error.value.code == "unsafe_template"
        assert "__class__" in str(error.value)
        assert "( )" in str(error.value)

    @pytest.mark.parametrize(
        "source",
        [
            "{{ chair.signature or '________________' }} {{ authority|upper }}",
            "{% for p in present %}{{ loop.index }}. {{ p.genitive }}{% endfor %}",
            "{% for a in absent %}{{ a.person.short_name }} {{ a.reason }}{% endfor %}",
            "{% if present_count > 0 and not signed %}{{ present_names|replace(',', ';') }}"
            "{% endif %}",
            "{% set who = chair.full_name %}{{ who|default('нет') }} {{ questions[0].title }}",
        ],
    )
    def test_documented_fields_parts_and_filters_pass(self, source):
        services.check_template(upload(minimal_docx(source)), "minutes")

    def test_a_refused_upload_saves_nothing(self, client_for, municipality):
        url = reverse("documents:template_upload", args=[municipality.pk, "notice"])
        response = client_for("methodist").post(url, {"file": upload(minimal_docx(RCE))})
        assert response.status_code == 400
        assert "не допускается" in response.text
        assert not DocumentTemplate.objects.exists()


class TestRender:
    """Defence in depth: the same payloads, planted past the check, do not execute."""

    @pytest.mark.parametrize("payload", [p for p in PAYLOADS if "include" not in p])
    def test_the_sandbox_refuses_the_payload(self, payload, tmp_path):
        witness = tmp_path / "executed"
        source = payload.replace("popen('id')", f"popen('touch {witness}')")
        context = {"today": "06.12.2026", "number": 3, "questions": [{"title": "x"}]}
        try:
            content = render.render_docx(io.BytesIO(minimal_docx(source)), context)
        except render.RenderError:
            content = b""
        assert not witness.exists()
        assert b"uid=" not in content
        assert b"<class" not in content

    def test_a_planted_template_gives_no_output_in_docx(self, client_for, municipality, meeting):
        planted(municipality, minimal_docx(RCE))
        response = client_for("teacher").get(reverse("documents:minutes_docx", args=[meeting.pk]))
        assert response.status_code == 422
        assert "uid=" not in response.text
        assert "не удаётся заполнить" in response.text

    def test_a_planted_template_gives_no_pdf(self, client_for, municipality, meeting, fake_pdf):
        planted(municipality, with_title("{{ today.__class__.__mro__ }}"))
        response = client_for("teacher").get(reverse("documents:minutes_pdf", args=[meeting.pk]))
        assert response.status_code == 422
        assert "<class" not in response.text

    def test_the_builtin_templates_render_in_the_sandbox(self, client_for, meeting):
        response = client_for("teacher").get(reverse("documents:minutes_docx", args=[meeting.pk]))
        assert response.status_code == 200
