"""All the associations' positions on a draft together: one DOCX and one XLSX.

The DOCX is a summary table (association, status, adopted by, position) after the layout
of the project's documents (Times New Roman, margins of ГОСТ Р 7.0.97-2016); the XLSX has a
sheet of positions and a sheet of the comments clause by clause, written as text only.
"""

from __future__ import annotations

import io

from django.utils import timezone
from docx import Document
from docx.shared import Mm, Pt

from metodset.core.xlsx import XlsxColumn, xlsx_workbook_response
from metodset.proposals.models import DraftAct
from metodset.proposals.selectors import discussion

FONT = "Times New Roman"


def _name(draft: DraftAct) -> str:
    title = " ".join(draft.title.split())[:100]
    for char in '\\/:*?"<>|':
        title = title.replace(char, "-")
    return f"Позиции объединений по проекту «{title}»"


def _adopted(position) -> str:
    if position is None or position.adopted_by_id is None:
        return ""
    meeting = position.adopted_by.meeting
    return f"протокол № {meeting.number} от {meeting.date:%d.%m.%Y}"


def _status(position) -> str:
    return position.get_status_display() if position else "позиция не представлена"


def positions_docx(draft: DraftAct) -> tuple[bytes, str]:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(30), Mm(10)
    section.top_margin = section.bottom_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(12)
    heading = document.add_paragraph()
    run = heading.add_run("СВОДКА ПОЗИЦИЙ ОБЪЕДИНЕНИЙ")
    run.bold = True
    document.add_paragraph(f"по проекту «{draft.title}» ({draft.get_level_display()})")
    document.add_paragraph(
        f"Срок обсуждения — до {draft.deadline:%d.%m.%Y}; "
        f"сводка составлена {timezone.localdate():%d.%m.%Y}."
    )
    rows = discussion(draft)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Объединение", "Статус", "Принята", "Позиция"), strict=True
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for line in rows:
        cells = table.add_row().cells
        cells[0].text = line.association.name
        cells[1].text = _status(line.position)
        cells[2].text = _adopted(line.position)
        cells[3].text = line.position.text if line.position else ""
    document.add_paragraph()
    document.add_paragraph("Замечания по пунктам проекта").runs[0].bold = True
    for line in rows:
        for comment in line.comments:
            document.add_paragraph(f"п. {comment.clause} — {line.association.name}: {comment.text}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), _name(draft)


def positions_xlsx(draft: DraftAct):
    rows = discussion(draft)
    positions = [
        XlsxColumn("Объединение", lambda r: r.association.name, 45),
        XlsxColumn("Статус", lambda r: _status(r.position), 25),
        XlsxColumn("Принята", lambda r: _adopted(r.position), 30),
        XlsxColumn("Позиция", lambda r: r.position.text if r.position else "", 80),
        XlsxColumn("Замечаний", lambda r: len(r.comments), 12),
    ]
    comments = [
        XlsxColumn("Пункт", lambda c: c[1].clause, 12),
        XlsxColumn("Объединение", lambda c: c[0].name, 45),
        XlsxColumn("Автор", lambda c: c[1].author.short_name, 25),
        XlsxColumn("Замечание", lambda c: c[1].text, 80),
        XlsxColumn("Дата", lambda c: timezone.localdate(c[1].created_at), 12),
    ]
    pairs = [(line.association, c) for line in rows for c in line.comments]
    return xlsx_workbook_response(
        f"positions-{draft.pk}.xlsx",
        [("Позиции", positions, rows), ("Замечания", comments, pairs)],
    )
