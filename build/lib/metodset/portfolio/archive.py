"""The portfolio as one ZIP: a table of contents (DOCX) and each item's files, numbered in
the order of the regulation. Produced items are built from the records at download time;
an uploaded file is put in as it was checked on upload."""

from __future__ import annotations

import io
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.core.files import extension_of
from metodset.portfolio.models import PortfolioStatus
from metodset.portfolio.producers import File, docx_bytes, file_name, producer_for
from metodset.portfolio.selectors import ItemState, PortfolioView

TOC_NAME = "00 Опись документов.docx"
# Already compressed inside: deflating them again costs time and saves nothing.
STORED = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "pdf", "zip", "jpg", "jpeg", "png"}


def _write(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    stored = extension_of(name) in STORED
    archive.writestr(name, content, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)


def item_files(state: ItemState, view: PortfolioView, user) -> list[File]:
    """The files of one item: the upload if there is one, else what the records produce."""
    if state.uploaded:
        entry = state.entry
        with entry.file.open("rb") as handle:
            content = handle.read()
        return [File(file_name(state.item.title, extension_of(entry.file.name)), content)]
    producer = None if state.item.uploaded_only else producer_for(state.item.source)
    if producer is None or not state.produced:
        return []
    return producer.build(view.association, view.year, user)


def _toc(view: PortfolioView, placed: list[tuple[int, ItemState, list[str]]]) -> bytes:
    """The table of contents: number, document, clause, files, whence, review."""
    from metodset.documents.builtin import CENTER, LEFT, _new_document, grid_table, para

    checklist = view.checklist
    doc = _new_document()
    para(doc, _("TABLE OF CONTENTS").upper(), align=CENTER, bold=True, after=6)
    para(
        doc,
        _("of the portfolio of %(association)s for the school year %(year)s")
        % {"association": view.association, "year": view.year},
        align=CENTER,
        after=6,
    )
    basis = f"{checklist.regulation}, {checklist.clause}"
    if checklist.deadline:
        basis += "; " + _("due by %(date)s") % {"date": f"{checklist.deadline:%d.%m.%Y}"}
    para(doc, basis, align=CENTER, size=12, after=12)
    table = grid_table(
        doc,
        ["№", _("Document"), _("Clause"), _("Files"), _("Made from")],
        [10, 55, 22, 55, 28],
    )
    for number, state, names in placed:
        cells = table.add_row().cells
        whence = _("uploaded") if state.uploaded else _("records") if names else _("missing")
        values = [str(number), state.item.title, state.item.clause, "\n".join(names) or "—", whence]
        for cell, value in zip(cells, values, strict=True):
            cell.paragraphs[0].alignment = LEFT
            run = cell.paragraphs[0].add_run(value)
            from docx.shared import Pt

            run.font.size = Pt(12)
    status = PortfolioStatus(view.status).label
    para(doc, _("Status: %(status)s") % {"status": status}, align=LEFT, before=12, size=12)
    portfolio = view.portfolio
    if portfolio and portfolio.submitted_at and portfolio.status != PortfolioStatus.DRAFT:
        para(
            doc,
            _("Handed in: %(date)s, %(who)s")
            % {
                "date": f"{timezone.localtime(portfolio.submitted_at):%d.%m.%Y}",
                "who": portfolio.submitted_by.get_short_name() if portfolio.submitted_by else "—",
            },
            align=LEFT,
            size=12,
        )
    para(
        doc,
        _("Formed: %(date)s") % {"date": f"{timezone.localdate():%d.%m.%Y}"},
        align=LEFT,
        size=12,
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def portfolio_zip(view: PortfolioView, user) -> tuple[bytes, str]:
    """The ZIP and its download name."""
    buffer = io.BytesIO()
    placed = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, state in enumerate(view.items, start=1):
            files = item_files(state, view, user)
            prefix = f"{number:02d} "
            names = []
            if len(files) == 1:
                extension = extension_of(files[0].name)
                names.append(file_name(prefix + state.item.title[:120], extension))
                _write(archive, names[0], files[0].content)
            else:
                folder = file_name(prefix + state.item.title[:120], "")
                for file in files:
                    name = f"{folder}/{file.name}"
                    names.append(name)
                    _write(archive, name, file.content)
            placed.append((number, state, names))
        _write(archive, TOC_NAME, _toc(view, placed))
    name = file_name(f"Портфолио — {view.association} — {view.year}", "zip")
    return buffer.getvalue(), name


__all__ = ["TOC_NAME", "docx_bytes", "portfolio_zip"]
