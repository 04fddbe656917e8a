"""What an indicator's computation returns for one group: a numerator and a denominator."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format


@dataclass(frozen=True)
class Value:
    """A share in percent: numerator of denominator."""

    numerator: int | None
    denominator: int | None

    @property
    def value(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator, 1)


@dataclass(frozen=True)
class Ratio(Value):
    """Denominator per numerator (teachers per regional methodist)."""

    @property
    def value(self) -> float | None:
        if self.numerator is None or not self.numerator:
            return None
        return round(self.denominator / self.numerator, 1)


@dataclass(frozen=True)
class Amount(Value):
    """A number of records (numerator) among the population's teachers (denominator)."""

    @property
    def value(self) -> float | None:
        if self.numerator is None or self.denominator is None:
            return None
        return self.numerator


@dataclass(frozen=True)
class Mean(Value):
    """The mean of expert assessments: their sum (numerator) over how many (denominator)."""

    @property
    def value(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return round(float(self.numerator) / self.denominator, 1)


NO_DATA = Value(None, None)


def shown(value: Value) -> str:
    """The value as a reader of Russian reads it: «78,6» (a decimal comma), a whole number
    for a count; empty without data."""
    number = value.value
    if number is None:
        return ""
    return number_format(number, decimal_pos=0 if isinstance(value, Amount) else 1)
