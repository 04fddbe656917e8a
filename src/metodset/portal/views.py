from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from metodset.core.dates import SchoolYear
from metodset.core.downloads import attachment
from metodset.core.views import confirm_page
from metodset.documents.render import ConversionFailed, ConverterMissing
from metodset.documents.render import docx_to_pdf as render_pdf
from metodset.portal import results, selectors, services
from metodset.portal.access import PUBLISH, get_association_for_publishing
from metodset.portal.documents import passport_docx, plan_document_links

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"

# --- Public pages -------------------------------------------------------------------------


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    """Regions and municipalities on the platform, each linking to its portal."""
    return render(request, "portal/index.html", {"regions": selectors.region_list()})


@login_not_required
def municipality(request: HttpRequest, slug: str) -> HttpResponse:
    place = selectors.municipality_get(slug)
    year = SchoolYear.current()
    context = {
        "municipality": place,
        "groups": selectors.associations_by_kind(place),
        "plans": list(selectors.public_plans(municipality=place, years=[year, year.previous])),
        "events": list(selectors.upcoming_events(place)),
    }
    return render(request, "portal/municipality.html", context)


def _passport_of(request: HttpRequest, slug: str, pk: int):
    place = selectors.municipality_get(slug)
    association = selectors.passport_association_get(place, pk)
    if association.published_at is None and not request.user.has_perm(PUBLISH, association):
        raise Http404
    return place, association


@login_not_required
def passport(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The association passport (000 §1.6, §5.10) with its results; a preview for who may
    publish it."""
    place, association = _passport_of(request, slug, pk)
    preview = association.published_at is None
    year = SchoolYear.current()
    plans = list(
        selectors.public_plans(
            association=association, years=[year, year.previous], with_items=True
        )
    )
    context = {
        "municipality": place,
        "association": association,
        "head": association.heads[0] if association.heads else None,
        "year": year,
        "current_plan": next((p for p in plans if p.school_year == year.start_year), None),
        "plans": [(plan, plan_document_links(plan)) for plan in plans],
        "meetings": list(selectors.upcoming_meetings(association)),
        "events": list(selectors.upcoming_events(place, association=association)),
        "preview": preview,
        "results": results.passport_results(association, year),
    }
    return render(request, "portal/passport.html", context)


@login_not_required
@require_GET
def passport_document(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    """The passport with its results as DOCX or PDF (PDF through LibreOffice: 503 without)."""
    if fmt not in ("docx", "pdf"):
        raise Http404
    _place, association = _passport_of(request, slug, pk)
    year = SchoolYear.current()
    content = passport_docx(association, year, results.passport_results(association, year))
    name = _("Passport of the association") + f" — {association.name}"
    if fmt == "docx":
        return attachment(content, name, "docx", DOCX)
    try:
        return attachment(render_pdf(content), name, "pdf", PDF)
    except (ConverterMissing, ConversionFailed):
        message = _(
            "PDF is not available: LibreOffice is not installed on the server. "
            "Download the DOCX file and save it as PDF."
        )
        return render(request, "documents/unavailable.html", {"message": message}, status=503)


@login_not_required
def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Published results of the municipality's competitions and olympiads (001 §2.2)."""
    place = selectors.municipality_get(slug)
    year = SchoolYear.current()
    context = {
        "municipality": place,
        "years": [year, year.previous],
        "events": results.competition_results(place, [year.previous, year]),
    }
    return render(request, "portal/results.html", context)


@login_not_required
def plan(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A published work plan as an HTML table (001 §1.3)."""
    place = selectors.municipality_get(slug)
    work_plan = selectors.public_plan_get(place, pk)
    context = {
        "municipality": place,
        "plan": work_plan,
        "documents": plan_document_links(work_plan),
    }
    return render(request, "portal/plan.html", context)


# --- Back office: publishing ---------------------------------------------------------------


def passport_publish(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_association_for_publishing(request.user, pk)
    return confirm_page(
        request,
        action=lambda: services.passport_publish(user=request.user, association=association),
        title=_("Publish the passport"),
        question=_("Publish the passport of «%(name)s» on the public portal?")
        % {"name": association},
        consequences=_(
            "Anyone will see the association's name, kind and area, the order of creation, "
            "the head's full name, position and organisation, the number of members, the "
            "published work plans and the upcoming meetings and events. Members' names and "
            "contacts are never shown."
        ),
        confirm_label=_("Publish"),
        cancel_url=association.get_absolute_url(),
        success_url=association.get_absolute_url(),
        success_message=_("The passport is published."),
    )


def passport_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_association_for_publishing(request.user, pk)
    return confirm_page(
        request,
        action=lambda: services.passport_unpublish(user=request.user, association=association),
        title=_("Withdraw the passport"),
        question=_("Take the passport of «%(name)s» off the public portal?")
        % {"name": association},
        consequences=_("The passport page will answer «not found» until it is published again."),
        confirm_label=_("Withdraw"),
        cancel_url=association.get_absolute_url(),
        success_url=association.get_absolute_url(),
        success_message=_("The passport is withdrawn from the portal."),
    )
