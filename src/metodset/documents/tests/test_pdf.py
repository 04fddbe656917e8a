"""PDF through LibreOffice: skipped without it, required in CI (METODSET_REQUIRE_LIBREOFFICE)."""

import shutil
import subprocess

import pytest
from django.urls import reverse

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
