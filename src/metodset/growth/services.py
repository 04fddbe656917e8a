from django.db import models, transaction

from metodset.core.access import require_perm
from metodset.core.services import with_history_user
from metodset.growth.models import RouteStep


@transaction.atomic
def record_save(*, user, record: models.Model) -> models.Model:
    """Validate and save a growth record (course, attestation, diagnostic, ИОМ, …)."""
    if record.pk is None:
        require_perm(user, "growth.keep_records", record.teacher)
    else:
        require_perm(user, "growth.change_record", record)
    record.full_clean()
    with_history_user(record, user).save()
    return record


@transaction.atomic
def record_delete(*, user, record: models.Model) -> None:
    """Delete a growth record; a course's certificate file goes once the deletion is committed."""
    require_perm(user, "growth.change_record", record)
    certificate = getattr(record, "certificate", None)
    with_history_user(record, user).delete()
    if certificate:
        name, storage = certificate.name, certificate.storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def route_step_add(*, user, step: RouteStep) -> RouteStep:
    require_perm(user, "growth.change_record", step.route)
    step.full_clean()
    with_history_user(step, user).save()
    return step
