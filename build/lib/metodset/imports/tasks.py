from django.tasks import task

from metodset.imports import services
from metodset.imports.models import ImportJob, ImportStatus


@task
def import_check_task(job_id: int) -> None:
    job = ImportJob.objects.select_related("municipality", "user").get(pk=job_id)
    services.import_check(job=job)


@task
def import_apply_task(job_id: int) -> None:
    job = ImportJob.objects.select_related("municipality", "user").get(pk=job_id)
    try:
        services.import_apply(job=job)
    except Exception:
        ImportJob.objects.filter(pk=job_id).update(status=ImportStatus.FAILED)
        raise
