"""Indicator values for groups of teachers, one aggregate query per indicator.

Results are cached per (grouping, school year) under a version number that any change
of the source data bumps (see signals.py), so a dashboard renders from the cache until
something it depends on changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from metodset.associations.models import Membership
from metodset.core.dates import SchoolYear
from metodset.indicators.catalogue import CATALOGUE, Indicator, TeachersPerRegionalMethodist
from metodset.people.models import Teacher

VERSION_KEY = "indicators:version"


@dataclass(frozen=True)
class Value:
    numerator: int | None
    denominator: int | None

    @property
    def value(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator, 1)


@dataclass(frozen=True)
class Ratio(Value):
    @property
    def value(self) -> float | None:
        if self.numerator is None or not self.numerator:
            return None
        return round(self.denominator / self.numerator, 1)


NO_DATA = Value(None, None)


def _version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_version(**_kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def members_during(year: SchoolYear) -> QuerySet[Membership]:
    return Membership.objects.filter(joined_on__lte=year.ends_on).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=year.starts_on)
    )


def _grouped(
    rows: QuerySet,
    group: str,
    teacher: str,
    indicator: Indicator,
    year: SchoolYear,
    association: str | None,
) -> dict[int, Value]:
    has = indicator.has(year, teacher, association)
    if has is None:
        return {}
    among = indicator.among(year, teacher)
    if among is not None:
        rows = rows.annotate(_among=among).filter(_among=True)
    counted = (
        rows.annotate(_has=has)
        .order_by()
        .values(group)
        .annotate(
            total=Count(teacher, distinct=True),
            hit=Count(teacher, filter=Q(_has=True), distinct=True),
        )
    )
    kind = Ratio if isinstance(indicator, TeachersPerRegionalMethodist) else Value
    return {row[group]: kind(row["hit"], row["total"]) for row in counted}


def for_associations(
    association_ids: Iterable[int], year: SchoolYear
) -> dict[int, dict[str, Value]]:
    """Every indicator for every association given, from its members during the school year."""
    ids = sorted(set(association_ids))
    key = f"indicators:a:{_version()}:{year.start_year}:{hash(tuple(ids))}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    rows = members_during(year).filter(association_id__in=ids)
    result: dict[int, dict[str, Value]] = {pk: {} for pk in ids}
    for code, indicator in CATALOGUE.items():
        values = _grouped(rows, "association_id", "teacher_id", indicator, year, "association_id")
        for pk in ids:
            result[pk][code] = values.get(
                pk, NO_DATA if indicator.has(year, "teacher_id", None) is None else Value(0, 0)
            )
    cache.set(key, result, timeout=24 * 3600)
    return result


def for_municipalities(
    municipality_ids: Iterable[int], year: SchoolYear
) -> dict[int, dict[str, Value]]:
    """Every indicator for every municipality given, from its working teachers."""
    ids = sorted(set(municipality_ids))
    key = f"indicators:m:{_version()}:{year.start_year}:{hash(tuple(ids))}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    rows = Teacher.objects.filter(municipality_id__in=ids, is_active=True)
    result: dict[int, dict[str, Value]] = {pk: {} for pk in ids}
    for code, indicator in CATALOGUE.items():
        values = _grouped(rows, "municipality_id", "id", indicator, year, None)
        for pk in ids:
            result[pk][code] = values.get(
                pk, NO_DATA if indicator.has(year, "id", None) is None else Value(0, 0)
            )
    cache.set(key, result, timeout=24 * 3600)
    return result


def numerator_teachers(
    code: str, year: SchoolYear, *, association=None, municipality=None
) -> QuerySet[Teacher]:
    """The teachers behind a value: those who count in its numerator (drill-down)."""
    indicator = CATALOGUE[code]
    if association is not None:
        rows = members_during(year).filter(association=association)
        has = indicator.has(year, "teacher_id", "association_id")
        if has is None:
            return Teacher.objects.none()
        ids = rows.annotate(_has=has).filter(_has=True).values("teacher_id")
    else:
        rows = Teacher.objects.filter(municipality=municipality, is_active=True)
        has = indicator.has(year, "id", None)
        if has is None:
            return Teacher.objects.none()
        ids = rows.annotate(_has=has).filter(_has=True).values("id")
    return (
        Teacher.objects.filter(pk__in=ids)
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )
