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

from docx import Document
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from metodset.documents import sandbox
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


def render_docx(template, context: dict) -> bytes:
    """Fill `template` (a path or a binary file) with `context`, in the sandbox; the DOCX."""
    document = DocxTemplate(template)
    try:
        document.render(context, jinja_env=sandbox.environment(), autoescape=True)
    except TemplateError as error:  # SecurityError included
        raise RenderError(str(error)) from error
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def template_sources(template) -> list[str]:
    """Every text docxtpl renders as a template: body, headers and footers, footnotes and
    the document properties (docxtpl fills all of them)."""
    wrapper = DocxTemplate(template)
    document = Document(template)
    sources = [wrapper.patch_xml(wrapper.xml_to_string(document.element.body))]
    for relation in document.part.rels.values():
        if relation.reltype in (wrapper.HEADER_URI, wrapper.FOOTER_URI):
            blob = relation.target_part.blob
            if blob:
                sources.append(wrapper.patch_xml(wrapper.xml_to_string(parse_xml(blob))))
    for part in document.part.package.parts:
        if part.content_type == _FOOTNOTES:
            blob = part.blob
            sources.append(wrapper.patch_xml(blob.decode() if isinstance(blob, bytes) else blob))
    properties = document.core_properties
    sources += [getattr(properties, name) or "" for name in _PROPERTIES]
    return sources


def check_template_source(template, names) -> None:
    """Raise RenderError if the template does not parse, sandbox.UnsafeTemplate if it uses
    anything but `names`, their documented parts and the allowed filters."""
    env = sandbox.environment()
    unknown: set[str] = set()
    refused: set[str] = set()
    try:
        for source in template_sources(template):
            try:
                sandbox.check_source(env, source, names)
            except sandbox.UnsafeTemplate as problem:
                unknown |= problem.unknown
                refused |= problem.refused
    except TemplateError as error:
        raise RenderError(str(error)) from error
    if unknown or refused:
        raise sandbox.UnsafeTemplate(unknown, refused)


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
        # The arguments are a list (no shell) of the found binary and our own temp paths.
        process = subprocess.Popen(  # noqa: S603
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
