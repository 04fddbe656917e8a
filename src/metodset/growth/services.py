from django.db import models, transaction

from metodset.core.services import with_history_user
from metodset.growth.models import RouteStep


@transaction.atomic
def record_save(*, user, record: models.Model) -> models.Model:
    """Validate and save a growth record (course, attestation, diagnostic, ИОМ, …)."""
    record.full_clean()
    with_history_user(record, user).save()
    return record


@transaction.atomic
def record_delete(*, user, record: models.Model) -> None:
    """Delete a growth record; a course's certificate file goes once the deletion is committed."""
    certificate = getattr(record, "certificate", None)
    with_history_user(record, user).delete()
    if certificate:
        name, storage = certificate.name, certificate.storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def route_step_add(*, user, step: RouteStep) -> RouteStep:
    step.full_clean()
    with_history_user(step, user).save()
    return step
