"""The built-in docxtpl templates, written with python-docx.

`manage.py document_templates` runs `write_all()`; the resulting files are committed in
`templates_docx/` and are what an authority downloads as a starting point for its own.
Written the same way every time (fixed package dates, fixed zip timestamps), so a rebuild
without a change in this module leaves git with nothing to commit.

Layout after ГОСТ Р 7.0.97-2016: Times New Roman 14 (12 in tables), margins 30/10/20/20 mm,
page numbers centred at the top from the second page, the requisites in their places
(organisation, document kind in capitals, date ДД.ММ.ГГГГ and number, place, title, text,
signature with «И.О. Фамилия», approval and agreement stamps).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

KINDS = (
    "plan",
    "minutes",
    "notice",
    "order_creation",
    "order_head",
    "analysis",
    "order_award",
    "observation",
    "order_council",
)
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
FONT = "Times New Roman"
CENTER, LEFT, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
TEXT_WIDTH = Mm(170)  # A4 210 mm less 30 mm left and 10 mm right
FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
BLANK_NAME = "/____________/"  # the name is written by hand on a stamp not yet given


# --- Building blocks ----------------------------------------------------------------------


def _new_document():
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(30), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.header_distance = Mm(10)
    section.start_type = WD_SECTION.NEW_PAGE
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    fonts = normal.element.rPr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _page_numbers(section)
    props = doc.core_properties
    props.author = props.last_modified_by = "Metodset"
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    return doc


def _page_numbers(section) -> None:
    """A centred PAGE field in the header, none on the first page (ГОСТ Р 7.0.97, 5.1)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    run.font.size = Pt(12)


def para(
    container,
    text: str = "",
    *,
    align=JUSTIFY,
    bold: bool = False,
    size: int | None = None,
    indent: bool = False,
    before: int = 0,
    after: int = 0,
    keep: bool = False,
    spacing: int | None = None,
):
    """One paragraph with one run: docxtpl needs every tag whole inside a run."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    if indent:
        fmt.first_line_indent = Cm(1.25)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if spacing:
            letter = OxmlElement("w:spacing")
            letter.set(qn("w:val"), str(spacing))
            run._r.get_or_add_rPr().append(letter)
    return paragraph


def tag(container, text: str):
    """A `{%p … %}` paragraph: docxtpl replaces the whole paragraph by the tag."""
    return para(container, text, align=LEFT)


def _cell(cell, *, first: str = "", align=LEFT, size: int | None = None, bold=False):
    """Fill the first (empty) paragraph of a cell; later lines are added with para()."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    if first:
        run = paragraph.add_run(first)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    return cell


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def layout_table(doc, rows: int, widths_mm: list[float]):
    """An invisible table that places requisites side by side (date | number, stamps)."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    _no_borders(table)
    _widths(table, widths_mm)
    return table


def grid_table(doc, headers: list[str], widths_mm: list[float]):
    """A ruled table with a header row repeated on every page, in 12 pt."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    _widths(table, widths_mm)
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _cell(cell, first=header, align=CENTER, size=12, bold=True)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    return table


def _keep_row(row, *, with_next: bool, whole: bool = True) -> None:
    """A row on the page of what follows (`with_next`) and, `whole`, never split across
    pages. LibreOffice ignores keep-with-next on a row that may not split, so the rows of
    a long table are left splittable."""
    if whole:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    if with_next:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _tag_row(table, text: str) -> None:
    _cell(table.add_row().cells[0], first=text, size=12)


def loop_rows(table, loop: str, values: list[str], aligns=None, *, keep_last=False) -> None:
    """`{%tr for … %}`, one row of values, `{%tr endfor %}` at the end of a table.

    With `keep_last`, the last row is kept with what follows the table (the signature):
    the row is written twice, `{%tr if loop.last %}` choosing the one that keeps."""

    def values_row(keep: bool) -> None:
        row = table.add_row()
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            align = aligns[index] if aligns else LEFT
            _cell(cell, first=value, align=align, size=12)
        _keep_row(row, with_next=keep, whole=False)

    _tag_row(table, f"{{%tr {loop} %}}")
    if keep_last:
        _tag_row(table, "{%tr if loop.last %}")
        values_row(True)
        _tag_row(table, "{%tr else %}")
        values_row(False)
        _tag_row(table, "{%tr endif %}")
    else:
        values_row(False)
    _tag_row(table, "{%tr endfor %}")


def loop_paragraphs(doc, loop: str, text: str, *, keep_last: bool = False, **options) -> None:
    """`{%p for … %}`, one paragraph, `{%p endfor %}`; with `keep_last` the last one is kept
    on the page of what follows (the signature) and the others are not chained to it."""
    tag(doc, f"{{%p {loop} %}}")
    if keep_last:
        tag(doc, "{%p if loop.last %}")
        para(doc, text, keep=True, **options)
        tag(doc, "{%p else %}")
    para(doc, text, **options)
    if keep_last:
        tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def signature(doc, lines: list[tuple[str, str]], *, before: int = 24) -> None:
    """Должность | подпись | И.О. Фамилия — ГОСТ Р 7.0.97-2016, item 5.23.

    Its rows stay together; whatever precedes it must be written with keep_with_next
    (para(keep=True), loop_paragraphs or loop_rows with keep_last), so that the block is
    never alone at the top of a page."""
    table = layout_table(doc, len(lines), [80, 45, 45])
    for index, (row, (position, name)) in enumerate(zip(table.rows, lines, strict=True)):
        _cell(row.cells[0], first=position)
        _cell(row.cells[1], first="", align=CENTER)
        _cell(row.cells[2], first=name, align=RIGHT)
        row.cells[0].paragraphs[0].paragraph_format.space_before = Pt(before)
        row.cells[1].paragraphs[0].paragraph_format.space_before = Pt(before)
        row.cells[2].paragraphs[0].paragraph_format.space_before = Pt(before)
        row.cells[1].paragraphs[0].add_run("________________")
        _keep_row(row, with_next=index < len(lines) - 1)


def signature_row(table, position: str, name: str, spans: tuple[int, int, int]) -> None:
    """The signature as the last row of a ruled table, drawn without rules.

    LibreOffice does not keep the last row of a table that runs over a page with the
    paragraph or table after it, but it does keep rows of one table together: with the
    last row written by loop_rows(keep_last=True), the signature never starts a page."""
    row = table.add_row()
    _keep_row(row, with_next=False)
    first, second, _third = spans
    cells = (
        row.cells[0].merge(row.cells[first - 1]),
        row.cells[first].merge(row.cells[first + second - 1]),
        row.cells[first + second].merge(row.cells[-1]),
    )
    for cell, text, align in zip(
        cells, (position, "_____________", name), (LEFT, CENTER, RIGHT), strict=True
    ):
        _cell(cell, first=text, align=align)
        cell.paragraphs[0].paragraph_format.space_before = Pt(24)
        borders = OxmlElement("w:tcBorders")
        for edge in ("left", "bottom", "right"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        cell._tc.get_or_add_tcPr().append(borders)


def date_and_number(doc, date: str, number: str) -> None:
    table = layout_table(doc, 1, [85, 85])
    _cell(table.rows[0].cells[0], first=date)
    _cell(table.rows[0].cells[1], first=number, align=RIGHT)


def organisation_header(doc) -> None:
    """The organisation's name (ГОСТ 5.5): the authority, then its methodical service."""
    para(doc, "{{ authority }}", align=CENTER, bold=True)
    tag(doc, "{%p if service %}")
    para(doc, "{{ service }}", align=CENTER)
    tag(doc, "{%p endif %}")


# --- The five documents -----------------------------------------------------------------


def build_plan():
    doc = _new_document()
    organisation_header(doc)
    para(doc, "", after=12)
    stamps = layout_table(doc, 1, [85, 85])
    left, right = stamps.rows[0].cells
    _cell(left, first="СОГЛАСОВАНО")
    para(left, "{{ agreer_position }}", align=LEFT)
    para(left, f"____________ {{{{ agreed_by or '{BLANK_NAME}' }}}}", align=LEFT)
    para(left, "{{ agreed_date or '__.__.20__' }}", align=LEFT)
    tag(left, "{%p if adopted %}")
    para(left, "ПРИНЯТ", align=LEFT, before=12)
    para(left, "на заседании объединения", align=LEFT)
    para(
        left, "протокол от {{ adoption_meeting_date }} № {{ adoption_meeting_number }}", align=LEFT
    )
    tag(left, "{%p endif %}")
    _cell(right, first="{%p if approval_order_number %}")
    para(right, "УТВЕРЖДЁН", align=LEFT)
    para(right, "приказом от {{ approval_order_date }} № {{ approval_order_number }}", align=LEFT)
    para(right, "{{ approval_order_issuer or authority }}", align=LEFT)
    tag(right, "{%p else %}")
    para(right, "УТВЕРЖДАЮ", align=LEFT)
    para(right, "{{ approver_position }}", align=LEFT)
    para(right, f"____________ {{{{ approved_by or '{BLANK_NAME}' }}}}", align=LEFT)
    para(right, "{{ approved_date or '__.__.20__' }}", align=LEFT)
    tag(right, "{%p endif %}")

    para(doc, "ПЛАН РАБОТЫ", align=CENTER, bold=True, spacing=40, before=24, after=6)
    date_and_number(doc, "{{ document_date or '__.__.20__' }}", "")
    para(doc, "{{ place_city }}", align=CENTER, after=12)
    para(doc, "{{ association }}", align=CENTER, bold=True)
    para(doc, "на {{ school_year }} учебный год", align=CENTER, after=12)
    para(doc, "Методическая тема: {{ theme }}", indent=True)
    tag(doc, "{%p if goal %}")
    para(doc, "Цель: {{ goal }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if priorities %}")
    para(doc, "Приоритетные направления:", indent=True)
    tag(doc, "{%p for line in priorities %}")
    para(doc, "{{ loop.index }}. {{ line }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if tasks %}")
    para(doc, "Задачи:", indent=True)
    tag(doc, "{%p for line in tasks %}")
    para(doc, "{{ loop.index }}. {{ line }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "", after=6)
    table = grid_table(
        doc,
        ["№ п/п", "Сроки", "Форма", "Тема, содержание", "Ответственные", "Ожидаемый результат"],
        [10, 25, 29, 39, 34, 33],
    )
    _keep_row(table.rows[0], with_next=True, whole=False)  # no header alone on a page
    loop_rows(
        table,
        "for item in items",
        [
            "{{ item.number }}",
            "{{ item.when }}",
            "{{ item.form }}",
            "{{ item.topic }}{% if item.venue %} ({{ item.venue }}){% endif %}",
            "{{ item.responsible }}",
            "{{ item.expected_result }}",
        ],
        aligns=[CENTER, CENTER, LEFT, LEFT, LEFT, LEFT],
        keep_last=True,
    )
    signature_row(table, "Руководитель объединения", "{{ head.signature or '' }}", (3, 1, 2))
    return doc


def _meeting_top(doc, kind: str, date: str, number: str, title: str) -> None:
    """Organisation, association, document kind, date and number, place, title."""
    organisation_header(doc)
    para(doc, "{{ association }}", align=CENTER, after=12)
    para(doc, kind, align=CENTER, bold=True, spacing=40, after=6)
    date_and_number(doc, date, number)
    para(doc, "{{ place_city }}", align=CENTER, after=12)
    para(doc, title, align=LEFT, bold=True, after=12)


def build_minutes():
    doc = _new_document()
    _meeting_top(doc, "ПРОТОКОЛ", "{{ date }}", "№ {{ number }}", "заседания {{ meeting_of }}")
    para(doc, "Председатель — {{ chair.signature or '________________' }}", align=LEFT)
    para(doc, "Секретарь — {{ secretary.signature or '________________' }}", align=LEFT)
    para(doc, "Присутствовали: {{ present_count }} чел.: {{ present_names }}", before=6)
    tag(doc, "{%p if absent %}")
    para(doc, "Отсутствовали: {{ absent_count }} чел.: {{ absent_names }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if guests %}")
    para(doc, "Приглашённые: {{ guest_names }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if place %}")
    para(doc, "Место проведения: {{ place }}")
    tag(doc, "{%p endif %}")
    para(doc, "ПОВЕСТКА ДНЯ:", align=LEFT, before=12, after=6, keep=True)
    tag(doc, "{%p for q in questions %}")
    para(doc, "{{ q.number }}. {{ q.title }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for q in questions %}")
    para(doc, "{{ q.number }}. СЛУШАЛИ:", align=LEFT, before=12, keep=True)
    para(doc, "{{ q.heard or q.title }}", indent=True)
    tag(doc, "{%p if q.discussion %}")
    para(doc, "ВЫСТУПИЛИ:", align=LEFT, before=6, keep=True)
    para(doc, "{{ q.discussion }}", indent=True)
    tag(doc, "{%p endif %}")
    para(doc, "РЕШИЛИ:", align=LEFT, before=6, keep=True)
    tag(doc, "{%p if loop.last %}")
    para(doc, "{{ q.decision or '________________' }}", indent=True, keep=True)
    tag(doc, "{%p else %}")
    para(doc, "{{ q.decision or '________________' }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    signature(
        doc,
        [
            ("Председатель", "{{ chair.signature or '' }}"),
            ("Секретарь", "{{ secretary.signature or '' }}"),
        ],
    )
    return doc


def build_notice():
    doc = _new_document()
    _meeting_top(doc, "ИЗВЕЩЕНИЕ", "{{ today }}", "", "о заседании {{ meeting_of }}")
    para(doc, "Уважаемые коллеги!", align=CENTER, after=6)
    para(
        doc,
        "{{ date }}{% if time %} в {{ time }}{% endif %} состоится заседание № {{ number }} "
        "{{ meeting_of }} «{{ association }}»{% if place %}. Место проведения: {{ place }}"
        "{% if address %}, {{ address }}{% endif %}{% endif %}.",
        indent=True,
    )
    tag(doc, "{%p if online_url %}")
    para(doc, "Подключение к заседанию: {{ online_url }}", indent=True)
    tag(doc, "{%p endif %}")
    para(doc, "ПОВЕСТКА ДНЯ:", align=LEFT, before=12, after=6, keep=True)
    tag(doc, "{%p for q in questions %}")
    para(doc, "{{ q.number }}. {{ q.title }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if control %}")
    para(doc, "КОНТРОЛЬ ИСПОЛНЕНИЯ РЕШЕНИЙ:", align=LEFT, before=12, after=6, keep=True)
    tag(doc, "{%p for c in control %}")
    para(
        doc,
        "{{ loop.index }}. {{ c.decision }} (заседание № {{ c.meeting_number }} от "
        "{{ c.meeting_date }}{% if c.responsible %}; ответственный: {{ c.responsible }}"
        "{% endif %}{% if c.due_on %}; срок: {{ c.due_on }}{% endif %}) — {{ c.status }}"
        "{% if c.overdue %}, срок истёк{% endif %}.",
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "Просим принять участие в заседании.", indent=True, before=12, keep=True)
    signature(doc, [("Руководитель объединения", "{{ chair.signature or '' }}")])
    return doc


def _order_top(doc, title: str) -> None:
    tag(doc, "{%p if not order_number %}")
    para(doc, "ПРОЕКТ", align=RIGHT, size=12)
    tag(doc, "{%p endif %}")
    para(doc, "{{ authority|upper }}", align=CENTER, bold=True, after=12)
    para(doc, "ПРИКАЗ", align=CENTER, bold=True, spacing=40, after=6)
    date_and_number(doc, "{{ order_date or '__.__.20__' }}", "№ {{ order_number or '______' }}")
    para(doc, "{{ place_city }}", align=CENTER, after=12)
    para(doc, title, align=LEFT, bold=True, after=12)


def _order_body(doc) -> None:
    para(doc, "{{ preamble }}", indent=True)
    para(doc, "ПРИКАЗЫВАЮ:", align=LEFT, before=6, after=6)
    loop_paragraphs(
        doc, "for clause in clauses", "{{ loop.index }}. {{ clause }}", keep_last=True, indent=True
    )
    signature(doc, [("{{ signer_position }}", f"{{{{ signer_name or '{BLANK_NAME}' }}}}")])


def build_order_creation():
    doc = _new_document()
    _order_top(doc, "О создании {{ association_kind_genitive }} «{{ association }}»")
    _order_body(doc)
    return doc


def build_order_head():
    doc = _new_document()
    _order_top(doc, "О назначении руководителя {{ association_kind_genitive }} «{{ association }}»")
    _order_body(doc)
    para(doc, "С приказом {{ head.acquainted }}:", align=LEFT, before=24, keep=True)
    table = layout_table(doc, 1, [80, 45, 45])
    _keep_row(table.rows[0], with_next=False)
    _cell(table.rows[0].cells[0], first="__.__.20__")
    _cell(table.rows[0].cells[1], first="________________", align=CENTER)
    _cell(table.rows[0].cells[2], first="{{ head.signature }}", align=RIGHT)
    return doc


# integration: the analysis app's document (the values: analysis/documents.py).
def build_analysis():
    doc = _new_document()
    organisation_header(doc)
    para(doc, "", after=12)
    stamps = layout_table(doc, 1, [85, 85])
    left, right = stamps.rows[0].cells
    _cell(left, first="{%p if adopted %}")
    para(left, "РАССМОТРЕН И ПРИНЯТ", align=LEFT)
    para(left, "на заседании", align=LEFT)
    para(
        left, "протокол от {{ adoption_meeting_date }} № {{ adoption_meeting_number }}", align=LEFT
    )
    tag(left, "{%p endif %}")
    _cell(right, first="{%p if accepted %}")
    para(right, "ПРИНЯТ", align=LEFT)
    para(right, "методической службой", align=LEFT)
    para(right, "____________ {{ accepted_by }}", align=LEFT)
    para(right, "{{ accepted_date }}", align=LEFT)
    tag(right, "{%p endif %}")

    para(doc, "АНАЛИЗ РАБОТЫ", align=CENTER, bold=True, spacing=40, before=24, after=6)
    date_and_number(doc, "{{ document_date or '__.__.20__' }}", "")
    para(doc, "{{ place_city }}", align=CENTER, after=12)
    para(doc, "{{ association }}", align=CENTER, bold=True)
    para(doc, "за {{ school_year }} учебный год", align=CENTER, after=12)
    tag(doc, "{%p for section in sections %}")
    para(doc, "{{ section.number }}. {{ section.title }}", bold=True, before=12, after=6, keep=True)
    tag(doc, "{%p if section.numbers %}")
    table = grid_table(
        doc,
        ["Показатель", "{{ school_year }}", "Прошлый год", "Динамика", "Цель"],
        [70, 25, 25, 25, 25],
    )
    _keep_row(table.rows[0], with_next=True, whole=False)
    loop_rows(
        table,
        "for row in section.numbers",
        [
            "{{ row.label }}",
            "{{ row.value }}",
            "{{ row.previous }}",
            "{{ row.change }}",
            "{{ row.target }}",
        ],
        aligns=[LEFT, CENTER, CENTER, CENTER, CENTER],
    )
    para(doc, "", after=6)
    tag(doc, "{%p endif %}")
    loop_paragraphs(doc, "for line in section.lines", "– {{ line }}", indent=True)
    tag(doc, "{%p if section.conclusions %}")
    para(doc, "Выводы:", indent=True, before=6, keep=True)
    loop_paragraphs(doc, "for line in section.conclusions", "{{ line }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if section.tasks %}")
    para(doc, "Задачи на следующий учебный год:", indent=True, before=6, keep=True)
    loop_paragraphs(doc, "for line in section.tasks", "{{ loop.index }}. {{ line }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    para(doc, "", keep=True)
    signature(doc, [("{{ signer_position }}", "{{ head.signature if head else '' }}")])
    return doc


# integration: a granted petition of the proposals app (the values: context.order_award_context).
def build_order_award():
    doc = _new_document()
    _order_top(doc, "О поощрении {{ teacher.genitive }}")
    _order_body(doc)
    return doc


# integration: the schools app's lesson observation form (values: documents/schools.py).
def build_observation():
    doc = _new_document()
    organisation_header(doc)
    para(doc, "", after=12)
    para(doc, "ЛИСТ НАБЛЮДЕНИЯ УРОКА", align=CENTER, bold=True, spacing=40, after=12)
    table = layout_table(doc, 6, [55, 115])
    rows = [
        ("Образовательная организация", "{{ school }}"),
        ("Дата посещения", "{{ date }}"),
        ("Цель посещения", "{{ purpose }}"),
        ("Учитель", "{{ teacher.full_name }}"),
        ("Предмет, класс", "{{ subject }}{% if grade %}, {{ grade }} класс{% endif %}"),
        ("Тема урока", "{{ topic }}"),
    ]
    for row, (label, value) in zip(table.rows, rows, strict=True):
        _cell(row.cells[0], first=label, size=12, bold=True)
        _cell(row.cells[1], first=value, size=12)
    para(doc, "", after=6)
    scores = grid_table(doc, ["№", "Критерий", "Балл", "Из", "Комментарий"], [10, 80, 15, 15, 50])
    _keep_row(scores.rows[0], with_next=True, whole=False)
    loop_rows(
        scores,
        "for row in scores",
        [
            "{{ row.number }}",
            "{{ row.criterion }}",
            "{{ row.score }}",
            "{{ row.max_score }}",
            "{{ row.comment }}",
        ],
        aligns=[CENTER, LEFT, CENTER, CENTER, LEFT],
    )
    para(doc, "Итого: {{ total }} из {{ maximum }} ({{ percent }} %)", before=6, after=6)
    tag(doc, "{%p if recommendations %}")
    para(doc, "Рекомендации:", indent=True, keep=True)
    loop_paragraphs(doc, "for line in recommendations", "{{ loop.index }}. {{ line }}", indent=True)
    tag(doc, "{%p endif %}")
    para(doc, "", keep=True)
    signature(doc, [("Урок посетил(а)", "{{ observer }}")])
    para(
        doc,
        "С результатами {{ teacher.acquainted }}: ________________ {{ teacher.signature }}"
        " {{ acknowledged_date or '__.__.20__' }}",
        before=18,
    )
    tag(doc, "{%p if acknowledged_note %}")
    para(doc, "{{ acknowledged_note }}", size=12)
    tag(doc, "{%p endif %}")
    return doc


# integration: the council's composition (the values: documents/council.py).
def build_order_council():
    doc = _new_document()
    _order_top(doc, "Об утверждении состава {{ association_kind_genitive }}")
    _order_body(doc)
    para(doc, "Приложение", align=RIGHT, size=12, before=24, keep=True)
    para(
        doc,
        "к приказу от {{ order_date or '__.__.20__' }} № {{ order_number or '______' }}",
        align=RIGHT,
        size=12,
        after=12,
        keep=True,
    )
    para(doc, "СОСТАВ", align=CENTER, bold=True, spacing=40, keep=True)
    para(
        doc, "{{ association_kind_genitive }} «{{ association }}»", align=CENTER, after=6, keep=True
    )
    table = grid_table(doc, ["№", "Ф.И.О.", "Должность, организация", "Роль"], [10, 55, 75, 30])
    _keep_row(table.rows[0], with_next=True, whole=False)
    loop_rows(
        table,
        "for m in members",
        [
            "{{ m.number }}",
            "{{ m.name }}",
            "{{ m.position }}{% if m.organisation %}, {{ m.organisation }}{% endif %}",
            "{{ m.role }}",
        ],
        aligns=[CENTER, LEFT, LEFT, LEFT],
    )
    return doc


BUILDERS = {
    "plan": build_plan,
    "minutes": build_minutes,
    "notice": build_notice,
    "order_creation": build_order_creation,
    "order_head": build_order_head,
    "analysis": build_analysis,
    "order_award": build_order_award,
    "observation": build_observation,
    "order_council": build_order_council,
}


def build_bytes(kind: str) -> bytes:
    """The template of `kind` as .docx bytes, the same bytes on every run."""
    buffer = io.BytesIO()
    BUILDERS[kind]().save(buffer)
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so that a rebuild is byte for byte equal."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def write_all(directory: Path = TEMPLATES_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = directory / f"{kind}.docx"
        path.write_bytes(build_bytes(kind))
        written.append(path)
    return written
