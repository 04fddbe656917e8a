"""School years (1 September – 31 August) and other date facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True, order=True)
class SchoolYear:
    start_year: int

    @classmethod
    def of(cls, day: dt.date) -> SchoolYear:
        return cls(day.year if day.month >= 9 else day.year - 1)

    @staticmethod
    def of_field(field: str):
        """`of` in SQL: the starting year of the school year of a date or timestamp column
        (a timestamp in the current time zone, as Django extracts it)."""
        from django.db.models import Case, ExpressionWrapper, IntegerField, Value, When
        from django.db.models.functions import ExtractYear

        return ExpressionWrapper(
            ExtractYear(field)
            - Case(When(**{f"{field}__month__lt": 9}, then=Value(1)), default=Value(0)),
            output_field=IntegerField(),
        )

    @classmethod
    def current(cls) -> SchoolYear:
        return cls.of(timezone.localdate())

    @classmethod
    def from_param(cls, value: str | None) -> SchoolYear | None:
        """A `?year=` of a page: None unless it is a plausible school year (2000–2100);
        a word or a huge number in the address must not reach date arithmetic."""
        value = (value or "").strip()
        if value.isascii() and value.isdigit() and len(value) == 4 and 2000 <= int(value) <= 2100:
            return cls(int(value))
        return None

    @classmethod
    def parse(cls, label: str) -> SchoolYear:
        """'2025/2026' or '2025-2026' or '2025' -> SchoolYear(2025)."""
        head = label.replace("-", "/").split("/")[0].strip()
        return cls(int(head))

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.start_year, 9, 1)

    @property
    def ends_on(self) -> dt.date:
        return dt.date(self.start_year + 1, 8, 31)

    def __contains__(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def __str__(self) -> str:
        return f"{self.start_year}/{self.start_year + 1}"

    @property
    def previous(self) -> SchoolYear:
        return SchoolYear(self.start_year - 1)


def full_years_between(start: dt.date, end: dt.date) -> int:
    """Whole years from `start` to `end` (age, experience)."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)


def years_ago(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def years_later(day: dt.date, years: int) -> dt.date:
    return years_ago(day, -years)


def time_label(moment: dt.datetime) -> str:
    """A moment in the near future for a message: «09:40» today, «21.11.2025 00:10» later."""
    local = timezone.localtime(moment)
    label = local.strftime("%H:%M")
    if local.date() != timezone.localdate():
        label = f"{local:%d.%m.%Y} {label}"
    return label
