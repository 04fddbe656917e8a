import datetime as dt
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.core.access import require_perm
from metodset.core.files import IMPORT_FILE, check_upload
from metodset.core.models import Municipality
from metodset.imports.engine import IMPORTERS, ImportPlan
from metodset.imports.models import ImportJob, ImportStatus
from metodset.imports.reading import EXTENSIONS, MAX_SIZE, quick_check, read_sheet
from metodset.imports.synonyms import SKIP

PREVIEW_LIMIT = 2000  # rows kept for the preview page; errors are always kept
# A worker renews its lease at every progress report (every thousand rows, a few seconds);
# a lease that ran out means the worker died.
LEASE = dt.timedelta(minutes=2)
MAX_ATTEMPTS = 2  # a step whose worker died is run once more, then fails visibly
QUEUE_PATIENCE = dt.timedelta(minutes=30)  # queued longer: the worker does not run


@transaction.atomic
def import_upload(*, user, municipality: Municipality, kind: str, uploaded) -> ImportJob:
    """Accept a file after a quick look at its content, and queue its row-by-row check."""
    require_perm(user, "imports.add_importjob", municipality)
    from metodset.imports.tasks import import_check_task

    name = uploaded.name or "file"
    if not name.lower().endswith(EXTENSIONS):
        raise ValidationError({"file": _("Upload an Excel workbook (.xlsx) or a CSV file (.csv).")})
    data = uploaded.read(MAX_SIZE + 1)  # more than that is refused unread
    try:
        # Only what costs nothing: the rows are read by the worker, never in the request.
        quick_check(name, data)
        check_upload(uploaded, IMPORT_FILE)  # after the reader, whose messages say more
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    job = ImportJob(municipality=municipality, user=user, kind=kind, original_name=name[:255])
    job.file.save(name, ContentFile(data), save=False)
    job.full_clean(exclude=["file"])
    job.save()
    transaction.on_commit(lambda: import_check_task.enqueue(job.pk))
    return job


def _load(job: ImportJob):
    with job.file.open("rb") as handle:
        sheet = read_sheet(job.original_name, handle.read())
    importer = IMPORTERS[job.kind](job.municipality, job.user)
    return sheet, importer


def _progress(job: ImportJob):
    def report(done: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            rows_done=done, lease_until=timezone.now() + LEASE
        )

    return report


def import_claim(*, job_id: int, step: str) -> ImportJob | None:
    """The worker takes a job's step ("check" or "apply") unless another worker holds it
    or the step is over; None then, and the task does nothing (a repeated task is harmless).
    """
    now = timezone.now()
    waiting, running = {
        "check": ([ImportStatus.QUEUED, ImportStatus.CHECKING], ImportStatus.CHECKING),
        "apply": ([ImportStatus.APPLYING], ImportStatus.APPLYING),
    }[step]
    claimed = (
        ImportJob.objects.filter(pk=job_id, status__in=waiting)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(status=running, lease_until=now + LEASE, attempts=F("attempts") + 1)
    )
    if not claimed:
        return None
    return ImportJob.objects.select_related("municipality", "user").get(pk=job_id)


def import_fail(*, job_id: int, message: str) -> None:
    """A step ended by an error nobody foresaw: failed, with a message and «Retry»."""
    ImportJob.objects.filter(pk=job_id).exclude(status=ImportStatus.DONE).update(
        status=ImportStatus.FAILED, message=message, lease_until=None
    )


def import_watchdog(*, jobs: QuerySet[ImportJob] | None = None) -> int:
    """Jobs whose worker died (the lease ran out) run once more, then fail visibly; jobs
    no worker took for QUEUE_PATIENCE fail visibly. Runs from the `imports_watchdog`
    command (every few minutes) and whenever an import's page is looked at. Returns how
    many jobs it touched."""
    from metodset.imports.tasks import import_apply_task, import_check_task

    now = timezone.now()
    jobs = ImportJob.objects.all() if jobs is None else jobs
    touched = 0
    stuck = jobs.filter(
        Q(status__in=[ImportStatus.CHECKING, ImportStatus.APPLYING], lease_until__lt=now)
        | Q(status=ImportStatus.QUEUED, updated_at__lt=now - QUEUE_PATIENCE)
    ).only("pk", "status", "attempts", "lease_until")
    for job in stuck:
        # The update repeats the conditions: a worker that just renewed its lease wins.
        same = ImportJob.objects.filter(pk=job.pk, status=job.status, lease_until=job.lease_until)
        if job.status == ImportStatus.QUEUED:
            message = _(
                "The file waited over %(minutes)s minutes for the task worker: the worker may "
                "be stopped. Tell the administrator, then press «Retry»."
            ) % {"minutes": int(QUEUE_PATIENCE.total_seconds() // 60)}
            touched += same.update(status=ImportStatus.FAILED, message=message)
        elif job.attempts < MAX_ATTEMPTS:
            status = ImportStatus.QUEUED if job.status == ImportStatus.CHECKING else job.status
            if same.update(status=status, lease_until=None):
                touched += 1
                task = import_check_task if status == ImportStatus.QUEUED else import_apply_task
                transaction.on_commit(partial(task.enqueue, job.pk))
        else:
            message = (
                _("The check stopped: the task worker was interrupted. Press «Retry».")
                if job.status == ImportStatus.CHECKING
                else _(
                    "The import stopped: the task worker was interrupted; nothing was "
                    "written. Press «Retry» to check the file again."
                )
            )
            touched += same.update(status=ImportStatus.FAILED, message=message, lease_until=None)
    return touched


def import_retry(*, user, job: ImportJob) -> ImportJob:
    """Check a failed file again from the start (a worker died, or was never there)."""
    require_perm(user, "imports.view_importjob", job)
    from metodset.imports.tasks import import_check_task

    if not job.can_retry:
        raise ValidationError(_("Only a failed import can be started again."))
    job.status, job.attempts, job.lease_until = ImportStatus.QUEUED, 0, None
    job.rows_done, job.counts, job.outcomes, job.message = 0, {}, [], ""
    job.save(
        update_fields=[
            "status",
            "attempts",
            "lease_until",
            "rows_done",
            "counts",
            "outcomes",
            "message",
            "updated_at",
        ]
    )
    transaction.on_commit(lambda: import_check_task.enqueue(job.pk))
    return job


def _store(job: ImportJob, plan: ImportPlan) -> None:
    job.counts = plan.counts
    job.message = "\n".join(plan.file_errors)
    job.layout = plan.layout.as_json()
    rows = [r for r in plan.rows if r.errors] + [r for r in plan.rows if not r.errors]
    job.outcomes = [
        [r.number, r.outcome, r.label, [list(e) for e in r.errors]] for r in rows[:PREVIEW_LIMIT]
    ]


def import_check(*, job: ImportJob) -> ImportJob:
    """Decide every row's outcome; writes nothing but the job's own record."""
    job.status = ImportStatus.CHECKING
    job.save(update_fields=["status", "updated_at"])
    try:
        sheet, importer = _load(job)
        job.rows_total = len(sheet.rows)
        job.save(update_fields=["rows_total"])
        plan = importer.plan(sheet, progress=_progress(job), overrides=job.mapping)
    except ValidationError as error:
        job.status, job.message = ImportStatus.FAILED, " ".join(error.messages)
        job.lease_until = None
        job.save(update_fields=["status", "message", "lease_until", "updated_at"])
        return job
    _store(job, plan)
    job.rows_done, job.rows_total = len(plan.rows), len(plan.layout.body)
    job.status = ImportStatus.CHECKED if plan.valid else ImportStatus.INVALID
    job.lease_until = None
    job.save(
        update_fields=[
            "lease_until",
            "status",
            "counts",
            "outcomes",
            "message",
            "layout",
            "rows_done",
            "rows_total",
            "updated_at",
        ]
    )
    return job


def import_map_columns(
    *, user, job: ImportJob, header_row: int | None, columns: dict[int, str]
) -> ImportJob:
    """Keep the methodist's reading of the file and check it again from the start.

    `columns` gives each column's field ("" not to import it). A column whose
    field he changed becomes his choice; the others keep how they were
    understood, so the preview goes on telling which columns the file's headers
    named. Another header row drops the choices made for the old one.
    """
    require_perm(user, "imports.view_importjob", job)
    from metodset.imports.tasks import import_check_task

    if not job.can_remap:
        raise ValidationError(_("The columns can be mapped only after the check, before import."))
    current_row = (job.layout.get("header_rows") or [None])[0]
    mapping: dict[str, Any]
    if header_row and header_row != current_row:
        mapping = {"header_row": header_row}
    else:
        current = {
            index: "" if field == SKIP else field
            for index, _header, field, *_rest in job.layout.get("columns", [])
        }
        before = job.mapping.get("columns", {})
        chosen = {
            str(index): field
            for index, field in columns.items()
            if field != current.get(index, "") or str(index) in before
        }
        mapping = {k: v for k, v in job.mapping.items() if k == "header_row"}
        if chosen:
            mapping["columns"] = chosen
    job.mapping = mapping
    job.status, job.rows_done, job.counts, job.outcomes, job.message = (
        ImportStatus.QUEUED,
        0,
        {},
        [],
        "",
    )
    job.save(
        update_fields=[
            "mapping",
            "status",
            "rows_done",
            "counts",
            "outcomes",
            "message",
            "updated_at",
        ]
    )
    transaction.on_commit(lambda: import_check_task.enqueue(job.pk))
    return job


def import_request_apply(*, user, job: ImportJob) -> ImportJob:
    require_perm(user, "imports.view_importjob", job)
    from metodset.imports.tasks import import_apply_task

    if job.status != ImportStatus.CHECKED:
        raise ValidationError(_("Only a checked file without errors can be imported."))
    job.status, job.rows_done, job.attempts, job.lease_until = ImportStatus.APPLYING, 0, 0, None
    job.save(update_fields=["status", "rows_done", "attempts", "lease_until", "updated_at"])
    transaction.on_commit(lambda: import_apply_task.enqueue(job.pk))
    return job


def import_apply(*, job: ImportJob) -> ImportJob:
    """Check again (the data may have changed since) and write all rows, or none."""
    sheet, importer = _load(job)
    plan = importer.plan(sheet, progress=_progress(job), overrides=job.mapping)
    _store(job, plan)
    if not plan.valid:
        job.status, job.lease_until = ImportStatus.INVALID, None
        job.save(
            update_fields=[
                "status",
                "counts",
                "outcomes",
                "message",
                "layout",
                "lease_until",
                "updated_at",
            ]
        )
        return job
    importer.apply(plan)
    job.status, job.applied_at, job.rows_done = ImportStatus.DONE, timezone.now(), len(plan.rows)
    job.lease_until = None
    job.save(
        update_fields=[
            "lease_until",
            "status",
            "applied_at",
            "rows_done",
            "counts",
            "outcomes",
            "layout",
            "updated_at",
        ]
    )
    return job
