"""Indicator values for groups of teachers, one aggregate query per indicator.

Results are cached per (grouping, school year) under a version number that any change
of the source data bumps (see signals.py), so a dashboard renders from the cache until
something it depends on changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, QuerySet

from metodset.associations.models import Membership
from metodset.core.dates import SchoolYear
from metodset.indicators.catalogue import (
    CATALOGUE,
    Expert,
    Indicator,
    Tally,
    TeachersPerRegionalMethodist,
)
from metodset.indicators.values import NO_DATA, Amount, Ratio, Value

__all__ = ["NO_DATA", "Ratio", "Value", "for_associations", "for_municipalities", "for_regions"]
from metodset.people.models import Teacher

VERSION_KEY = "indicators:version"
CACHE_SECONDS = 36 * 3600  # the nightly job recomputes well before this runs out


def version() -> int:
    """The generation of the cached values; any change of their source data starts a new one."""
    return _version()


def _version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_version(**_kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def members_during(year: SchoolYear) -> QuerySet[Membership]:
    return Membership.objects.during(year.starts_on, year.ends_on)


def _counts(rows: QuerySet, group: str, teacher: str, condition=None) -> dict[int, int]:
    """Distinct teachers per group, of those meeting `condition` (an Exists) if given.

    The condition goes into WHERE, where PostgreSQL turns it into a semi-join (hash or merge,
    by its estimate) instead of a subquery run once per teacher.
    """
    if condition is not None:
        rows = rows.filter(condition)
    counted = rows.order_by().values(group).annotate(n=Count(teacher, distinct=True))
    return {row[group]: row["n"] for row in counted}


def _grouped(
    rows: QuerySet,
    group: str,
    teacher: str,
    indicator: Indicator,
    year: SchoolYear,
    association: str | None,
    totals: dict[int, int] | None = None,
) -> dict[int, Value]:
    grouped = getattr(indicator, "grouped", None)
    if grouped is not None:  # a count of records, a judgement or a survey, not a share
        return grouped(rows, group, teacher, year, association)
    has = indicator.has(year, teacher, association)
    if has is None:
        return {}
    among = indicator.among(year, teacher)
    if among is not None:
        rows = rows.filter(among)
        totals = None
    if totals is None:
        totals = _counts(rows, group, teacher)
    hits = _counts(rows, group, teacher, has)
    kind = Ratio if isinstance(indicator, TeachersPerRegionalMethodist) else Value
    return {pk: kind(hits.get(pk, 0), total) for pk, total in totals.items()}


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
    result = _compute(rows, ids, "association_id", "teacher_id", year, "association_id")
    cache.set(key, result, timeout=CACHE_SECONDS)
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
    rows = Teacher.objects.working().filter(municipality_id__in=ids)
    result = _compute(rows, ids, "municipality_id", "id", year, None)
    cache.set(key, result, timeout=CACHE_SECONDS)
    return result


def for_regions(region_ids: Iterable[int], year: SchoolYear) -> dict[int, dict[str, Value]]:
    """Every indicator for every region given, from the working teachers of its municipalities."""
    ids = sorted(set(region_ids))
    key = f"indicators:r:{_version()}:{year.start_year}:{hash(tuple(ids))}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    rows = Teacher.objects.working().filter(municipality__region_id__in=ids)
    result = _compute(rows, ids, "municipality__region_id", "id", year, None)
    cache.set(key, result, timeout=CACHE_SECONDS)
    return result


def _empty(indicator: Indicator, year: SchoolYear) -> Value:
    """The value of a group the aggregate did not return (no members, nobody assessed it)."""
    if isinstance(indicator, Tally):
        return Amount(0, 0)
    if isinstance(indicator, Expert) or indicator.has(year, "id", None) is None:
        return NO_DATA
    return Value(0, 0)


def _compute(rows, ids, group, teacher, year, association) -> dict[int, dict[str, Value]]:
    result: dict[int, dict[str, Value]] = {pk: {} for pk in ids}
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # These aggregates are costed high enough to trigger JIT compilation, which
            # takes longer (≈150 ms a query) than the queries themselves.
            cursor.execute("SET LOCAL jit = off")
            # The semi-joins hash every attendance of a year (≈400,000 ids for 30,000
            # teachers): in memory rather than in batches spilled to disk.
            cursor.execute("SET LOCAL work_mem = '32MB'")
        totals = _counts(rows, group, teacher)  # the population, shared by most indicators
        for code, indicator in CATALOGUE.items():
            values = _grouped(rows, group, teacher, indicator, year, association, totals)
            for pk in ids:
                result[pk][code] = values.get(pk) or _empty(indicator, year)
    return result


def _population(year: SchoolYear, *, association=None, municipality=None, region=None):
    """The population of a grouping and the reference to its teacher column."""
    if association is not None:
        return members_during(year).filter(association=association), "teacher_id"
    if municipality is not None:
        return Teacher.objects.working_in(municipality), "id"
    return Teacher.objects.working().filter(municipality__region=region), "id"


def numerator_teachers(
    code: str, year: SchoolYear, *, association=None, municipality=None, region=None
) -> QuerySet[Teacher]:
    """The teachers behind a value: those who count in its numerator (drill-down)."""
    indicator = CATALOGUE[code]
    rows, teacher = _population(
        year, association=association, municipality=municipality, region=region
    )
    if isinstance(indicator, Tally | Expert):
        return Teacher.objects.none()
    has = indicator.has(year, teacher, "association_id" if association is not None else None)
    if has is None:
        return Teacher.objects.none()
    ids = rows.annotate(_has=has).filter(_has=True).values(teacher)
    return (
        Teacher.objects.filter(pk__in=ids)
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


def numerator_records(
    code: str, year: SchoolYear, *, association=None, municipality=None, region=None
) -> QuerySet | None:
    """The records behind a count (publications, experience units) or a judgement; None for
    a share, whose numerator is teachers (numerator_teachers)."""
    indicator = CATALOGUE[code]
    if isinstance(indicator, Tally):
        rows, teacher = _population(
            year, association=association, municipality=municipality, region=region
        )
        return indicator.records(year, rows.values(teacher))
    if isinstance(indicator, Expert):
        assessments = indicator.assessments(year).select_related("association", "author")
        if association is not None:
            return assessments.filter(association=association)
        if municipality is not None:
            return assessments.filter(association__municipality=municipality)
        return assessments.filter(association__municipality__region=region)
    return None
