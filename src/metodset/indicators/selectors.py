"""Reads for the indicator pages: rows of values with their trend, note and drill-down link.

Everything here works from the cached values of `compute`; the only queries of a page
built from the cache are the groups themselves, the targets and the expert assessments.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.indicators import compute
from metodset.indicators.catalogue import CATALOGUE, Expert, Indicator
from metodset.indicators.compute import for_associations
from metodset.indicators.models import ExpertAssessment, IndicatorTarget
from metodset.indicators.values import NO_DATA, Amount, Mean, Value, shown

YEARS_SHOWN = 4
DEFAULT_SORT = "event_participation_share"
BAR_HEIGHT = 50  # the bars of the dynamics chart, in SVG units


def _height(number: float | None, scale: float) -> int:
    return round(BAR_HEIGHT * min(number, scale) / scale) if number else 0


@dataclass(frozen=True)
class Cell:
    code: str
    value: Value
    trend: str  # "up" (better), "down" (worse) or ""
    note: str = ""
    href: str = ""

    @property
    def shown(self) -> str:
        return shown(self.value)


def cells_html(cells_: list[Cell]) -> str:
    """The <td> of a row's cells as markup, built here rather than by a template include per
    cell: a dashboard of 200 associations has 2,400 cells, and the includes alone would take
    most of the 100 ms the page may spend when its values come from the cache."""
    empty = f'<td><span class="muted">{escape(_("no data"))}</span></td>'
    better, worse = escape(_("better than last year")), escape(_("worse than last year"))
    arrows = {
        "up": f' <span class="badge badge--ok" title="{better}">▲</span>',
        "down": f' <span class="badge badge--bad" title="{worse}">▼</span>',
        "": "",
    }
    parts = []
    for cell in cells_:
        if cell.value.value is None:
            parts.append(empty)
            continue
        shown: str = escape(cell.shown)
        if cell.href:
            shown = f'<a href="{escape(cell.href)}">{shown}</a>'
        note = f'<br><small class="muted">{escape(cell.note)}</small>' if cell.note else ""
        parts.append(f"<td>{shown}{arrows[cell.trend]}{note}</td>")
    # Every value above went through escape(); built as one string for speed (see docstring).
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703


def trend(now: float | None, before: float | None, higher_is_better: bool) -> str:
    if now is None or before is None or now == before:
        return ""
    return "up" if (now > before) == higher_is_better else "down"


def note(value: Value) -> str:
    """The counts behind a share ("3 / 12"); nothing for a count or a judgement."""
    if value.value is None or isinstance(value, Amount | Mean):
        return ""
    return f"{value.numerator} / {value.denominator}"


def cells(
    now: dict[str, Value], before: dict[str, Value], href: str = "", notes: dict | None = None
) -> list[Cell]:
    """One row of cells; `href` has a «CODE» placeholder for the indicator's code."""
    return [
        Cell(
            code,
            now[code],
            trend(now[code].value, before[code].value, indicator.higher_is_better),
            (notes or {}).get(code) or note(now[code]),
            href.replace("CODE", code) if href and now[code].value is not None else "",
        )
        for code, indicator in CATALOGUE.items()
    ]


def school_years() -> list[SchoolYear]:
    current = SchoolYear.current().start_year
    return [SchoolYear(y) for y in range(current, current - YEARS_SHOWN, -1)]


def targets_of(municipality) -> dict[str, object]:
    return dict(
        IndicatorTarget.objects.filter(municipality=municipality).values_list("code", "value")
    )


def assessment_notes(association_ids: list[int], year: SchoolYear) -> dict[int, dict[str, str]]:
    """«author, date» under each expert value, in one query."""
    notes: dict[int, dict[str, str]] = {pk: {} for pk in association_ids}
    assessments = ExpertAssessment.objects.filter(
        association_id__in=association_ids, school_year=year.start_year
    ).select_related("author")
    for a in assessments:
        notes[a.association_id][a.code] = f"{a.author.get_short_name()}, {a.assessed_on:%d.%m.%Y}"
    return notes


def association_rows(associations: list[Association], year: SchoolYear, sort: str) -> list[dict]:
    """Associations of one municipality compared, best first by the `sort` indicator.

    The rows, markup included, are cached under the same version as the values, so a
    dashboard served from the cache neither computes nor formats 2,400 cells again.
    """
    ids = [a.pk for a in associations]
    key = (
        f"indicators:rows:{compute.version()}:{year.start_year}:{sort}:{get_language()}:"
        f"{hash(tuple(ids))}"
    )
    rows = cache.get(key)
    if rows is None:
        rows = _association_rows(associations, ids, year, sort)
        cache.set(key, rows, timeout=compute.CACHE_SECONDS)
    return rows


def _association_rows(associations, ids, year: SchoolYear, sort: str) -> list[dict]:
    now, before = for_associations(ids, year), for_associations(ids, year.previous)
    notes = assessment_notes(ids, year)
    # One reverse() for the whole table: a page of 200 associations × 12 indicators would
    # spend most of its time reversing URLs.
    base = reverse("indicators:drill", args=["CODE", 0]).replace("/0/", "/PK/")
    assess = reverse("indicators:assess", args=["roadmap", 0]).replace("/0/", "/PK/")
    query = f"?year={year.start_year}"
    rows = [
        {
            "association": a,
            "cells": cells(
                now[a.pk], before[a.pk], base.replace("PK", str(a.pk)) + query, notes[a.pk]
            ),
            "key": now[a.pk][sort].value,
            "url": a.get_absolute_url(),
            "assess_url": assess.replace("PK", str(a.pk)) + query,
        }
        for a in associations
    ]
    for row in rows:
        row["html"] = cells_html(row["cells"])
    better = CATALOGUE[sort].higher_is_better
    rows.sort(
        key=lambda r: (
            r["key"] is None,
            -(r["key"] or 0) if better else (r["key"] or 0),
            r["association"].name,
        )
    )
    for place, row in enumerate(rows, 1):
        row["place"] = place if row["key"] is not None else None
    return rows


def municipality_row(municipality, year: SchoolYear, *, link: bool) -> str:
    """The municipality's own values (all its teachers) as the cells of a table row."""
    values = compute.for_municipalities_years([municipality.pk], [year, year.previous])
    now, before = values[year][municipality.pk], values[year.previous][municipality.pk]
    href = ""
    if link:
        href = (
            reverse("indicators:drill_municipality", args=["CODE", municipality.pk])
            + f"?year={year.start_year}"
        )
    return cells_html(cells(now, before, href))


def municipality_rows(municipalities: list, year: SchoolYear) -> list[dict]:
    ids = [m.pk for m in municipalities]
    values = compute.for_municipalities_years(ids, [year, year.previous])
    now, before = values[year], values[year.previous]
    base = reverse("indicators:drill_municipality", args=["CODE", 0]).replace("/0/", "/PK/")
    query = f"?year={year.start_year}"
    return [
        {
            "municipality": m,
            "cells": (row := cells(now[m.pk], before[m.pk], base.replace("PK", str(m.pk)) + query)),
            "html": cells_html(row),
        }
        for m in municipalities
    ]


def region_rows(regions: list, year: SchoolYear) -> list[dict]:
    ids = [r.pk for r in regions]
    values = compute.for_regions_years(ids, [year, year.previous])
    now, before = values[year], values[year.previous]
    rows = [{"region": r, "cells": cells(now[r.pk], before[r.pk])} for r in regions]
    for row in rows:
        row["html"] = cells_html(row["cells"])
    return rows


def has_data(values: dict[str, Value]) -> bool:
    """Whether anything was recorded for a group in a school year: a year before the records
    began has every count at nought (a share of 0 of all teachers), which is no data, not
    «0,0 %»."""
    return any(v.value is not None and v.numerator for v in values.values())


def dynamics(values_by_year: dict[SchoolYear, dict[str, Value]]) -> list[dict]:
    """Each indicator over the school years shown, oldest first, with the bars of a chart.
    A year without any data shows no value («нет данных»), not noughts."""
    years = sorted(values_by_year, key=lambda y: y.start_year)
    empty = {y for y in years if not has_data(values_by_year[y])}
    result = []
    for code, indicator in CATALOGUE.items():
        series = [(y, NO_DATA if y in empty else values_by_year[y][code]) for y in years]
        numbers = [v.value for _y, v in series if v.value is not None]
        top = max(numbers, default=0) or 1
        scale = 100 if indicator.unit == "%" and not isinstance(indicator, Expert) else top
        result.append(
            {
                "indicator": indicator,
                "width": 100 * len(series),
                "points": [
                    {
                        "year": y,
                        "value": v,
                        "shown": Cell(code, v, "").shown,
                        "x": 100 * n + 20,
                        "y": BAR_HEIGHT - _height(v.value, scale),
                        "height": _height(v.value, scale),
                    }
                    for n, (y, v) in enumerate(series)
                ],
            }
        )
    return result


def prefetch_dashboard(associations: list[Association], municipality, year: SchoolYear) -> None:
    """What the dashboard reads, computed at once where the cache lacks it: its associations
    of the year and the one before, and the municipality's chart years with the table's two
    (compute.prefetch)."""
    compute.prefetch(
        associations=([a.pk for a in associations], [year, year.previous]),
        municipalities=([municipality.pk], [*school_years(), year, year.previous]),
    )


def municipality_dynamics(municipality, also: tuple[SchoolYear, ...] = ()) -> list[dict]:
    """The dynamics chart; the years of `also` (the table's year and the one before) are
    computed in the same scan and left in the cache for municipality_row."""
    years = school_years()
    values = compute.for_municipalities_years([municipality.pk], [*years, *also])
    return dynamics({y: values[y][municipality.pk] for y in years})


def catalogue_items() -> list[tuple[str, Indicator]]:
    return list(CATALOGUE.items())


def association_dynamics(association) -> list[dict]:
    return dynamics(
        {y: for_associations([association.pk], y)[association.pk] for y in school_years()}
    )


def association_card(association, year: SchoolYear, *, link: bool) -> list[dict]:
    """One association's indicators of a school year: value, counts, trend against the year
    before, the municipality's target, and the drill-down link."""
    now = for_associations([association.pk], year)[association.pk]
    before = for_associations([association.pk], year.previous)[association.pk]
    href = (
        reverse("indicators:drill", args=["CODE", association.pk]) + f"?year={year.start_year}"
        if link
        else ""
    )
    goals = targets_of(association.municipality)
    row = cells(now, before, href, assessment_notes([association.pk], year).get(association.pk))
    return [
        {
            "indicator": CATALOGUE[cell.code],
            "html": cells_html([cell]),
            "target": goals.get(cell.code),
        }
        for cell in row
    ]
