import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from metodset.core.access import get_for_user, require_perm
from metodset.core.files import file_response
from metodset.core.views import form_page
from metodset.imports import services
from metodset.imports.engine import IMPORTERS
from metodset.imports.forms import UploadForm
from metodset.imports.models import ImportJob, ImportKind


def import_list(request):
    require_perm(request.user, "imports.add_importjob")
    jobs = (
        ImportJob.objects.for_user(request.user)
        .select_related("user", "municipality")
        .order_by("-created_at")[:100]
    )
    return render(request, "imports/import_list.html", {"jobs": jobs})


def import_upload(request):
    require_perm(request.user, "imports.add_importjob")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.import_upload(
            user=request.user,
            municipality=form.municipality(),
            kind=form.cleaned_data["kind"],
            uploaded=form.cleaned_data["file"],
        ),
        title=_("Import from a spreadsheet"),
        cancel_url="/imports/",
        success_message=_(
            "The file is uploaded; its rows are being checked. Nothing is written yet."
        ),
        submit_label=_("Upload and check"),
        template="imports/import_upload.html",
    )


def import_detail(request, pk: int):
    job = get_for_user(
        ImportJob.objects.select_related("user"), request.user, pk, perm="imports.view_importjob"
    )
    template = "imports/import_detail.html"
    if request.htmx:
        template += "#status"
    return render(request, template, {"job": job})


def import_file(request, pk: int):
    """The uploaded spreadsheet, to those who may see the import: it has no public address."""
    job = get_for_user(ImportJob.objects.all(), request.user, pk, perm="imports.view_importjob")
    return file_response(job.file, job.download_name())


@require_POST
def import_apply(request, pk: int):
    job = get_for_user(ImportJob.objects.all(), request.user, pk, perm="imports.view_importjob")
    try:
        services.import_request_apply(user=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Importing: all rows are written at once, or none."))
    return redirect(job)


def import_template(request, kind: str):
    """An empty workbook with the expected columns and one example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    require_perm(request.user, "imports.add_importjob")
    importer = IMPORTERS.get(kind)
    if importer is None:
        return HttpResponse(status=404)
    workbook = Workbook()
    sheet = workbook.active
    with translation.override("ru"):
        sheet.title = str(ImportKind(kind).label)[:31]
        sheet.append([str(c.header) + (" *" if c.required else "") for c in importer.columns])
    sheet.append([c.example for c in importer.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.data_type = "s"
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="metodset-{kind}-template.xlsx"'
    return response
