"""Safe XLSX output: user strings are written as text, never as formulas.

A value such as `=HYPERLINK(...)` typed by a user must not become a live
formula in a methodist's Excel (CSV/formula injection), so every string cell is
forced to the string type. Large lists are written in openpyxl's write-only
mode to a temporary file and streamed from disk, so memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font


@dataclass(frozen=True)
class XlsxColumn:
    header: str
    value: Callable[[object], object]
    width: int = 20


def _cell(sheet, value, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, bool):
        value = "да" if value else "нет"
    cell = WriteOnlyCell(sheet, value=None)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "DD.MM.YYYY"
    else:
        cell.value = value
    if bold:
        cell.font = Font(bold=True)
    return cell


def write_sheet(
    workbook: Workbook, title: str, columns: Sequence[XlsxColumn], rows: Iterable[object]
) -> None:
    sheet = workbook.create_sheet(title=title[:31])
    for index, column in enumerate(columns):
        sheet.column_dimensions[chr(ord("A") + index) if index < 26 else "A"].width = column.width
    sheet.append([_cell(sheet, str(c.header), bold=True) for c in columns])
    for row in rows:
        sheet.append([_cell(sheet, c.value(row)) for c in columns])


def xlsx_response(
    filename: str, title: str, columns: Sequence[XlsxColumn], rows: Iterable
) -> FileResponse:
    return xlsx_workbook_response(filename, [(title, columns, rows)])


def xlsx_workbook_response(
    filename: str, sheets: Iterable[tuple[str, Sequence[XlsxColumn], Iterable]]
) -> FileResponse:
    """A workbook of several sheets (title, columns, rows), written as safely as one."""
    workbook = Workbook(write_only=True)
    for title, columns, rows in sheets:
        write_sheet(workbook, title, columns, rows)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it after sending
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
