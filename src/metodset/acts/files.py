"""Uploaded order files: checked by extension, size and content (magic bytes)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SIZE = 10 * 1024 * 1024
SIGNATURES = {
    "pdf": [b"%PDF"],
    "docx": [b"PK\x03\x04"],
    "odt": [b"PK\x03\x04"],
    "doc": [b"\xd0\xcf\x11\xe0"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG"],
}


def check_upload(uploaded) -> None:
    name = (uploaded.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in SIGNATURES:
        raise ValidationError(_("Upload a PDF, DOCX, DOC, ODT, JPG or PNG file."))
    if uploaded.size > MAX_SIZE:
        raise ValidationError(_("The file is larger than 10 MB."))
    head = uploaded.read(8)
    uploaded.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
        raise ValidationError(
            _("The file is not a real .%(extension)s file.") % {"extension": extension}
        )
