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
from metodset.imports.forms import ColumnMappingForm, UploadForm
from metodset.imports.models import ImportJob, ImportKind


def import_list(request):
    require_perm(request.user, "imports.add_importjob")
    jobs = (
        ImportJob.objects.for_user(request.user)
        .select_related("user", "municipality")
        .order_by("-created_at")[:100]
    )
    services.import_watchdog(jobs=ImportJob.objects.for_user(request.user))
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


def _job(request, pk: int) -> ImportJob:
    job = get_for_user(
        ImportJob.objects.select_related("user"), request.user, pk, perm="imports.view_importjob"
    )
    # A page looked at is a watchdog too: a job whose worker died shows it at once.
    if job.is_busy and services.import_watchdog(jobs=ImportJob.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    return job


def _status(request, job: ImportJob, form: ColumnMappingForm | None = None):
    return render(
        request,
        "imports/import_detail.html#status",
        {"job": job, "columns_form": form or _columns_form(job)},
    )


def _columns_form(job: ImportJob) -> ColumnMappingForm | None:
    return ColumnMappingForm(job=job) if job.layout and not job.is_busy else None


def import_detail(request, pk: int):
    job = _job(request, pk)
    if request.htmx:
        return _status(request, job)
    return render(
        request, "imports/import_detail.html", {"job": job, "columns_form": _columns_form(job)}
    )


def import_columns(request, pk: int):
    """How each column is understood, changed by hand; the file is then checked again.

    On the preview the form posts with HTMX and the status block is swapped
    for the new check's progress; without JavaScript it is a page of its own.
    """
    job = _job(request, pk)
    form = ColumnMappingForm(request.POST or None, job=job)
    if request.method == "POST" and form.is_valid():
        try:
            services.import_map_columns(
                user=request.user,
                job=job,
                header_row=form.cleaned_data["header_row"],
                columns=form.columns(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.htmx:
                return _status(request, job)
            messages.success(request, _("The file is being checked again with these columns."))
            return redirect(job)
    if request.htmx:
        return _status(request, job, form)  # 200: HTMX swaps only successful answers
    return render(
        request,
        "imports/import_columns.html",
        {"job": job, "columns_form": form},
        status=400 if form.errors else 200,
    )


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


@require_POST
def import_retry(request, pk: int):
    job = get_for_user(ImportJob.objects.all(), request.user, pk, perm="imports.view_importjob")
    try:
        services.import_retry(user=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file is being checked again."))
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
        columns = [c for c in importer.columns if c.in_template]
        sheet.append([str(c.header) + (" *" if c.required else "") for c in columns])
    sheet.append([c.example for c in columns])
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
