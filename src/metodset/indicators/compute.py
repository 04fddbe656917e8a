"""Indicator values for groups of teachers: the shares in one scan of the population for
several school years at once (`_shares`), the others one aggregate query per indicator.

Results are cached per (grouping, school year) under a version number that any change
of the source data bumps (see signals.py), so a dashboard renders from the cache until
something it depends on changes.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import Count, F, QuerySet
from django.utils import timezone, translation

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

__all__ = [
    "NO_DATA",
    "Ratio",
    "Value",
    "for_associations",
    "for_municipalities",
    "for_municipalities_years",
    "for_regions",
    "for_regions_years",
]
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
    if isinstance(indicator, Tally):  # a count of records over the population counted
        if totals is None:
            totals = _counts(rows, group, teacher)
        return indicator.grouped(rows, group, teacher, year, association, totals)
    grouped = getattr(indicator, "grouped", None)
    if grouped is not None:  # a judgement or a survey, not a share
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


def _keys(kind: str, ids: list[int], years: Iterable[SchoolYear]) -> dict[SchoolYear, str]:
    prefix = f"indicators:{kind}:{_version()}"
    return {y: f"{prefix}:{y.start_year}:{hash(tuple(ids))}" for y in years}


def _cached(kind: str, ids: list[int], years: list[SchoolYear], compute) -> dict:
    """The values of each school year from the cache, the missing years computed at once
    (`compute(years)`) and cached each under its own key."""
    keys = _keys(kind, ids, years)
    found = cache.get_many(list(keys.values()))
    result = {y: found[key] for y, key in keys.items() if key in found}
    missing = [y for y in dict.fromkeys(years) if y not in result]
    if missing:
        computed = compute(missing)
        cache.set_many({keys[y]: computed[y] for y in missing}, timeout=CACHE_SECONDS)
        result.update(computed)
    return result


def prefetch(
    *,
    associations: tuple[Iterable[int], Iterable[SchoolYear]] | None = None,
    municipalities: tuple[Iterable[int], Iterable[SchoolYear]] | None = None,
) -> None:
    """Fill the cache with what a page is about to read, its computations at the same time.

    The associations of each school year (their members differ) and the municipalities'
    years are independent queries; missing from the cache together (a dashboard after a
    change of its data), they run on their own connections at once instead of one after
    another, so the page waits for the longest of them, not for their sum (PostgreSQL,
    outside a transaction: see `at_once`). The page then reads them from the cache.
    """
    calls = []
    if associations is not None:
        ids = sorted(set(associations[0]))
        keys = _keys("a", ids, dict.fromkeys(associations[1]))
        found = cache.get_many(list(keys.values()))
        for year, key in keys.items():
            if key not in found:
                calls.append(lambda year=year: for_associations(ids, year))
    if municipalities is not None:
        ids_m, years = sorted(set(municipalities[0])), list(dict.fromkeys(municipalities[1]))
        if len(cache.get_many(list(_keys("m", ids_m, years).values()))) < len(years):
            calls.append(lambda: for_municipalities_years(ids_m, years))
    at_once(calls, using=Teacher.objects.db)


def at_once(calls: list, *, using: str = "default") -> list:
    """Run independent read-only computations at the same time, each in a thread with its own
    database connection, and return their results in order; one after the other on SQLite,
    with fewer than two, or inside a transaction (another connection would not see its
    uncommitted rows: a test's, a service's). Each thread runs in a copy of the caller's
    context (its language, time zone, and whether the request reads a replica)."""
    connection = connections[using]
    if len(calls) < 2 or connection.vendor != "postgresql" or connection.in_atomic_block:
        return [call() for call in calls]

    language, zone = translation.get_language(), timezone.get_current_timezone()

    def run(call):
        try:  # Django keeps the language and the time zone per thread, not in the context
            with translation.override(language), timezone.override(zone):
                return call()
        finally:
            connections.close_all()  # this thread's connections only

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(contextvars.copy_context().run, run, call) for call in calls]
        return [future.result() for future in futures]


def for_associations(
    association_ids: Iterable[int], year: SchoolYear
) -> dict[int, dict[str, Value]]:
    """Every indicator for every association given, from its members during the school year."""
    ids = sorted(set(association_ids))

    def compute(years):  # the members differ from year to year: one computation each
        rows = members_during(year).filter(association_id__in=ids)
        return _compute(rows, ids, "association_id", "teacher_id", [year], "association_id")

    return _cached("a", ids, [year], compute)[year]


def for_municipalities_years(
    municipality_ids: Iterable[int], years: Iterable[SchoolYear]
) -> dict[SchoolYear, dict[int, dict[str, Value]]]:
    """Every indicator for every municipality given and each school year, from its working
    teachers (the same for every year: the years missing from the cache in one scan)."""
    ids = sorted(set(municipality_ids))
    rows = Teacher.objects.working().filter(municipality_id__in=ids)
    return _cached(
        "m", ids, list(years), lambda ys: _compute(rows, ids, "municipality_id", "id", ys, None)
    )


def for_municipalities(
    municipality_ids: Iterable[int], year: SchoolYear
) -> dict[int, dict[str, Value]]:
    """Every indicator for every municipality given, from its working teachers."""
    return for_municipalities_years(municipality_ids, [year])[year]


def for_regions_years(
    region_ids: Iterable[int], years: Iterable[SchoolYear]
) -> dict[SchoolYear, dict[int, dict[str, Value]]]:
    """Every indicator for every region given and each school year, from the working teachers
    of its municipalities."""
    ids = sorted(set(region_ids))
    rows = Teacher.objects.working().filter(municipality__region_id__in=ids)
    return _cached(
        "r",
        ids,
        list(years),
        lambda ys: _compute(rows, ids, "municipality__region_id", "id", ys, None),
    )


def for_regions(region_ids: Iterable[int], year: SchoolYear) -> dict[int, dict[str, Value]]:
    """Every indicator for every region given, from the working teachers of its municipalities."""
    return for_regions_years(region_ids, [year])[year]


def _empty(indicator: Indicator, year: SchoolYear) -> Value:
    """The value of a group the aggregate did not return (no members, nobody assessed it)."""
    if isinstance(indicator, Tally):
        return Amount(0, 0)
    if isinstance(indicator, Expert) or indicator.has(year, "id", None) is None:
        return NO_DATA
    return Value(0, 0)


def _compute(
    rows, ids, group, teacher, years: list[SchoolYear], association
) -> dict[SchoolYear, dict[int, dict[str, Value]]]:
    result: dict[SchoolYear, dict[int, dict[str, Value]]] = {
        y: {pk: {} for pk in ids} for y in years
    }
    # The connection the router reads the population from: a replica on a report page
    # (core/replicas.py), the primary otherwise; the transaction is only for SET LOCAL.
    db = rows.db
    with transaction.atomic(using=db), connections[db].cursor() as cursor:
        if connections[db].vendor == "postgresql":
            # These aggregates are costed high enough to trigger JIT compilation, which
            # takes longer (≈150 ms a query) than the queries themselves.
            cursor.execute("SET LOCAL jit = off")
            # The hashed sets of teachers (the year's attendees: ≈100,000 ids) in memory
            # rather than in batches spilled to disk.
            cursor.execute("SET LOCAL work_mem = '32MB'")
            # A parallel worker builds every hashed set again: twice the work on two cores.
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        shares, totals = _shares(rows, group, teacher, years, association, db)
        for year in years:
            for code, indicator in CATALOGUE.items():
                if code in shares[year]:
                    values = shares[year][code]
                else:
                    if totals is None:  # the population, shared by most indicators
                        totals = _counts(rows, group, teacher)
                    values = _grouped(rows, group, teacher, indicator, year, association, totals)
                for pk in ids:
                    result[year][pk][code] = values.get(pk) or _empty(indicator, year)
    return result


def _shares(rows, group, teacher, years, association, db="default"):
    """The shares that name their teachers as sets (Indicator.members) for every school year,
    in one scan of the population: `COUNT(*) FILTER (WHERE t IN (set))` per indicator and
    year, each set hashed once by PostgreSQL, instead of a query per indicator and year.
    Returns {year: {code: {group: value}}} and the population per group."""
    paired = association is not None
    plan = []
    for year in years:
        for code, indicator in CATALOGUE.items():
            members = indicator.members(year, paired)
            among = indicator.among_members(year)
            if members is None or (among is None and indicator.among(year, "id") is not None):
                continue  # computed with has() and among(), one query each
            plan.append((year, code, indicator, members, among))
    shares: dict[SchoolYear, dict[str, dict[int, Value]]] = {y: {} for y in years}
    if not plan:
        return shares, None

    def within(queryset, pairs=False) -> tuple[str, list]:
        sql, params = queryset.order_by().query.sql_with_params()
        return f"{'(p.g, p.t)' if pairs else 'p.t'} IN ({sql})", list(params)

    # Each distinct count once: two indicators over the same set (the teachers with a route
    # are one's numerator and another's denominator) read one column, so PostgreSQL hashes
    # and probes that set once per row, not twice.
    columns: dict[tuple[str, tuple], int] = {("COUNT(*)", ()): 1}

    def column(sql: str, params: list) -> int:
        return columns.setdefault((sql, tuple(params)), len(columns) + 1)

    where: list[tuple[int, int | None]] = []  # per plan entry: its columns in the row
    for _year, _code, indicator, members, among in plan:
        has, has_params = within(members, paired and indicator.by_association)
        if among is None:
            where.append((column(f"COUNT(*) FILTER (WHERE {has})", has_params), None))
        else:
            of, of_params = within(among)
            both = column(f"COUNT(*) FILTER (WHERE {of} AND {has})", of_params + has_params)
            where.append((both, column(f"COUNT(*) FILTER (WHERE {of})", of_params)))
    params = [p for _sql, column_params in columns for p in column_params]
    population = rows.order_by().values(g=F(group), t=F(teacher))
    if teacher != "id":  # a teacher twice a member of an association in a year counts once
        population = population.distinct()
    try:
        sql, population_params = population.query.sql_with_params()
    except EmptyResultSet:  # no groups asked for
        return {y: {code: {} for y_, code, *_r in plan if y_ == y} for y in years}, {}
    selected = ", ".join(sql for sql, _params in columns)
    query = f"SELECT p.g, {selected} FROM ({sql}) p GROUP BY p.g"  # noqa: S608  # nosec B608
    with connections[db].cursor() as cursor:
        cursor.execute(query, params + list(population_params))
        counted = cursor.fetchall()
    totals = {row[0]: row[1] for row in counted}
    for year, code, *_rest in plan:
        shares[year][code] = {}
    for row in counted:
        pk = row[0]
        for (year, code, indicator, _members, _among), (hit, of) in zip(plan, where, strict=True):
            if of is None:
                kind = Ratio if isinstance(indicator, TeachersPerRegionalMethodist) else Value
                shares[year][code][pk] = kind(row[hit], row[1])
            elif row[of]:  # nobody of the denominator: no value (as _grouped)
                shares[year][code][pk] = Value(row[hit], row[of])
    return shares, totals


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
