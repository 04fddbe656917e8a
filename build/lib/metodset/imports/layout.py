"""How a sheet is understood: which row holds the headers and what each column means.

Schools send lists with a title block above the table («Список педагогических
работников МБОУ … на 01.09.2025»), empty rows, a header of two rows (a merged
«Стаж» over «педагогический» and «общий»; a merged «ФИО» over «Фамилия»,
«Имя», «Отчество»), a row of column numbers under it, and their own words for
each column. The header row is the one among the first rows whose cells name
the most known columns (synonyms.py); a header of two rows is read when the
pair names more. The methodist may then map any column by hand on the preview
(`overrides`), or point to the header row himself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from openpyxl.utils import get_column_letter

from metodset.imports.columns import Column
from metodset.imports.synonyms import SKIP, header_key, synonym_index, without_brackets

HEADER_SEARCH = 30  # the header row is looked for among the first non-empty rows

# How a column came to mean what it means (kept in ImportJob.layout for the preview).
AUTO, MANUAL, SKIPPED, UNKNOWN, REPEATED = "auto", "manual", "skipped", "unknown", "repeated"


@dataclass
class ColumnUse:
    index: int
    header: str  # as in the file; two header rows joined
    field: str  # "" when the column is not imported
    how: str
    auto_field: str = ""  # what the column would mean without the methodist's choice

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)

    @property
    def title(self) -> str:
        """How errors and the preview name the column: its header, or its letter."""
        return self.header or self.letter

    def as_json(self) -> list:
        return [self.index, self.header, self.field, self.how, self.auto_field]


@dataclass
class Layout:
    header_rows: list[int]  # row numbers as the user sees them
    uses: list[ColumnUse]
    body: list[tuple[int, list[str]]]
    missing: list[str] = field(default_factory=list)  # required fields without a column
    derived: list[str] = field(default_factory=list)  # fields worked out from other columns

    def used(self) -> list[ColumnUse]:
        return [u for u in self.uses if u.field and u.field != SKIP]

    def as_json(self) -> dict:
        return {
            "header_rows": self.header_rows,
            "columns": [u.as_json() for u in self.uses],
            "derived": self.derived,
        }


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


class Reader:
    """Understands a sheet for one kind of import (its columns and synonyms)."""

    def __init__(
        self,
        columns: list[Column],
        synonyms: dict[str, tuple[str, ...]],
        derivable: dict[str, tuple[str, ...]] | None = None,
    ):
        self.columns = {c.field: c for c in columns}
        with translation.override("ru"):
            headers = {c.field: str(c.header) for c in columns}
        self.index = synonym_index(synonyms, headers)
        # A required field that other columns can give (gender: from the patronymic).
        self.derivable = derivable or {}

    def field_of(self, text: str) -> str:
        for candidate in (text, without_brackets(text)):
            key = header_key(candidate)
            if key and key in self.index:
                return self.index[key]
        return ""

    # The header row

    def _names(self, upper: list[str], lower: list[str] | None) -> list[tuple[str, str]]:
        """(header text, field) per column of one header row, or of two read together."""
        if lower is None:
            return [(text.strip(), self.field_of(text)) for text in upper]
        names = []
        group = ""
        for index in range(max(len(upper), len(lower))):
            top, bottom = _cell(upper, index), _cell(lower, index)
            # A merged group header («Стаж» over two columns) reads only in its first cell.
            if top:
                group = top
            elif bottom:
                top = group
            joined = f"{top} {bottom}".strip()
            found = ""
            for text in (joined, bottom, top):
                found = text and self.field_of(text)
                if found:
                    break
            names.append((joined, found))
        return names

    @staticmethod
    def _score(names: list[tuple[str, str]]) -> int:
        return len({f for _text, f in names if f and f != SKIP})

    def _header(self, rows, header_row: int | None) -> tuple[int, int]:
        """(position of the first header row, number of header rows) within `rows`.

        A pair of rows is the header only when it names more columns than any
        single row: a title line above the header adds nothing to it.
        """
        if header_row:
            for position, (number, _cells) in enumerate(rows):
                if number == header_row:
                    return position, 1
        candidates = [cells for _number, cells in rows[:HEADER_SEARCH]]
        singles = [self._score(self._names(cells, None)) for cells in candidates]
        best, best_score = (0, 1), 0
        for position, score in enumerate(singles):
            if score > best_score:
                best, best_score = (position, 1), score
        for position in range(len(candidates) - 1):
            score = self._score(self._names(candidates[position], candidates[position + 1]))
            if score > best_score:
                best, best_score = (position, 2), score
        return best

    # The columns

    def read(self, rows: list[tuple[int, list[str]]], overrides: dict | None = None) -> Layout:
        """The layout of `rows` (the sheet's non-empty rows) with the methodist's choices."""
        overrides = overrides or {}
        start, height = self._header(rows, overrides.get("header_row"))
        header = rows[start : start + height]
        names = self._names(header[0][1], header[1][1] if height == 2 else None)
        body = rows[start + height :]
        if body and _is_numbering(body[0][1]):
            body = body[1:]  # «1 2 3 …» under the header: the columns' numbers
        # A header repeated on every printed page is not a row of data.
        repeated = [cells for _number, cells in header]
        body = [(number, cells) for number, cells in body if cells not in repeated]
        width = max([len(names)] + [len(cells) for _n, cells in body[:HEADER_SEARCH]])
        names += [("", "")] * (width - len(names))
        manual = {
            int(k): v
            for k, v in (overrides.get("columns") or {}).items()
            if v == "" or v in self.columns
        }
        uses = [ColumnUse(i, text, "", UNKNOWN, auto) for i, (text, auto) in enumerate(names)]
        taken: set[str] = set()
        for use in uses:
            if use.index in manual:
                use.field, use.how = manual[use.index], MANUAL
                taken |= self._fields_of(use.field)
        # Separate columns win over one that stands for several («Фамилия» over «ФИО»).
        for several in (False, True):
            for use in uses:
                if use.how == MANUAL or not use.auto_field:
                    continue
                if bool(self._fields_of(use.auto_field) - {use.auto_field}) != several:
                    continue
                if use.auto_field == SKIP:
                    use.field, use.how = SKIP, SKIPPED
                elif self._fields_of(use.auto_field) & taken:
                    use.how = REPEATED
                else:
                    use.field, use.how = use.auto_field, AUTO
                    taken |= self._fields_of(use.field)
        uses = [u for u in uses if u.header or u.field or any(_cell(c, u.index) for _n, c in body)]
        layout = Layout([number for number, _cells in header], uses, body)
        for column in self.columns.values():
            if not column.required or column.field in taken:
                continue
            sources = self.derivable.get(column.field, ())
            if any(self._fields_of(s) & taken for s in sources):
                layout.derived.append(column.field)
            else:
                layout.missing.append(column.field)
        return layout

    def _fields_of(self, name: str) -> set[str]:
        column = self.columns.get(name)
        if column is None:
            return set()
        return {name, *column.provides}


def _is_numbering(cells: list[str]) -> bool:
    values = [c.strip() for c in cells if c.strip()]
    return len(values) >= 3 and values == [str(n) for n in range(1, len(values) + 1)]
