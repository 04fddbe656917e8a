"""The association's data bank («Банк данных», 000 §7.2.7, 003 §8.4–8.5, §8.9–8.11): its
members' composition, every teacher-bank field the regulations name, their self-education
themes, needs and deficits, and the programmes and teaching materials (УМК) they use."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from metodset.associations.models import Association, Membership
from metodset.core.dates import SchoolYear
from metodset.core.xlsx import XlsxColumn, write_sheet
from metodset.people.models import Category, EducationLevel, SelfEducationTheme, Teacher

AGE_BANDS = ((0, 30), (30, 40), (40, 50), (50, 60), (60, 200))
EXPERIENCE_BANDS = ((0, 3), (3, 5), (5, 10), (10, 20), (20, 100))


def band_label(low: int, high: int) -> str:
    if low == 0:
        return _("under %(n)s") % {"n": high}
    if high >= 100:
        return _("%(n)s and more") % {"n": low}
    return f"{low}–{high - 1}"


def members(association: Association, on: dt.date) -> QuerySet[Teacher]:
    """The members on `on`, with what the bank prints about them; four queries whatever their
    number (teachers with organisations, subjects, themes, needs)."""
    from metodset.growth.models import Diagnostic, TeacherNeed

    year = SchoolYear.of(on)
    return (
        Teacher.objects.filter(
            pk__in=Membership.objects.in_force(on)
            .filter(association=association)
            .values("teacher_id")
        )
        .select_related("organisation")
        .prefetch_related(
            "subjects",
            Prefetch(
                "self_education_themes",
                SelfEducationTheme.objects.filter(school_year=year.start_year),
                to_attr="year_themes",
            ),
            Prefetch(
                "needs",
                TeacherNeed.objects.filter(school_year=year.start_year).select_related("need"),
                to_attr="year_needs",
            ),
            Prefetch(
                "diagnostics",
                Diagnostic.objects.filter(date__range=(year.starts_on, year.ends_on)).exclude(
                    deficits=""
                ),
                to_attr="year_diagnostics",
            ),
        )
        .order_by("last_name", "first_name", "patronymic")
    )


@dataclass
class Composition:
    total: int
    young: int
    by_category: list[tuple[str, int]]
    by_education: list[tuple[str, int]]
    by_experience: list[tuple[str, int]]
    by_age: list[tuple[str, int]]


def _banded(values: Iterable[int], bands) -> list[tuple[str, int]]:
    counts = Counter()
    for value in values:
        for low, high in bands:
            if low <= value < high:
                counts[(low, high)] += 1
                break
    return [(band_label(low, high), counts[(low, high)]) for low, high in bands]


def composition(teachers: Sequence[Teacher], on: dt.date) -> Composition:
    """Counts by category, education, teaching experience and age, and young teachers."""
    categories = Counter(t.category for t in teachers)
    educations = Counter(t.education_level for t in teachers)
    return Composition(
        total=len(teachers),
        young=sum(t.is_young(on) for t in teachers),
        by_category=[(str(label), categories[value]) for value, label in Category.choices],
        by_education=[(str(label), educations[value]) for value, label in EducationLevel.choices],
        by_experience=_banded((t.teaching_years(on) for t in teachers), EXPERIENCE_BANDS),
        by_age=_banded((t.age(on) for t in teachers), AGE_BANDS),
    )


def _lines(text: str) -> str:
    return "; ".join(line.strip() for line in (text or "").splitlines() if line.strip())


def _themes(t: Teacher) -> str:
    return "; ".join(theme.theme for theme in getattr(t, "year_themes", []))


def _needs(t: Teacher) -> str:
    return "; ".join(str(n.need or n.text) for n in getattr(t, "year_needs", []))


def _deficits(t: Teacher) -> str:
    return "; ".join(_lines(d.deficits) for d in getattr(t, "year_diagnostics", []))


def teacher_columns(on: dt.date) -> list[XlsxColumn]:
    """Every field of the teacher bank the regulations name (003 §8.5: age, education,
    specialty, subject, total and teaching experience, category, awards, title)."""
    return [
        XlsxColumn(gettext_lazy("Full name"), lambda t: t.full_name, 35),
        XlsxColumn(gettext_lazy("Date of birth"), lambda t: t.birth_date, 14),
        XlsxColumn(gettext_lazy("Age"), lambda t: t.age(on), 8),
        XlsxColumn(gettext_lazy("Organisation"), lambda t: str(t.organisation), 30),
        XlsxColumn(gettext_lazy("Position"), lambda t: t.position, 25),
        XlsxColumn(gettext_lazy("Education"), lambda t: t.get_education_level_display(), 25),
        XlsxColumn(gettext_lazy("Educational institution"), lambda t: t.education_institution, 30),
        XlsxColumn(gettext_lazy("Graduation year"), lambda t: t.graduation_year, 10),
        XlsxColumn(gettext_lazy("Specialty by diploma"), lambda t: t.specialty, 30),
        XlsxColumn(
            gettext_lazy("Subjects"), lambda t: ", ".join(s.name for s in t.subjects.all()), 30
        ),
        XlsxColumn(gettext_lazy("Total years"), lambda t: t.total_years(on), 10),
        XlsxColumn(gettext_lazy("Teaching years"), lambda t: t.teaching_years(on), 10),
        XlsxColumn(gettext_lazy("Category"), lambda t: t.get_category_display(), 25),
        XlsxColumn(gettext_lazy("Category assigned on"), lambda t: t.category_assigned_on, 14),
        XlsxColumn(gettext_lazy("Awards"), lambda t: _lines(t.awards), 40),
        XlsxColumn(gettext_lazy("Honorary titles"), lambda t: _lines(t.honorary_titles), 30),
        XlsxColumn(gettext_lazy("Young teacher"), lambda t: t.is_young(on), 10),
        XlsxColumn(gettext_lazy("Self-education theme"), _themes, 40),
        XlsxColumn(gettext_lazy("Professional needs"), _needs, 40),
        XlsxColumn(gettext_lazy("Deficits found"), _deficits, 40),
    ]


THEME_COLUMNS = [
    XlsxColumn(gettext_lazy("Full name"), lambda t: t.full_name, 35),
    XlsxColumn(gettext_lazy("Organisation"), lambda t: str(t.organisation), 30),
    XlsxColumn(gettext_lazy("Self-education theme"), _themes, 60),
]
NEED_COLUMNS = [
    XlsxColumn(gettext_lazy("Full name"), lambda t: t.full_name, 35),
    XlsxColumn(gettext_lazy("Professional needs"), _needs, 50),
    XlsxColumn(gettext_lazy("Deficits found"), _deficits, 50),
]
CURRICULUM_COLUMNS = [
    XlsxColumn(gettext_lazy("Kind"), lambda c: c.get_kind_display(), 20),
    XlsxColumn(gettext_lazy("Title"), lambda c: c.title, 50),
    XlsxColumn(gettext_lazy("Authors, publisher"), lambda c: c.authors, 30),
    XlsxColumn(gettext_lazy("Grades or age"), lambda c: c.grades, 12),
    XlsxColumn(
        gettext_lazy("Used by"), lambda c: ", ".join(t.short_name for t in c.teachers.all()), 40
    ),
    XlsxColumn(gettext_lazy("Note"), lambda c: c.note, 30),
]


def curricula(association: Association) -> QuerySet:
    return association.curricula.prefetch_related("teachers").order_by("kind", "title")


def _composition_rows(comp: Composition) -> list[tuple[str, str, int]]:
    rows = [
        (_("Members of the association"), "", comp.total),
        (_("Young teachers"), "", comp.young),
    ]
    for group, pairs in (
        (_("Category"), comp.by_category),
        (_("Education"), comp.by_education),
        (_("Teaching experience, years"), comp.by_experience),
        (_("Age, years"), comp.by_age),
    ):
        rows += [(group, label, count) for label, count in pairs]
    return rows


COMPOSITION_COLUMNS = [
    XlsxColumn(gettext_lazy("Indicator"), lambda r: r[0], 30),
    XlsxColumn(gettext_lazy("Group"), lambda r: r[1], 40),
    XlsxColumn(gettext_lazy("Teachers"), lambda r: r[2], 12),
]


def workbook_bytes(sheets: Iterable[tuple[str, Sequence[XlsxColumn], Iterable]]) -> bytes:
    """A workbook written by the safe writer (strings never become formulas)."""
    workbook = Workbook(write_only=True)
    for title, columns, rows in sheets:
        write_sheet(workbook, title, columns, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def databank_sheets(association: Association, on: dt.date, teachers=None) -> list:
    teachers = list(members(association, on)) if teachers is None else teachers
    return [
        (_("Composition"), COMPOSITION_COLUMNS, _composition_rows(composition(teachers, on))),
        (_("Teachers"), teacher_columns(on), teachers),
        (_("Self-education themes"), THEME_COLUMNS, teachers),
        (_("Needs and deficits"), NEED_COLUMNS, teachers),
        (_("Programmes and УМК"), CURRICULUM_COLUMNS, curricula(association)),
    ]


def databank_xlsx(association: Association, on: dt.date, teachers=None) -> bytes:
    """The full data bank as XLSX: composition, the teachers with every field, themes, needs
    and deficits, programmes and teaching materials."""
    return workbook_bytes(databank_sheets(association, on, teachers))
