from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from metodset.core.access import require_perm
from metodset.core.models import Municipality
from metodset.core.services import with_history_user
from metodset.growth.models import Competence, Need, RouteStep


@transaction.atomic
def record_save(*, user, record: models.Model, m2m: dict | None = None) -> models.Model:
    """Validate and save a growth record (course, attestation, diagnostic, ИОМ, …);
    `m2m` sets its many-to-many values (a diagnostic's deficits by competence)."""
    if record.pk is None:
        require_perm(user, "growth.keep_records", record.teacher)  # type: ignore[attr-defined]
    else:
        require_perm(user, "growth.change_record", record)
    record.full_clean()
    with_history_user(record, user).save()
    for name, values in (m2m or {}).items():
        getattr(record, name).set(values)
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


@transaction.atomic
def need_add(*, user, municipality: Municipality, name: str) -> Need:
    """Add a professional need to the municipality's list; a name already there is kept once."""
    require_perm(user, "growth.manage_needs", municipality)
    name = name.strip()[:300]
    need = Need.objects.filter(municipality=municipality, name=name).first()
    if need is None:
        need = Need(municipality=municipality, name=name)
        need.full_clean()
        with_history_user(need, user).save()
    return need


@transaction.atomic
def need_delete(*, user, need: Need) -> None:
    """Remove a need from the list, unless teachers have chosen it."""
    require_perm(user, "growth.manage_needs", need)
    try:
        with transaction.atomic():
            with_history_user(need, user).delete()
    except ProtectedError as error:
        raise ValidationError(_("Teachers have chosen this need; it stays in the list.")) from error


@transaction.atomic
def competence_add(*, user, municipality: Municipality, code: str, title: str) -> Competence:
    """Add a competence to the municipality's list (the deficits of diagnostics refer to it)."""
    require_perm(user, "growth.manage_needs", municipality)
    competence = Competence(municipality=municipality, code=code.strip(), title=title.strip())
    competence.full_clean()
    with_history_user(competence, user).save()
    return competence
