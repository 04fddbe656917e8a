"""Read a spreadsheet (XLSX or CSV in UTF-8 / Windows-1251, `;` or `,`) into rows of text.

The file is checked by its content, not only its name: an XLSX must be a valid
workbook, a CSV must be text. Formulas are read as their last computed values
(never evaluated); cells covered by a merge read as empty. Which row holds the
headers (a title block may come first) is decided by layout.py.
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


def read_sheet(name: str, data: bytes) -> Sheet:
    if len(data) > MAX_SIZE:
        raise ValidationError(
            _("The file is larger than %(mb)s MB. Split it into several files.")
            % {"mb": MAX_SIZE // (1024 * 1024)}
        )
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
    sheet = workbook.worksheets[0]
    rows = [
        (number, [_cell_text(v) for v in values])
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
    ]
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
    try:
        return [(number, [c.strip() for c in row]) for number, row in enumerate(reader, start=1)]
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error
