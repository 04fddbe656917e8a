"""The monitoring report of the methodical service for a school year (its analytical activity).

§2.1 names the monitoring of teachers' professional and information needs, of the
effectiveness of the municipal associations and of PD of the organisations' staff. Each
section is gathered by aggregate queries over the whole municipality, so the report costs
the same number of queries for 3 associations or 300.
"""

from __future__ import annotations

import tempfile
from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear, years_ago
from metodset.core.xlsx import XlsxColumn, write_sheet
from metodset.growth.models import PD_YEARS, Attestation, PDCourse, TeacherNeed
from metodset.indicators import selectors
from metodset.indicators.catalogue import CATALOGUE
from metodset.people.models import Category, Teacher

UNRANKED = {"teachers_per_regional_methodist"}  # a ratio of people, not a result to rank


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def needs(municipality, year: SchoolYear, teachers: QuerySet[Teacher]) -> dict:
    """Needs stated by teachers for the school year, most frequent first."""
    stated = TeacherNeed.objects.filter(
        teacher__in=teachers.values("pk"), school_year=year.start_year
    )
    listed = list(
        stated.filter(need__isnull=False)
        .values("need__name")
        .annotate(teachers=Count("teacher", distinct=True))
        .order_by("-teachers", "need__name")
    )
    counts = stated.aggregate(
        people=Count("teacher", distinct=True), own=Count("pk", filter=Q(need__isnull=True))
    )
    return {
        "items": [{"name": row["need__name"], "teachers": row["teachers"]} for row in listed],
        "teachers": counts["people"],
        "own_words": counts["own"],
        "surveys": _needs_surveys(municipality, year),
    }


def _needs_surveys(municipality, year: SchoolYear) -> list:
    """The needs surveys of the year (their results are on the survey's own page)."""
    from metodset.surveys.models import Survey, SurveyKind

    return list(
        Survey.objects.filter(
            municipality=municipality,
            kind=SurveyKind.NEEDS,
            opens_on__range=(year.starts_on, year.ends_on),
        ).order_by("opens_on")
    )


def effectiveness(municipality, year: SchoolYear, user) -> list[dict]:
    """The indicators of every association, its overall place and its compliance summary.

    The overall place orders the associations by their mean place over the indicators
    with data (each ranked in its own direction), so no single indicator decides it.
    """
    from metodset.regulations.checks import check_many

    associations = list(
        Association.objects.for_user(user).filter(municipality=municipality).active()
    )
    rows = selectors.association_rows(associations, year, "event_participation_share")
    places: dict[int, list[int]] = {row["association"].pk: [] for row in rows}
    for index, code in enumerate(CATALOGUE):
        if code in UNRANKED:
            continue
        scored = [
            (row["cells"][index].value.value, row["association"].pk)
            for row in rows
            if row["cells"][index].value.value is not None
        ]
        better = CATALOGUE[code].higher_is_better
        for value, pk in scored:  # equal values share a place: 1 + how many did better
            places[pk].append(
                1 + sum(1 for other, _pk in scored if (other > value if better else other < value))
            )
    verdicts = check_many(associations, year)
    for row in rows:
        mine = places[row["association"].pk]
        row["mean_place"] = round(sum(mine) / len(mine), 1) if mine else None
        row["compliance"] = Counter(v.result.status.value for v in verdicts[row["association"].pk])
    rows.sort(key=lambda r: (r["mean_place"] is None, r["mean_place"] or 0, r["association"].name))
    for place, row in enumerate(rows, 1):
        row["place"] = place if row["mean_place"] is not None else None
    return rows


def _by_organisation(teachers: QuerySet[Teacher], condition=None) -> dict[int, int]:
    if condition is not None:
        teachers = teachers.filter(condition)
    return dict(
        teachers.order_by()
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )


def pd_coverage(year: SchoolYear, teachers: QuerySet[Teacher]) -> dict:
    """Teachers with a PD course finished in the three years up to the end of the school year."""
    since = years_ago(year.ends_on, PD_YEARS)
    trained = Exists(
        PDCourse.objects.filter(
            teacher=OuterRef("pk"), ends_on__gt=since, ends_on__lte=year.ends_on
        )
    )
    totals = _by_organisation(teachers)
    hits = _by_organisation(teachers, trained)
    names = {
        pk: short or name
        for pk, short, name in teachers.order_by()
        .values_list("organisation_id", "organisation__short_name", "organisation__name")
        .distinct()
    }
    rows = [
        {
            "organisation": names.get(pk) or "—",
            "teachers": total,
            "trained": hits.get(pk, 0),
            "share": _share(hits.get(pk, 0), total),
        }
        for pk, total in totals.items()
    ]
    rows.sort(key=lambda r: (r["share"] is None, r["share"] or 0, r["organisation"]))
    total, trained_total = sum(totals.values()), sum(hits.values())
    return {
        "rows": rows,
        "since": since,
        "teachers": total,
        "trained": trained_total,
        "share": _share(trained_total, total),
    }


def attestation(year: SchoolYear, teachers: QuerySet[Teacher]) -> dict:
    """Teachers by category, attested in the year and whose category runs out in it."""
    by_category = dict(
        teachers.order_by().values("category").annotate(n=Count("pk")).values_list("category", "n")
    )
    total = sum(by_category.values())
    records = Attestation.objects.filter(teacher__in=teachers.values("pk"))
    return {
        "categories": [
            {
                "label": label,
                "teachers": by_category.get(value, 0),
                "share": _share(by_category.get(value, 0), total),
            }
            for value, label in Category.choices
        ],
        "teachers": total,
        "attested": records.filter(assigned_on__range=(year.starts_on, year.ends_on))
        .values("teacher")
        .distinct()
        .count(),
        "expiring": records.filter(expires_on__range=(year.starts_on, year.ends_on))
        .values("teacher")
        .distinct()
        .count(),
    }


def consultations(municipality, year: SchoolYear) -> dict:
    """Consultations of the school year (000 §5.2, §6.7): asked, given, from whom, to whom."""
    from metodset.consultations.selectors import counts

    return counts(municipality, year)


CONSULTATION_ROWS = [
    ("total", gettext_lazy("All requests and consultations")),
    ("given", gettext_lazy("Given (answered or appointed)")),
    ("open", gettext_lazy("Still open")),
    ("portal", gettext_lazy("From the portal")),
    ("app", gettext_lazy("In the app")),
    ("logged", gettext_lazy("Logged in person or at events")),
    ("parents", gettext_lazy("From parents")),
    ("service", gettext_lazy("To the methodical service")),
    ("associations", gettext_lazy("To associations")),
]


def report(municipality, year: SchoolYear, user) -> dict:
    teachers = Teacher.objects.working_in(municipality)
    counted = consultations(municipality, year)
    return {
        "consultations": [(label, counted[key]) for key, label in CONSULTATION_ROWS],
        "municipality": municipality,
        "year": year,
        "needs": needs(municipality, year, teachers),
        "associations": effectiveness(municipality, year, user),
        "total": selectors.municipality_row(municipality, year, link=True),
        "pd": pd_coverage(year, teachers),
        "attestation": attestation(year, teachers),
    }


def workbook(data: dict) -> FileResponse:
    """The report as XLSX, one sheet per section, with the same numbers as the page."""
    book = Workbook(write_only=True)
    write_sheet(
        book,
        _("Needs"),
        [
            XlsxColumn(_("Need"), lambda r: r["name"], 60),
            XlsxColumn(_("Teachers"), lambda r: r["teachers"], 12),
        ],
        data["needs"]["items"],
    )
    columns = [
        XlsxColumn(_("Rank"), lambda r: r["place"], 8),
        XlsxColumn(_("Association"), lambda r: r["association"].name, 45),
        XlsxColumn(_("Mean place"), lambda r: r["mean_place"], 10),
    ]
    columns += [
        XlsxColumn(str(indicator.name), lambda r, i=i: r["cells"][i].value.value, 18)
        for i, indicator in enumerate(CATALOGUE.values())
    ]
    columns += [
        XlsxColumn(_("Rules met"), lambda r: r["compliance"]["ok"], 10),
        XlsxColumn(_("Rules at risk"), lambda r: r["compliance"]["at_risk"], 10),
        XlsxColumn(_("Rules violated"), lambda r: r["compliance"]["violated"], 10),
    ]
    write_sheet(book, _("Associations"), columns, data["associations"])
    write_sheet(
        book,
        _("PD coverage"),
        [
            XlsxColumn(_("Organisation"), lambda r: r["organisation"], 40),
            XlsxColumn(_("Teachers"), lambda r: r["teachers"], 12),
            XlsxColumn(_("With PD in three years"), lambda r: r["trained"], 14),
            XlsxColumn(_("Share, %"), lambda r: r["share"], 10),
        ],
        data["pd"]["rows"],
    )
    write_sheet(
        book,
        _("Attestation"),
        [
            XlsxColumn(_("Category"), lambda r: str(r["label"]), 40),
            XlsxColumn(_("Teachers"), lambda r: r["teachers"], 12),
            XlsxColumn(_("Share, %"), lambda r: r["share"], 10),
        ],
        data["attestation"]["categories"],
    )
    write_sheet(
        book,
        _("Consultations"),
        [
            XlsxColumn(_("Consultations"), lambda r: str(r[0]), 40),
            XlsxColumn(_("Count"), lambda r: r[1], 12),
        ],
        data["consultations"],
    )
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it after sending
    book.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"monitoring-{data['municipality'].slug}-{data['year'].start_year}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
