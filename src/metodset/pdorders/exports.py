"""The request for the regional institute: XLSX (the lines and the listeners, written as text
only) and DOCX after the layout of the project's documents (Times New Roman, the margins of
ГОСТ Р 7.0.97-2016), as proposals/exports.py writes its summary."""

from __future__ import annotations

import io
from operator import itemgetter

from django.http import FileResponse
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from metodset.core.xlsx import XlsxColumn, xlsx_workbook_response
from metodset.pdorders.models import PDRequest
from metodset.pdorders.selectors import request_lines

FONT = "Times New Roman"
WIDTHS_MM = (8, 50, 38, 17, 14, 43)
HEADERS = (
    "№",
    "Тема (программа) повышения квалификации",
    "Компетенция",
    "Часов",
    "Мест",
    "Педагоги (по согласованию)",
)


def file_name(request: PDRequest) -> str:
    whose = request.association.name if request.association_id else request.municipality.name
    whose = " ".join(whose.split())[:80]
    for char in '\\/:*?"<>|':
        whose = whose.replace(char, "-")
    return f"Заявка на повышение квалификации, {whose}, {request.year}"


def _names(line) -> str:
    return "; ".join(
        f"{t.full_name} ({t.organisation.short_name or t.organisation.name})"
        if t.organisation_id
        else t.full_name
        for t in line.teachers.all()
    )


def _rows(request: PDRequest) -> list[tuple]:
    return [
        (
            index,
            line.topic,
            str(line.competence) if line.competence_id else "",
            line.hours,
            line.places,
            _names(line),
        )
        for index, line in enumerate(request_lines(request), start=1)
    ]


def request_xlsx(request: PDRequest) -> FileResponse:
    rows = _rows(request)
    widths = (5, 50, 35, 8, 8, 60)
    columns = [
        XlsxColumn(header, itemgetter(i), width)
        for i, (header, width) in enumerate(zip(HEADERS, widths, strict=True))
    ]
    total = [("", "Итого мест", "", "", sum(r[4] for r in rows), "")]
    return xlsx_workbook_response(f"{file_name(request)}.xlsx", [("Заявка", columns, rows + total)])


def request_docx(request: PDRequest) -> tuple[bytes, str]:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(30), Mm(10)
    section.top_margin = section.bottom_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(12)
    municipality = request.municipality
    for text in (municipality.authority_name, municipality.service_name):
        if text:
            document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run("ЗАЯВКА").bold = True
    whose = " — членов объединения" if request.association_id else ""
    line = document.add_paragraph(
        f"на повышение квалификации педагогических работников{whose} на {request.year} учебный год"
    )
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if request.association_id:
        document.add_paragraph(f"Объединение: {request.association.name}")
    document.add_paragraph(f"Муниципальное образование: {municipality.name}")
    document.add_paragraph()
    rows = _rows(request)
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)
    total = table.add_row().cells
    total[1].text = "Итого мест"
    total[4].text = str(sum(r[4] for r in rows))
    # 170 mm of text width, the topic and the names widest: Word reads the cells' widths,
    # LibreOffice the grid's.
    for column, width in zip(table.columns, WIDTHS_MM, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    document.add_paragraph()
    document.add_paragraph(f"Дата составления: {timezone.localdate():%d.%m.%Y}")
    document.add_paragraph("Руководитель ______________ /______________/")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), file_name(request)
