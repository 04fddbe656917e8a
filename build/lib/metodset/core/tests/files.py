"""Small real files of every accepted type, and impostors, for upload tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
CSV = "Фамилия;Имя\nИванова;Анна\n".encode()


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx() -> bytes:
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def odt(kind: str = "text") -> bytes:
    """An OpenDocument file: text, spreadsheet or presentation."""
    return _zip(
        {
            "mimetype": f"application/vnd.oasis.opendocument.{kind}",
            "content.xml": "<office:document-content/>",
        }
    )


def xlsx() -> bytes:
    """A zip that is a spreadsheet, not a text document."""
    return _zip({"xl/workbook.xml": "<workbook/>"})


def pptx() -> bytes:
    return _zip({"ppt/presentation.xml": "<p:presentation/>"})


def plain_zip() -> bytes:
    return _zip({"readme.txt": "materials"})


def upload(name: str = "приказ.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
