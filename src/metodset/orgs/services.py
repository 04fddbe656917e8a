from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from metodset.core.access import require_perm
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user
from metodset.orgs.models import AuthorityHead, Organisation


@transaction.atomic
def organisation_create(*, user, municipality: Municipality, **fields) -> Organisation:
    """Register an organisation of the municipality."""
    require_perm(user, "orgs.add_organisation", municipality)
    return model_create(Organisation, user=user, municipality=municipality, **fields)


@transaction.atomic
def organisation_update(*, user, organisation: Organisation, data: dict) -> Organisation:
    require_perm(user, "orgs.change_organisation", organisation)
    organisation, _changed = model_update(organisation, user=user, data=data)
    return organisation


@transaction.atomic
def organisation_delete(*, user, organisation: Organisation) -> None:
    """Delete an organisation nobody refers to; otherwise explain what holds it."""
    require_perm(user, "orgs.delete_organisation", organisation)
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


@transaction.atomic
def authority_head_create(*, user, municipality: Municipality, **fields) -> AuthorityHead:
    """Record a term of the head of the education authority: the signatory of its orders."""
    require_perm(user, "orgs.add_authorityhead", municipality)
    return model_create(AuthorityHead, user=user, municipality=municipality, **fields)


@transaction.atomic
def authority_head_update(*, user, head: AuthorityHead, data: dict) -> AuthorityHead:
    """Correct a term, or end it when the head leaves office."""
    require_perm(user, "orgs.change_authorityhead", head)
    head, _changed = model_update(head, user=user, data=data)
    return head


@transaction.atomic
def authority_head_delete(*, user, head: AuthorityHead) -> None:
    """Remove a term recorded by mistake (a head who left is ended, not deleted)."""
    require_perm(user, "orgs.delete_authorityhead", head)
    with_history_user(head, user).delete()
