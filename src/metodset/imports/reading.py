"""Read a spreadsheet (XLSX or CSV in UTF-8 / Windows-1251, `;` or `,`) into rows of text.

The file is checked by its content, not only its name: an XLSX must be a valid
workbook, a CSV must be text. Formulas are read as their last computed values
(never evaluated); cells covered by a merge read as empty. Which row holds the
headers (a title block may come first) is decided by layout.py.

A hostile or careless file is refused before it costs memory or time: the archive's
directory is read first (the unpacked size of every part and the number of sheets,
without unpacking anything: a "zip bomb" stops there), and rows are counted while they
stream, so a million-row file stops at the first row past the limit. The web request
only runs `quick_check`; `read_sheet` runs in the task worker.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from metodset.core.files import IMPORT_FILE

MAX_SIZE = IMPORT_FILE.max_bytes
EXTENSIONS = (".xlsx", ".csv")
MAX_ROWS = 100_000  # a municipality's teachers fit many times over
MAX_COLUMNS = 200
MAX_SHEETS = 50
MAX_UNPACKED = 200 * 1024 * 1024  # all parts of a workbook together, unpacked
MAX_RATIO = 200  # unpacked : packed of one part; real sheets compress 5–20 times


@dataclass
class Sheet:
    rows: list[tuple[int, list[str]]]  # non-empty rows: (row number as the user sees it, cells)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):  # a datetime too: the time of a date cell is noise
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _too_many_rows() -> ValidationError:
    return ValidationError(
        _("The file has more than %(rows)s rows. Split it into several files.")
        % {"rows": f"{MAX_ROWS:,}".replace(",", "\u00a0")}
    )


def _check_size(data: bytes) -> None:
    if len(data) > MAX_SIZE:
        raise ValidationError(
            _("The file is larger than %(mb)s MB. Split it into several files.")
            % {"mb": MAX_SIZE // (1024 * 1024)}
        )


def quick_check(name: str, data: bytes) -> None:
    """What the upload request may afford: the size, the archive's directory, the first
    bytes of a text. Nothing is unpacked or parsed; read_sheet does that in the worker."""
    _check_size(data)
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        _check_archive(data)
    elif lowered.endswith(".csv"):
        if b"\x00" in data[:65536]:
            raise ValidationError(_("The file is not a text CSV file."))
    else:
        raise ValidationError(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))


def _check_archive(data: bytes) -> None:
    """Refuse a workbook whose parts unpack to too much, or with too many sheets, by the
    sizes its directory declares (zipfile never unpacks a part beyond its declared size)."""
    not_a_workbook = ValidationError(
        _("The file is not an Excel workbook (.xlsx): it cannot be opened.")
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise not_a_workbook
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise not_a_workbook from error
    unpacked = sum(part.file_size for part in parts)
    bomb = unpacked > MAX_UNPACKED or any(
        part.file_size > 1024 * 1024 and part.file_size > MAX_RATIO * max(part.compress_size, 1)
        for part in parts
    )
    if bomb:
        raise ValidationError(
            _(
                "The workbook unpacks to more than %(mb)s MB or is compressed suspiciously "
                "tightly; it is not imported. Save the data afresh in Excel or as CSV."
            )
            % {"mb": MAX_UNPACKED // (1024 * 1024)}
        )
    sheets = [
        p for p in parts if p.filename.startswith("xl/worksheets/") and p.filename.endswith(".xml")
    ]
    if len(sheets) > MAX_SHEETS:
        raise ValidationError(
            _("The workbook has more than %(count)s sheets; keep the data on the first one.")
            % {"count": MAX_SHEETS}
        )


def read_sheet(name: str, data: bytes) -> Sheet:
    quick_check(name, data)
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        rows = _read_xlsx(data)
    elif lowered.endswith(".csv"):
        rows = _read_csv(data)
    else:
        raise ValidationError(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))
    numbered = [(number, cells) for number, cells in rows if any(cells)]
    if not numbered:
        raise ValidationError(_("The file is empty."))
    return Sheet(rows=numbered)


def _read_xlsx(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(_("The file is not an Excel workbook (.xlsx): it cannot be opened."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # any damage means the same to the user
        raise ValidationError(
            _("The file is not an Excel workbook (.xlsx): it cannot be opened.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        values_of = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        for number, values in enumerate(values_of, start=1):
            if number > MAX_ROWS:
                raise _too_many_rows()
            rows.append((number, [_cell_text(v) for v in values]))
    finally:
        workbook.close()
    return rows


def _decode(data: bytes) -> str:
    if b"\x00" in data[:65536]:
        raise ValidationError(_("The file is not a text CSV file."))
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is neither UTF-8 nor Windows-1251 text."))


def _read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    text = _decode(data)
    # A title line may come first: judge the delimiter by the first lines together.
    sample = "\n".join(text.split("\n", 30)[:30])
    delimiter = max((";", ",", "\t"), key=sample.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for number, row in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise _too_many_rows()
            rows.append((number, [c.strip() for c in row[:MAX_COLUMNS]]))
        return rows
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error
