"""Spreadsheets for the import tests, made on the fly."""

import csv
import io

from openpyxl import Workbook


def line(text: str) -> list[str | None]:
    """A row written as «cell | cell | …»; an empty cell is None (an empty cell of a sheet)."""
    return [cell.strip() or None for cell in text.split("|")]


def xlsx(rows: list[list], merges: tuple[str, ...] = ()) -> bytes:
    """A workbook of `rows`; `merges` are cell ranges merged as a school's header has them."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, *, encoding="utf-8", delimiter=";") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)
