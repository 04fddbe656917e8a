from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from metodset.core.access import get_for_user, require_perm
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.core.xlsx import XlsxColumn, xlsx_response
from metodset.regulations import selectors, services
from metodset.regulations.forms import MatrixFilter, UploadForm
from metodset.regulations.kinds import REGISTRY, Rule
from metodset.regulations.models import Regulation, RegulationVersion
from metodset.regulations.yaml_schema import dump


def regulation_list(request):
    regulations = (
        Regulation.objects.for_user(request.user)
        .select_related("municipality")
        .prefetch_related("versions")
        .order_by("municipality__name", "title")
    )
    return render(request, "regulations/regulation_list.html", {"regulations": regulations})


def regulation_detail(request, pk: int):
    regulation = get_for_user(Regulation.objects.select_related("municipality"), request.user, pk)
    versions = list(regulation.versions.select_related("order", "created_by"))
    current = versions[0] if versions else None
    rules = [
        {
            "title": REGISTRY[r["kind"]].title,
            "clause": r.get("clause", ""),
            "description": REGISTRY[r["kind"]].describe(
                Rule(r["kind"], r.get("clause", ""), r.get("params", {}))
            ),
        }
        for r in (current.rules if current else [])
    ]
    return render(
        request,
        "regulations/regulation_detail.html",
        {
            "regulation": regulation,
            "versions": versions,
            "current": current,
            "rules": rules,
            "can_edit": request.user.has_perm("regulations.change_regulation", regulation),
        },
    )


def regulation_upload(request):
    require_perm(request.user, "regulations.add_regulation")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.regulation_import(
                user=request.user, municipality=form.municipality(), text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Version %(n)s of the regulation is loaded.") % {"n": version.number}
            )
            if version.order_unregistered:
                messages.warning(
                    request,
                    _(
                        "The approving order № %(number)s of %(date)s is not in the register "
                        "of acts: register it so the regulation is linked to it."
                    )
                    % {"number": version.order_number, "date": f"{version.order_date:%d.%m.%Y}"},
                )
            return redirect(version.regulation)
    return render(
        request,
        "regulations/regulation_upload.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def regulation_export(request, version_pk: int):
    version = get_object_or_404(
        RegulationVersion.objects.select_related("regulation", "order"),
        pk=version_pk,
        regulation__in=Regulation.objects.for_user(request.user),
    )
    response = HttpResponse(dump(version), content_type="application/x-yaml; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="regulation-{version.regulation_id}-v{version.number}.yaml"'
    )
    return response


def _year(value) -> SchoolYear:
    try:
        return SchoolYear(int(value))
    except (TypeError, ValueError):
        return SchoolYear.current()


def matrix(request):
    """Associations × rules of the municipality; for a coordinator, a summary of his region."""
    user = request.user
    municipalities = list(Municipality.objects.for_user(user).select_related("region"))
    several = len(municipalities) > 1
    form = MatrixFilter(request.GET or None, municipalities=municipalities if several else None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    year = _year(data.get("year"))
    chosen = None
    if several and data.get("municipality"):
        chosen = next((m for m in municipalities if str(m.pk) == data["municipality"]), None)
    elif not several and municipalities:
        chosen = municipalities[0]
    associations = selectors.matrix_associations(
        user, municipality=chosen, kind=data.get("kind") or ""
    )
    if chosen is None:
        summary = selectors.region_summary(municipalities, associations, year)
        return render(
            request, "regulations/region.html", {"form": form, "summary": summary, "year": year}
        )
    problems_only = bool(data.get("problems"))
    if request.GET.get("export") == "xlsx":  # the whole matrix
        whole = selectors.compliance_matrix(list(associations), year, problems_only=problems_only)
        headers, rows = whole.headers, whole.rows
        xlsx_columns = [XlsxColumn(_("Association"), lambda r: r["association"].name, 45)] + [
            XlsxColumn(
                h,
                lambda r, i=i: (
                    f"{r['results'][i].label}: {r['results'][i].message}" if r["results"][i] else ""
                ),
                40,
            )
            for i, h in enumerate(headers)
        ]
        return xlsx_response(
            f"compliance-{chosen.slug}-{year.start_year}.xlsx", _("Compliance"), xlsx_columns, rows
        )
    page, table = selectors.compliance_matrix_page(
        associations,
        year,
        problems_only=problems_only,
        page=request.GET.get("page"),
        per_page=settings.METODSET_PAGE_SIZE,
    )
    return render(
        request,
        "regulations/matrix.html",
        {
            "form": form,
            "page": page,
            "rows": table.rows,
            "headers": table.headers,
            "year": year,
            "municipality": chosen,
            "several": several,
        },
    )
