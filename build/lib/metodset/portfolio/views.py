"""Thin views of the portfolio, the data bank and the methodist's year-end view."""

from __future__ import annotations

import io
import zipfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from metodset.core.dates import SchoolYear
from metodset.core.files import CONTENT_TYPES, extension_of
from metodset.portfolio import databank, services
from metodset.portfolio.access import get_portfolio_association_for_user
from metodset.portfolio.archive import item_files, portfolio_zip
from metodset.portfolio.forms import CurriculumForm, UploadForm
from metodset.portfolio.models import Curriculum, PortfolioStatus
from metodset.portfolio.selectors import portfolio_events, portfolio_view, yearend_rows


def _year(request: HttpRequest) -> SchoolYear:
    value = request.GET.get("year") or request.POST.get("year")
    return SchoolYear.from_param(value) or SchoolYear.current()


def _back(association, year: SchoolYear, anchor: str = ""):
    url = reverse("portfolio:association", args=[association.pk]) + f"?year={year.start_year}"
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _bytes_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(
        content, content_type=CONTENT_TYPES.get(extension_of(filename), "application/octet-stream")
    )
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- The portfolio ---------------------------------------------------------------------


def association_portfolio(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_portfolio_association_for_user(request.user, pk)
    year = _year(request)
    view = portfolio_view(association, year)
    user = request.user
    return render(
        request,
        "portfolio/portfolio.html",
        {
            "association": association,
            "year": year,
            "years": [year.previous, year, SchoolYear(year.start_year + 1)],
            "view": view,
            "events": portfolio_events(view.portfolio),
            "can_assemble": user.has_perm("portfolio.assemble", association) and view.editable,
            "can_review": user.has_perm("portfolio.review", association)
            and view.status == PortfolioStatus.SUBMITTED,
            "can_remind": user.has_perm("portfolio.remind", association),
            "upload_form": UploadForm(),
            "today": timezone.localdate(),
        },
    )


@require_POST
def item_upload(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    association = get_portfolio_association_for_user(request.user, pk, perm="portfolio.assemble")
    year = _year(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return _back(association, year, f"item-{code}")
    try:
        services.portfolio_upload(
            user=request.user,
            association=association,
            year=year,
            code=code,
            file=form.cleaned_data["file"],
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The file is in the portfolio."))
    return _back(association, year, f"item-{code}")


@require_POST
def item_clear(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    association = get_portfolio_association_for_user(request.user, pk, perm="portfolio.assemble")
    year = _year(request)
    try:
        services.portfolio_item_clear(
            user=request.user, association=association, year=year, code=code
        )
    except ValidationError as error:
        _errors(request, error)
    return _back(association, year, f"item-{code}")


def item_download(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One item's file (several, as a ZIP: the minutes of each meeting)."""
    association = get_portfolio_association_for_user(request.user, pk)
    view = portfolio_view(association, _year(request))
    state = view.state(code)
    if state is None:
        raise Http404
    files = item_files(state, view, request.user)
    if not files:
        raise Http404
    if len(files) == 1:
        return _bytes_response(files[0].content, files[0].name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.writestr(file.name, file.content)
    return _bytes_response(buffer.getvalue(), f"{code}.zip")


def portfolio_download(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_portfolio_association_for_user(request.user, pk)
    view = portfolio_view(association, _year(request))
    if view.checklist is None:
        raise Http404
    content, name = portfolio_zip(view, request.user)
    return _bytes_response(content, name)


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_portfolio_association_for_user(request.user, pk, perm="portfolio.assemble")
    year = _year(request)
    try:
        services.portfolio_submit(user=request.user, association=association, year=year)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The portfolio is handed in to the methodical service."))
    return _back(association, year)


@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_portfolio_association_for_user(request.user, pk, perm="portfolio.review")
    year = _year(request)
    view = portfolio_view(association, year)
    if view.portfolio is None:
        raise Http404
    returned = {
        item["code"]: request.POST.get(f"comment_{item['code']}", "")
        for item in view.portfolio.items
        if request.POST.get(f"return_{item['code']}")
    }
    try:
        services.portfolio_review(
            user=request.user,
            portfolio=view.portfolio,
            returned=returned,
            comment=request.POST.get("comment", ""),
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("The portfolio is returned to the head.")
            if returned
            else _("The portfolio is accepted."),
        )
    return _back(association, year)


@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_portfolio_association_for_user(request.user, pk, perm="portfolio.remind")
    year = _year(request)
    try:
        count = services.portfolio_remind(user=request.user, association=association, year=year)
    except ValidationError as error:
        _errors(request, error)
    else:
        if count:
            messages.success(request, _("The head is reminded."))
        else:
            messages.info(request, _("No one to remind: no head, or reminded today already."))
    target = request.POST.get("next", "")
    if target == "yearend":
        return redirect(reverse("portfolio:yearend") + f"?year={year.start_year}")
    return _back(association, year)


# --- The methodist's year-end view ------------------------------------------------------


def yearend(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_platform_admin or user.is_regional_coordinator or user.is_methodist):
        raise PermissionDenied
    year = _year(request)
    rows = yearend_rows(user, year)
    counts = {
        "total": len(rows),
        "accepted": sum(r.status == PortfolioStatus.ACCEPTED for r in rows),
        "submitted": sum(r.status == PortfolioStatus.SUBMITTED for r in rows),
        "returned": sum(r.status == PortfolioStatus.RETURNED for r in rows),
        "overdue": sum(r.overdue for r in rows),
    }
    return render(
        request,
        "portfolio/yearend.html",
        {
            "rows": rows,
            "year": year,
            "years": [year.previous, year, SchoolYear(year.start_year + 1)],
            "counts": counts,
            "can_remind": user.is_methodist,
        },
    )


# --- The data bank ------------------------------------------------------------------------


def _on(year: SchoolYear):
    return min(max(timezone.localdate(), year.starts_on), year.ends_on)


def databank_page(request: HttpRequest, pk: int) -> HttpResponse:
    from metodset.privacy import services as privacy
    from metodset.privacy.models import AccessKind

    association = get_portfolio_association_for_user(request.user, pk)
    year = _year(request)
    on = _on(year)
    teachers = list(databank.members(association, on))
    privacy.access_record(request=request, people=teachers, kind=AccessKind.LIST)
    can_keep = request.user.has_perm("portfolio.keep_curricula", association)
    form = (
        CurriculumForm(members=databank.members(association, on), association=association)
        if can_keep
        else None
    )
    return render(
        request,
        "portfolio/databank.html",
        {
            "association": association,
            "year": year,
            "teachers": teachers,
            "composition": databank.composition(teachers, on),
            "curricula": databank.curricula(association),
            "form": form,
            "can_keep": can_keep,
            "on": on,
        },
    )


def databank_download(request: HttpRequest, pk: int) -> HttpResponse:
    from metodset.privacy import services as privacy
    from metodset.privacy.models import AccessKind

    association = get_portfolio_association_for_user(request.user, pk)
    on = _on(_year(request))
    teachers = list(databank.members(association, on))
    privacy.access_record(request=request, people=teachers, kind=AccessKind.EXPORT)
    content = databank.databank_xlsx(association, on, teachers)
    return _bytes_response(content, f"Банк данных — {association}.xlsx".replace("/", "-"))


@require_POST
def curriculum_add(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_portfolio_association_for_user(
        request.user, pk, perm="portfolio.keep_curricula"
    )
    year = _year(request)
    form = CurriculumForm(
        request.POST, members=databank.members(association, _on(year)), association=association
    )
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.curriculum_add(user=request.user, association=association, **data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The programme is recorded."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    url = reverse("portfolio:databank", args=[association.pk])
    return redirect(f"{url}?year={year.start_year}#curricula")


@require_POST
def curriculum_delete(request: HttpRequest, pk: int) -> HttpResponse:
    curriculum = get_object_or_404(
        Curriculum.objects.for_user(request.user).select_related("association"), pk=pk
    )
    get_portfolio_association_for_user(request.user, curriculum.association_id)
    services.curriculum_delete(user=request.user, curriculum=curriculum)
    messages.success(request, _("Removed."))
    return redirect(reverse("portfolio:databank", args=[curriculum.association_id]) + "#curricula")


def head_needs(request: HttpRequest) -> HttpResponse:
    """The head's view of his members' needs and deficits, per association he heads."""
    from metodset.associations.models import Association

    user = request.user
    if not user.headed_association_ids:
        raise PermissionDenied
    year = _year(request)
    on = _on(year)
    associations = list(
        Association.objects.for_user(user)
        .filter(pk__in=user.headed_association_ids)
        .order_by("name")
    )
    groups = [(a, list(databank.members(a, on))) for a in associations]
    from metodset.privacy import services as privacy
    from metodset.privacy.models import AccessKind

    privacy.access_record(
        request=request, people=[t for _a, ts in groups for t in ts], kind=AccessKind.LIST
    )
    return render(
        request,
        "portfolio/needs.html",
        {"groups": groups, "year": year},
    )
