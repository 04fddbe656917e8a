from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from metodset.core.downloads import attachment
from metodset.core.files import file_response
from metodset.core.models import Municipality
from metodset.core.views import confirm_page, form_page
from metodset.documents import access, selectors, services
from metodset.documents import render as renderer
from metodset.documents.context import PLACEHOLDERS
from metodset.documents.forms import TemplateUploadForm
from metodset.documents.kinds import DOCUMENTS
from metodset.documents.models import DocumentKind

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def _send(request, make: Callable[[], services.Generated], fmt: str) -> HttpResponse:
    generated = make()
    if fmt == "docx":
        return attachment(generated.content, generated.name, "docx", DOCX)
    try:
        pdf = services.to_pdf(generated)
    except renderer.ConverterMissing:
        message = _(
            "PDF is not available: LibreOffice is not installed on the server. "
            "Download the DOCX file and save it as PDF."
        )
    except renderer.ConversionFailed:
        message = _("LibreOffice could not convert the document to PDF. Try again later.")
    else:
        return attachment(pdf.content, pdf.name, "pdf", PDF)
    return render(request, "documents/unavailable.html", {"message": message}, status=503)


def _guarded(make: Callable[[], services.Generated]) -> Callable[[], services.Generated]:
    """A broken own template is the authority's to fix: say so instead of a server error."""

    def wrapped() -> services.Generated:
        try:
            return make()
        except renderer.RenderError as error:
            raise TemplateBroken(str(error)) from error

    return wrapped


class TemplateBroken(Exception):
    pass


def _download(request, make, fmt: str) -> HttpResponse:
    try:
        return _send(request, _guarded(make), fmt)
    except TemplateBroken as error:
        message = _(
            "The document template of your municipality cannot be filled: %(error)s. "
            "A methodist can replace it or go back to the built-in one."
        ) % {"error": error}
        return render(request, "documents/unavailable.html", {"message": message}, status=422)


@require_GET
def download(request, pk: int, kind: str, fmt: str) -> HttpResponse:
    """A generated document (documents/extensions.py, DOCUMENT_KINDS) as DOCX or PDF."""
    source = DOCUMENTS[kind]
    obj = source.get(request.user, pk)
    if source.for_viewer:
        return _download(request, lambda: source.make(obj, viewer=request.user), fmt)
    return _download(request, lambda: source.make(obj), fmt)


# --- Own templates ----------------------------------------------------------------------


def _kind(kind: str) -> DocumentKind:
    if kind not in DocumentKind.values:
        raise Http404
    return DocumentKind(kind)


def template_index(request) -> HttpResponse:
    """A methodist goes to his municipality's templates; the admin picks a municipality."""
    user = request.user
    if user.is_methodist and user.municipality_id:
        return redirect("documents:templates", user.municipality_id)
    if not user.is_platform_admin:
        raise PermissionDenied
    return render(
        request,
        "documents/template_index.html",
        {"municipalities": Municipality.objects.select_related("region").order_by("name")},
    )


def municipality_templates(request, pk: int) -> HttpResponse:
    municipality = access.get_municipality_for_templates(request.user, pk)
    lines = selectors.template_overview(municipality.pk)
    return render(
        request,
        "documents/templates.html",
        {
            "municipality": municipality,
            "lines": lines,
            "history": selectors.template_history(municipality.pk),
        },
    )


@require_GET
def template_builtin(request, kind: str) -> FileResponse:
    """The built-in template of `kind`, the starting point for an authority's own."""
    kind = _kind(kind)
    user = request.user
    if not (user.is_platform_admin or user.is_methodist):
        raise PermissionDenied
    return FileResponse(
        renderer.builtin_path(kind).open("rb"),
        as_attachment=True,
        filename=f"{kind}.docx",
        content_type=DOCX,
    )


@require_GET
def template_file(request, pk: int, kind: str) -> FileResponse:
    municipality = access.get_municipality_for_templates(request.user, pk)
    template = selectors.template_for(municipality.pk, _kind(kind))
    if template is None:
        raise Http404
    return file_response(template.file, template.original_name or f"{kind}.docx")


def template_upload(request, pk: int, kind: str) -> HttpResponse:
    municipality = access.get_municipality_for_templates(request.user, pk)
    kind = _kind(kind)
    form = TemplateUploadForm(request.POST or None, request.FILES or None, kind=kind)
    back = reverse("documents:templates", args=[municipality.pk])
    return form_page(
        request,
        form,
        save=lambda: services.template_upload(
            user=request.user, municipality=municipality, kind=kind, file=form.cleaned_data["file"]
        ),
        title=_("Own template: %(kind)s") % {"kind": kind.label},
        cancel_url=back,
        success_url=back,
        success_message=_("The template is saved; documents of this kind now use it."),
        submit_label=_("Upload"),
        template="documents/template_upload.html",
        extra={"kind": kind, "placeholders": sorted(PLACEHOLDERS[kind])},
    )


def template_revert(request, pk: int, kind: str) -> HttpResponse:
    municipality = access.get_municipality_for_templates(request.user, pk)
    kind = _kind(kind)
    if selectors.template_for(municipality.pk, kind) is None:
        raise Http404
    back = reverse("documents:templates", args=[municipality.pk])
    return confirm_page(
        request,
        action=lambda: services.template_revert(
            user=request.user, municipality=municipality, kind=kind
        ),
        title=_("Back to the built-in template"),
        question=_("Use the built-in template for «%(kind)s» again?") % {"kind": kind.label},
        consequences=_("The uploaded file is deleted."),
        confirm_label=_("Use the built-in template"),
        cancel_url=back,
        success_url=back,
        success_message=_("The built-in template is in use again."),
    )
