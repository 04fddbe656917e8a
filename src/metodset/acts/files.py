"""Order files: where they are kept and what may be uploaded.

An order file is kept outside MEDIA_ROOT, which the web server (or `runserver`
with DEBUG) serves to anyone who knows the address. It has no URL: the
`acts:file` view hands it out after checking that the user may see the order.

An upload is checked by its extension, its size and its first bytes, so a text
file renamed to .pdf is refused before anything is saved.
"""

import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

MAX_SIZE = 10 * 1024 * 1024
EXTENSIONS = ("pdf", "docx", "doc", "odt", "jpg", "jpeg", "png")
ZIP = b"PK\x03\x04"
SIGNATURES = {
    "pdf": b"%PDF-",
    "docx": ZIP,
    "odt": ZIP,
    "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE2 compound document
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def private_root() -> Path:
    """PRIVATE_MEDIA_ROOT if the settings name one, else DATA_DIR/private."""
    return Path(getattr(settings, "PRIVATE_MEDIA_ROOT", None) or settings.DATA_DIR / "private")


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files with no public URL, in a folder read from the settings at each use."""

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return str(private_root().resolve())

    @property
    def base_url(self):
        return None


private_storage = PrivateStorage()


def order_upload_to(instance, filename: str) -> str:
    """orders/<year>/<random>.<ext>: the stored name says nothing and never collides."""
    year = instance.date.year if instance.date else "undated"
    return f"orders/{year}/{uuid.uuid4().hex}.{extension_of(filename)}"


def extension_of(name: str) -> str:
    name = Path(name or "").name.lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""


def _is_real_zip_document(uploaded, extension: str) -> bool:
    """A .docx holds word/document.xml; an .odt starts with its text mimetype entry."""
    try:
        with zipfile.ZipFile(uploaded) as archive:
            if extension == "docx":
                return "word/document.xml" in archive.namelist()
            return archive.read("mimetype").strip() == ODT_MIMETYPE
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False
    finally:
        uploaded.seek(0)


def check_upload(uploaded) -> None:
    """Refuse a file that is not a PDF, Word, OpenDocument or image file of at most 10 MB."""
    extension = extension_of(uploaded.name)
    if extension not in SIGNATURES:
        raise ValidationError(_("Upload a PDF, DOCX, DOC, ODT, JPG or PNG file."), code="file_type")
    if uploaded.size > MAX_SIZE:
        raise ValidationError(_("The file is larger than 10 MB."), code="file_size")
    uploaded.seek(0)
    head = uploaded.read(len(SIGNATURES[extension]))
    uploaded.seek(0)
    real = head == SIGNATURES[extension]
    if real and extension in ("docx", "odt"):
        real = _is_real_zip_document(uploaded, extension)
    if not real:
        raise ValidationError(
            _("The file is not a real .%(extension)s file.") % {"extension": extension},
            code="file_content",
        )


def validate_order_file(value) -> None:
    """Model field validator: checks a new upload; a file already stored was checked then."""
    if not value or getattr(value, "_committed", False):
        return
    check_upload(value)
