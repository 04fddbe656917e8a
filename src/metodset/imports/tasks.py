"""The import's steps in the task worker: each claims its job first (imports/services.py,
`import_claim`), so a step whose worker died is taken up again by the watchdog, never run
twice at once."""

import logging

from django.tasks import task
from django.utils.translation import gettext as _

from metodset.imports import services

log = logging.getLogger(__name__)


@task
def import_check_task(job_id: int) -> None:
    job = services.import_claim(job_id=job_id, step="check")
    if job is None:
        return
    try:
        services.import_check(job=job)
    except Exception:
        log.exception("import %s: the check failed", job_id)
        services.import_fail(
            job_id=job_id, message=_("The check failed unexpectedly. Press «Retry».")
        )
        raise


@task
def import_apply_task(job_id: int) -> None:
    job = services.import_claim(job_id=job_id, step="apply")
    if job is None:
        return
    try:
        services.import_apply(job=job)
    except Exception:
        log.exception("import %s: the import failed", job_id)
        services.import_fail(
            job_id=job_id,
            message=_("The import failed unexpectedly; nothing was written. Press «Retry»."),
        )
        raise
