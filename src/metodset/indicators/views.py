from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.core.xlsx import XlsxColumn, xlsx_response
from metodset.indicators.catalogue import CATALOGUE
from metodset.indicators.compute import for_associations, for_municipalities, numerator_teachers


def _year(request) -> SchoolYear:
    try:
        return SchoolYear(int(request.GET.get("year", "")))
    except ValueError:
        return SchoolYear.current()


def _trend(now, before, higher_is_better: bool) -> str:
    if now is None or before is None or now == before:
        return ""
    return "up" if (now > before) == higher_is_better else "down"


def dashboard(request):
    """Associations of a municipality (or municipalities of a region) compared by indicator."""
    user = request.user
    year = _year(request)
    municipalities = Municipality.objects.for_user(user).select_related("region")
    if user.is_platform_admin or user.is_regional_coordinator:
        if request.GET.get("municipality"):
            municipality = get_object_or_404(municipalities, pk=request.GET["municipality"])
        else:
            return _region(request, year, list(municipalities))
    else:
        municipality = user.municipality
        if municipality is None:
            raise Http404
    associations = list(
        Association.objects.for_user(user).filter(municipality=municipality).active()
    )
    ids = [a.pk for a in associations]
    now, before = for_associations(ids, year), for_associations(ids, year.previous)
    code = (
        request.GET.get("sort")
        if request.GET.get("sort") in CATALOGUE
        else "event_participation_share"
    )
    rows = [
        {
            "association": a,
            "cells": [
                (
                    c,
                    now[a.pk][c],
                    _trend(now[a.pk][c].value, before[a.pk][c].value, i.higher_is_better),
                )
                for c, i in CATALOGUE.items()
            ],
            "key": now[a.pk][code].value,
        }
        for a in associations
    ]
    rows.sort(key=lambda r: (r["key"] is None, -(r["key"] or 0), r["association"].name))
    from metodset.indicators.models import IndicatorTarget

    goals = dict(
        IndicatorTarget.objects.filter(municipality=municipality).values_list("code", "value")
    )
    if request.GET.get("export") == "xlsx":
        columns = [XlsxColumn(_("Association"), lambda r: r["association"].name, 45)] + [
            XlsxColumn(str(indicator.name), lambda r, i=i: r["cells"][i][1].value, 18)
            for i, indicator in enumerate(CATALOGUE.values())
        ]
        return xlsx_response(
            f"indicators-{municipality.slug}-{year.start_year}.xlsx", _("Indicators"), columns, rows
        )
    return render(
        request,
        "indicators/dashboard.html",
        {
            "year": year,
            "municipality": municipality,
            "rows": rows,
            "catalogue": CATALOGUE,
            "sort": code,
            "goals": goals,
            "years": [
                SchoolYear(y)
                for y in range(
                    SchoolYear.current().start_year, SchoolYear.current().start_year - 4, -1
                )
            ],
        },
    )


def _region(request, year, municipalities):
    ids = [m.pk for m in municipalities]
    now, before = for_municipalities(ids, year), for_municipalities(ids, year.previous)
    rows = [
        {
            "municipality": m,
            "cells": [
                (
                    now[m.pk][c],
                    _trend(now[m.pk][c].value, before[m.pk][c].value, i.higher_is_better),
                )
                for c, i in CATALOGUE.items()
            ],
        }
        for m in municipalities
    ]
    return render(
        request,
        "indicators/region.html",
        {
            "year": year,
            "rows": rows,
            "catalogue": CATALOGUE,
            "years": [
                SchoolYear(y)
                for y in range(
                    SchoolYear.current().start_year, SchoolYear.current().start_year - 4, -1
                )
            ],
        },
    )


def drill(request, code: str, association_pk: int):
    """The teachers behind one value."""
    if code not in CATALOGUE:
        raise Http404
    association = get_object_or_404(Association.objects.for_user(request.user), pk=association_pk)
    year = _year(request)
    teachers = numerator_teachers(code, year, association=association)
    return render(
        request,
        "indicators/drill.html",
        {
            "indicator": CATALOGUE[code],
            "association": association,
            "year": year,
            "teachers": teachers,
        },
    )


def targets(request):
    """The municipality's target values, one per indicator (empty: no target)."""
    from decimal import Decimal, InvalidOperation

    from django.contrib import messages
    from django.shortcuts import redirect

    from metodset.core.access import require_perm
    from metodset.indicators.models import IndicatorTarget

    require_perm(request.user, "indicators.set_targets")
    municipality = request.user.municipality
    if municipality is None:  # targets belong to a municipality; its methodists set them
        raise Http404
    current = {t.code: t for t in IndicatorTarget.objects.filter(municipality=municipality)}
    errors = {}
    if request.method == "POST":
        values = {}
        for code in CATALOGUE:
            raw = request.POST.get(code, "").strip().replace(",", ".")
            if not raw:
                values[code] = None
                continue
            try:
                value = Decimal(raw)
            except InvalidOperation:
                errors[code] = _("Enter a number.")
                continue
            if value < 0 or (CATALOGUE[code].unit == "%" and value > 100):
                errors[code] = _("A share is from 0 to 100.")
            values[code] = value
        if not errors:
            for code, value in values.items():
                if value is None:
                    if code in current:
                        current[code].delete()
                else:
                    IndicatorTarget.objects.update_or_create(
                        municipality=municipality, code=code, defaults={"value": value}
                    )
            messages.success(request, _("Targets saved."))
            return redirect("indicators:targets")
    rows = [
        {
            "code": code,
            "indicator": indicator,
            "value": request.POST.get(code)
            if errors
            else (current[code].value if code in current else ""),
            "error": errors.get(code),
        }
        for code, indicator in CATALOGUE.items()
    ]
    return render(request, "indicators/targets.html", {"rows": rows}, status=400 if errors else 200)
