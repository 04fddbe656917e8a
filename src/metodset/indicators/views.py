from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from metodset.associations.models import Association
from metodset.core.access import get_for_user, get_from_param, require_perm
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.core.views import form_page
from metodset.core.xlsx import XlsxColumn, xlsx_response
from metodset.indicators import selectors, services
from metodset.indicators.catalogue import CATALOGUE, Expert, Satisfaction
from metodset.indicators.compute import numerator_records, numerator_teachers
from metodset.indicators.forms import AssessmentForm
from metodset.indicators.models import ExpertAssessment
from metodset.indicators.monitoring import report as monitoring_report
from metodset.indicators.monitoring import workbook as monitoring_workbook
from metodset.people.models import Teacher
from metodset.surveys.indicator import satisfaction_surveys


def _year(request) -> SchoolYear:
    return SchoolYear.from_param(request.GET.get("year")) or SchoolYear.current()


def dashboard(request):
    """Associations of a municipality (or municipalities of a region) compared by indicator."""
    user = request.user
    year = _year(request)
    municipalities = Municipality.objects.for_user(user).select_related("region")
    if request.GET.get("municipality"):
        municipality = get_from_param(municipalities, request.GET["municipality"])
    elif user.is_platform_admin or user.is_regional_coordinator:
        return _region(request, year, list(municipalities))
    else:
        municipality = user.municipality
        if municipality is None:
            raise Http404
    associations = list(
        Association.objects.for_user(user).filter(municipality=municipality).active()
    )
    sort = request.GET.get("sort")
    sort = sort if sort in CATALOGUE else selectors.DEFAULT_SORT
    exporting = request.GET.get("export") == "xlsx"
    if not exporting:  # the workbook has the table alone, not the chart's years
        selectors.prefetch_dashboard(associations, municipality, year)
    rows = selectors.association_rows(associations, year, sort)
    if exporting:
        columns = [
            XlsxColumn(_("Rank"), lambda r: r["place"], 8),
            XlsxColumn(_("Association"), lambda r: r["association"].name, 45),
        ] + [
            XlsxColumn(str(indicator.name), lambda r, i=i: r["cells"][i].value.value, 18)
            for i, indicator in enumerate(CATALOGUE.values())
        ]
        return xlsx_response(
            f"indicators-{municipality.slug}-{year.start_year}.xlsx", _("Indicators"), columns, rows
        )
    see_teachers = not user.is_teacher
    # The chart's years and the table's two in one computation (compute.for_*_years).
    dynamics = selectors.municipality_dynamics(municipality, also=(year, year.previous))
    return render(
        request,
        "indicators/dashboard.html",
        {
            "year": year,
            "municipality": municipality,
            "rows": rows,
            "total": selectors.municipality_row(municipality, year, link=see_teachers),
            "catalogue": CATALOGUE,
            "sort": sort,
            "goals": selectors.targets_of(municipality),
            "years": selectors.school_years(),
            "dynamics": dynamics,
            "can_assess": user.has_perm("indicators.assess", municipality),
            "can_monitor": user.has_perm("indicators.view_monitoring", municipality),
        },
    )


def _region(request, year, municipalities):
    regions = sorted({m.region for m in municipalities}, key=lambda r: r.name)
    rows = selectors.municipality_rows(municipalities, year)
    if request.GET.get("export") == "xlsx":
        columns = [XlsxColumn(_("Municipality"), lambda r: r["municipality"].name, 40)] + [
            XlsxColumn(str(indicator.name), lambda r, i=i: r["cells"][i].value.value, 18)
            for i, indicator in enumerate(CATALOGUE.values())
        ]
        return xlsx_response(
            f"indicators-region-{year.start_year}.xlsx", _("Indicators"), columns, rows
        )
    return render(
        request,
        "indicators/region.html",
        {
            "year": year,
            "rows": rows,
            "totals": selectors.region_rows(regions, year),
            "catalogue": CATALOGUE,
            "years": selectors.school_years(),
        },
    )


def _drill_page(request, code: str, year: SchoolYear, title: str, **group):
    """The people or records behind one value; teachers only as far as the user may see them."""
    teachers = numerator_teachers(code, year, **group).filter(
        pk__in=Teacher.objects.for_user(request.user).values("pk")
    )
    records = numerator_records(code, year, **group)
    # Satisfaction is counted over survey answers, which belong to nobody: show the surveys.
    by_surveys = isinstance(CATALOGUE[code], Satisfaction)
    surveys = satisfaction_surveys(year, **group) if by_surveys else None
    if records is not None and records.model is not ExpertAssessment:
        records = records.filter(teacher__in=Teacher.objects.for_user(request.user).values("pk"))
    return render(
        request,
        "indicators/drill.html",
        {
            "indicator": CATALOGUE[code],
            "code": code,
            "title": title,
            "year": year,
            "teachers": teachers,
            "records": records,
            "surveys": surveys,
            "is_expert": isinstance(CATALOGUE[code], Expert),
            **group,
        },
    )


def association_dashboard(request, pk: int):
    """One association's indicators: the school year's values against the targets, with
    their dynamics over the school years."""
    association = get_object_or_404(
        Association.objects.for_user(request.user).select_related("municipality"), pk=pk
    )
    year = _year(request)
    return render(
        request,
        "indicators/association.html",
        {
            "association": association,
            "year": year,
            "years": selectors.school_years(),
            "rows": selectors.association_card(association, year, link=True),
            "dynamics": selectors.association_dynamics(association),
        },
    )


def drill(request, code: str, association_pk: int):
    """The teachers or records behind one value of an association."""
    if code not in CATALOGUE:
        raise Http404
    association = get_object_or_404(Association.objects.for_user(request.user), pk=association_pk)
    return _drill_page(request, code, _year(request), str(association), association=association)


def drill_municipality(request, code: str, pk: int):
    """The teachers or records behind one value of a municipality."""
    if code not in CATALOGUE:
        raise Http404
    municipality = get_object_or_404(Municipality.objects.for_user(request.user), pk=pk)
    require_perm(request.user, "indicators.view_monitoring", municipality)
    return _drill_page(request, code, _year(request), str(municipality), municipality=municipality)


def monitoring(request):
    """The monitoring report of the methodical service for a municipality and school year."""
    user = request.user
    year = _year(request)
    municipalities = Municipality.objects.for_user(user).select_related("region")
    if request.GET.get("municipality"):
        municipality = get_from_param(municipalities, request.GET["municipality"])
    elif user.municipality_id:
        municipality = get_object_or_404(municipalities, pk=user.municipality_id)
    else:  # a coordinator or the platform admin chooses the municipality first
        require_perm(user, "indicators.view_monitoring", municipalities.first())
        return render(
            request,
            "indicators/monitoring_choose.html",
            {"municipalities": municipalities, "year": year, "years": selectors.school_years()},
        )
    require_perm(user, "indicators.view_monitoring", municipality)
    data = monitoring_report(municipality, year, user)
    if request.GET.get("export") == "xlsx":
        return monitoring_workbook(data)
    return render(
        request,
        "indicators/monitoring.html",
        {**data, "catalogue": CATALOGUE, "years": selectors.school_years()},
    )


def assess(request, code: str, association_pk: int):
    """A methodist enters the expert value of an indicator (the roadmap) for an association."""
    if not isinstance(CATALOGUE.get(code), Expert):
        raise Http404
    association = get_for_user(
        Association.objects, request.user, association_pk, perm="indicators.assess"
    )
    year = _year(request)
    current = ExpertAssessment.objects.filter(
        association=association, code=code, school_year=year.start_year
    ).first()
    form = AssessmentForm(
        request.POST or None,
        initial={"value": current.value, "comment": current.comment} if current else None,
    )
    back = reverse("indicators:dashboard") + f"?year={year.start_year}"
    return form_page(
        request,
        form,
        save=lambda: services.assessment_save(
            user=request.user,
            association=association,
            code=code,
            year=year,
            value=form.cleaned_data["value"],
            comment=form.cleaned_data["comment"],
        ),
        title=f"{CATALOGUE[code].name}: {association}, {year}",
        cancel_url=back,
        success_url=back,
        success_message=_("The assessment is saved with you as its author."),
        template="indicators/assess.html",
        extra={"indicator": CATALOGUE[code], "current": current},
    )


def targets(request):
    """The municipality's target values, one per indicator (empty: no target)."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from metodset.indicators.forms import TargetsForm

    require_perm(request.user, "indicators.set_targets")
    municipality = request.user.municipality
    if municipality is None:  # targets belong to a municipality; its methodists set them
        raise Http404
    form = TargetsForm(request.POST or None, current=selectors.targets_of(municipality))
    if request.method == "POST" and form.is_valid():
        services.targets_save(user=request.user, municipality=municipality, values=form.values())
        messages.success(request, _("Targets saved."))
        return redirect("indicators:targets")
    status = 400 if form.is_bound else 200
    return render(request, "indicators/targets.html", {"form": form}, status=status)
