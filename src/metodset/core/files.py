"""Uploaded files: one private storage, random names, checks by content and size.

Every FileField of every model keeps its file in `private_storage`
(core/tests/test_files.py walks them all). The folder is PRIVATE_MEDIA_ROOT,
outside anything the web server or `runserver` serves; a stored file has no URL.
A view hands it out with `file_response` after the app's access helper has
checked scope and permission (another municipality's file answers 404).

A stored name is `<folder>/<year>/<random>.<ext>`: it tells nothing about the
person or the document and never collides. The name the user sees is made from
the record (an order's requisites, an attachment's original name).

An upload is checked by its extension, its size and its first bytes (and, for
an Office or OpenDocument file, its inner parts), against the limits of its
kind: a text or HTML file renamed to .pdf is refused before anything is saved.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.core.checks import Error
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word, Excel, PowerPoint before 2007
# Extension -> the first bytes a real file of that type starts with (None: plain text).
SIGNATURES: dict[str, bytes | None] = {
    "pdf": b"%PDF-",
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "odp": ZIP,
    "zip": ZIP,
    "doc": OLE2,
    "xls": OLE2,
    "ppt": OLE2,
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
    "csv": None,
}
# What a real Office Open XML archive holds; an OpenDocument file starts with its mimetype.
ZIP_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "zip": "application/zip",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "csv": "text/csv",
}
TEXT_SAMPLE = 8192  # bytes of a text file looked at for binary content
MB = 1024 * 1024


@dataclass(frozen=True)
class UploadKind:
    """What one kind of upload may be: its folder, its file types and its largest size."""

    folder: str
    extensions: tuple[str, ...]
    max_mb: int

    @property
    def max_bytes(self) -> int:
        return self.max_mb * MB

    @property
    def type_names(self) -> str:
        """«PDF, JPG или PNG»: the accepted types, as the refusal names them."""
        names = [e.upper() for e in self.extensions if e != "jpeg"]
        if len(names) == 1:
            return names[0]
        return _("%(types)s or %(last)s") % {"types": ", ".join(names[:-1]), "last": names[-1]}


ORDER = UploadKind("orders", ("pdf", "docx", "doc", "odt", "jpg", "jpeg", "png"), 10)
MEETING_ATTACHMENT = UploadKind(
    "meetings",
    (
        "pdf",
        "docx",
        "xlsx",
        "pptx",
        "odt",
        "ods",
        "odp",
        "doc",
        "xls",
        "ppt",
        "jpg",
        "jpeg",
        "png",
    ),
    20,
)
DOCUMENT_TEMPLATE = UploadKind("document-templates", ("docx",), 5)
PD_CERTIFICATE = UploadKind("growth/certificates", ("pdf", "jpg", "jpeg", "png"), 10)
EVENT_MATERIAL = UploadKind(
    "events/materials",
    ("pdf", "docx", "pptx", "xlsx", "odt", "odp", "jpg", "jpeg", "png", "zip"),
    20,
)
IMPORT_FILE = UploadKind("imports", ("xlsx", "csv"), 20)
# The result report of a network group (associations app), once its work ends.
NETWORK_REPORT = UploadKind(
    "associations/reports", ("pdf", "docx", "odt", "doc", "pptx", "odp", "jpg", "jpeg", "png"), 20
)
# integration: the bank of pedagogical information (library app) keeps its files here.
LIBRARY_FILE = UploadKind(
    "library",
    ("pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "doc", "ppt", "jpg", "jpeg", "png", "zip"),
    25,
)
UPLOAD_KINDS = {
    kind.folder: kind
    for kind in (
        ORDER,
        MEETING_ATTACHMENT,
        DOCUMENT_TEMPLATE,
        PD_CERTIFICATE,
        EVENT_MATERIAL,
        IMPORT_FILE,
        LIBRARY_FILE,
        NETWORK_REPORT,
    )
}


# --- The storage -----------------------------------------------------------------------


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


def check_private_root(app_configs, **kwargs) -> list[Error]:
    """System check: the private folder must not lie in a folder that is (or was) served."""
    private = private_root().resolve()
    served = [settings.STATIC_ROOT, settings.MEDIA_ROOT, *settings.STATICFILES_DIRS]
    return [
        Error(
            f"PRIVATE_MEDIA_ROOT ({private}) lies inside {folder}, which a web server serves.",
            hint="Keep uploaded files in a folder of their own, outside STATIC_ROOT and "
            "MEDIA_ROOT.",
            id="metodset.E001",
        )
        for folder in served
        if folder and private.is_relative_to(Path(folder).resolve())
    ]


def extension_of(name: str) -> str:
    name = PurePath(name or "").name.lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""


def random_name(folder: str, filename: str) -> str:
    """<folder>/<year>/<random>.<ext>: the stored name says nothing and never collides."""
    extension = extension_of(filename)
    suffix = f".{extension}" if extension.isascii() and extension.isalnum() else ""
    return f"{folder}/{timezone.localdate():%Y}/{uuid.uuid4().hex}{suffix}"


@deconstructible
class RandomName:
    """`upload_to` of every FileField: a random name in the folder of its upload kind."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        return random_name(self.folder, filename)

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


# --- What may be uploaded --------------------------------------------------------------


def _real_archive(uploaded, extension: str) -> bool:
    """A .docx holds word/document.xml, an .odt starts with its mimetype entry, a .zip opens."""
    try:
        with zipfile.ZipFile(uploaded) as archive:
            if extension in ZIP_PARTS:
                return ZIP_PARTS[extension] in archive.namelist()
            if extension in ODF_MIMETYPES:
                return archive.read("mimetype").strip() == ODF_MIMETYPES[extension]
            return bool(archive.namelist())  # opened, never unpacked: no zip bomb is expanded
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False
    finally:
        uploaded.seek(0)


def _real_text(head: bytes) -> bool:
    """A CSV is text: no NUL byte, and not a web page in disguise."""
    return b"\x00" not in head and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _real(uploaded, extension: str) -> bool:
    signature = SIGNATURES[extension]
    uploaded.seek(0)
    head = uploaded.read(TEXT_SAMPLE if signature is None else len(signature))
    uploaded.seek(0)
    if signature is None:
        return _real_text(head)
    if head != signature:
        return False
    return _real_archive(uploaded, extension) if signature == ZIP else True


def check_upload(uploaded, kind: UploadKind) -> None:
    """Refuse a file that is not of the kind's types (by its content) or is larger than allowed."""
    extension = extension_of(uploaded.name)
    if extension not in kind.extensions:
        raise ValidationError(
            _("Upload a %(types)s file.") % {"types": kind.type_names}, code="file_type"
        )
    if uploaded.size is not None and uploaded.size > kind.max_bytes:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": kind.max_mb}, code="file_size"
        )
    if not _real(uploaded, extension):
        raise ValidationError(
            _("The file is not a real .%(extension)s file.") % {"extension": extension},
            code="file_content",
        )


@deconstructible
class UploadCheck:
    """The validator of every FileField: a new upload is checked, a stored file was then."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, value) -> None:
        if not value or getattr(value, "_committed", False):
            return
        check_upload(value, UPLOAD_KINDS[self.folder])

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadCheck) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def private_file_field(kind: UploadKind, verbose_name, **options) -> models.FileField:
    """The FileField of every model: private storage, a random name, the kind's checks."""
    return models.FileField(
        verbose_name,
        upload_to=RandomName(kind.folder),
        storage=private_storage,
        max_length=255,
        validators=[UploadCheck(kind.folder)],
        **options,
    )


# --- Handing a file out ----------------------------------------------------------------


def download_name(title: str, stored_name: str = "") -> str:
    """A title made safe as a download name, with the stored file's extension:
    «Приказ № 5 от 01.09.2025.pdf»."""
    for char in '\\/:*?"<>|':
        title = title.replace(char, "-")
    title = " ".join(title.split())[:150].rstrip(". ") or "file"
    extension = extension_of(stored_name)
    return f"{title}.{extension}" if extension else title


def file_response(file, filename: str) -> FileResponse:
    """A stored file as a download, after the caller has checked access; 404 when missing.

    Always an attachment, never sniffed into HTML by the browser, never kept by a
    shared cache, and typed by its (checked) extension only.
    """
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = CONTENT_TYPES.get(extension_of(file.name), "application/octet-stream")
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Moving the files of before ----------------------------------------------------------


def move_to_private(apps, model: str, field: str, kind: UploadKind) -> int:
    """Move `model.field` files from MEDIA_ROOT into the private storage under random names.

    For data migrations. A file already in the private storage is left as it is,
    so running it again changes nothing; a row whose file is missing keeps its
    name (its download answers 404). The history rows follow the new name. The
    public copy is removed only once the migration is committed. Returns the
    number of files moved.
    """
    app_label, model_name = model.split(".")
    Model = apps.get_model(app_label, model_name)
    try:
        History = apps.get_model(app_label, f"Historical{model_name}")
    except LookupError:
        History = None
    public = Path(settings.MEDIA_ROOT).resolve()
    moved = 0
    rows = Model._default_manager.exclude(**{field: ""}).exclude(**{f"{field}__isnull": True})
    for pk, name in rows.values_list("pk", field):
        if private_storage.exists(name):
            continue
        source = (public / name).resolve()
        if not source.is_relative_to(public) or not source.is_file():
            continue
        with source.open("rb") as handle:
            new_name = private_storage.save(random_name(kind.folder, name), handle)
        Model._default_manager.filter(pk=pk).update(**{field: new_name})
        if History is not None:
            History._default_manager.filter(**{field: name}).update(**{field: new_name})
        transaction.on_commit(lambda source=source: source.unlink(missing_ok=True))
        moved += 1
    return moved
