"""PDF through LibreOffice: skipped without it, required in CI (METODSET_REQUIRE_LIBREOFFICE)."""

import shutil
import subprocess
import time

import pytest
from django.urls import reverse

from metodset.documents import render, services

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        return ""
    source = tmp_path / "document.pdf"
    source.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], capture_output=True, text=True, check=True
    ).stdout


class TestPdf:
    def test_the_minutes_convert_with_their_text(self, libreoffice, client_for, meeting, tmp_path):
        response = client_for("teacher").get(reverse("documents:minutes_pdf", args=[meeting.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        text = pdf_text(response.content, tmp_path)
        if text:
            assert "ПРОТОКОЛ" in text.replace("П Р О Т О К О Л", "ПРОТОКОЛ")
            assert "Присутствовали: 3 чел." not in text  # one of three was absent
            assert "Присутствовали: 2 чел." in text
            assert "РЕШИЛИ:" in text

    def test_the_head_order_converts_with_the_declined_name(
        self, libreoffice, client_for, appointment, tmp_path
    ):
        url = reverse("documents:order_head_pdf", args=[appointment.pk])
        response = client_for("methodist").get(url)
        assert response.content.startswith(b"%PDF")
        text = " ".join(pdf_text(response.content, tmp_path).split())
        if text:
            assert "Назначить Иванову Марию Петровну" in text


class TestConverter:
    """The conversion's failures, with a stand-in for soffice (no LibreOffice needed)."""

    def _fake(self, tmp_path, monkeypatch, script: str):
        fake = tmp_path / "soffice"
        fake.write_text(f"#!/bin/sh\n{script}\n")
        fake.chmod(0o755)
        monkeypatch.setattr(render, "soffice", lambda: str(fake))

    def test_a_hanging_converter_is_stopped(self, tmp_path, monkeypatch):
        self._fake(tmp_path, monkeypatch, "sleep 30")
        started = time.monotonic()
        with pytest.raises(render.ConversionFailed, match="timeout"):
            render.docx_to_pdf(b"PK", timeout=1)
        assert time.monotonic() - started < 10

    def test_a_converter_that_writes_nothing_fails_clearly(self, tmp_path, monkeypatch):
        self._fake(tmp_path, monkeypatch, "exit 0")
        with pytest.raises(render.ConversionFailed, match="no output"):
            render.docx_to_pdf(b"PK")

    def test_without_soffice_it_says_so(self, monkeypatch):
        monkeypatch.setattr(render, "soffice", lambda: None)
        with pytest.raises(render.ConverterMissing):
            render.docx_to_pdf(b"PK")


class TestEveryKind:
    def test_every_builtin_template_opens_in_libreoffice(
        self, libreoffice, plan, meeting, association, appointment, tmp_path
    ):
        """LibreOffice reads each generated DOCX and prints its document kind."""
        made = {
            "ПЛАН РАБОТЫ": services.plan_document(plan),
            "ПРОТОКОЛ": services.minutes_document(meeting),
            "ИЗВЕЩЕНИЕ": services.notice_document(meeting),
            "О создании": services.order_creation_document(association),
            "О назначении руководителя": services.order_head_document(appointment),
        }
        for title, generated in made.items():
            pdf = services.to_pdf(generated).content
            assert pdf.startswith(b"%PDF"), title
            text = pdf_text(pdf, tmp_path)
            if text:
                spaced = " ".join(title)  # the kind is printed letter-spaced
                assert title in text or spaced in text, title
