from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user
from metodset.orgs.models import Organisation


@transaction.atomic
def organisation_create(*, user, municipality: Municipality, **fields) -> Organisation:
    """Register an organisation of the municipality."""
    return model_create(Organisation, user=user, municipality=municipality, **fields)


@transaction.atomic
def organisation_update(*, user, organisation: Organisation, data: dict) -> Organisation:
    organisation, _changed = model_update(organisation, user=user, data=data)
    return organisation


@transaction.atomic
def organisation_delete(*, user, organisation: Organisation) -> None:
    """Delete an organisation nobody refers to; otherwise explain what holds it."""
    try:
        with_history_user(organisation, user).delete()
    except ProtectedError as error:
        raise ValidationError(
            _(
                "The organisation cannot be deleted: %(count)s records refer to it "
                "(teachers, associations)."
            )
            % {"count": len(error.protected_objects)}
        ) from error
