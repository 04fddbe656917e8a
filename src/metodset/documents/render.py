"""DOCX from a docxtpl template and a context; PDF from that DOCX through LibreOffice.

The PDF is converted from the very DOCX a user would download, so an authority's own
template governs both. LibreOffice runs headless with a profile folder of its own per
call (two conversions at once would otherwise fight over one profile) and a time limit.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateError

from metodset.documents.builtin import TEMPLATES_DIR

PDF_TIMEOUT = 60  # seconds: a cold LibreOffice start takes 2-5 s on a small machine


class RenderError(Exception):
    """The template could not be filled (a broken tag in an uploaded template)."""


class ConverterMissing(Exception):
    """LibreOffice is not installed on this server."""


class ConversionFailed(Exception):
    """LibreOffice ran but gave no PDF."""


def builtin_path(kind: str) -> Path:
    return TEMPLATES_DIR / f"{kind}.docx"


def _environment() -> Environment:
    # Autoescape: names and decisions are user text and may hold «<» or «&».
    return Environment(autoescape=True)


def render_docx(template, context: dict) -> bytes:
    """Fill `template` (a path or a binary file) with `context`; the DOCX as bytes."""
    document = DocxTemplate(template)
    try:
        document.render(context, jinja_env=_environment(), autoescape=True)
    except TemplateError as error:
        raise RenderError(str(error)) from error
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def template_variables(template) -> set[str]:
    """The top-level names a template uses; raises RenderError if it does not parse."""
    try:
        return set(DocxTemplate(template).get_undeclared_template_variables(_environment()))
    except TemplateError as error:
        raise RenderError(str(error)) from error


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: int = PDF_TIMEOUT) -> bytes:
    binary = soffice()
    if binary is None:
        raise ConverterMissing
    with tempfile.TemporaryDirectory(prefix="metodset-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder),
            str(source),
        ]
        # A session of its own: on timeout the whole group goes, soffice.bin included.
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise ConversionFailed("timeout") from error
        result = folder / "document.pdf"
        if not result.exists():
            raise ConversionFailed("no output")
        return result.read_bytes()
