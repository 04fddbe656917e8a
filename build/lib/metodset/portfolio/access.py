"""Who may read an association's portfolio and data bank: everyone in scope but its members
(the data bank is personal data of the members; the portfolio is the head's report)."""

from django.core.exceptions import PermissionDenied

from metodset.associations.access import get_association_for_user
from metodset.associations.models import Association


def can_read(user, association: Association) -> bool:
    if user.is_platform_admin or user.is_regional_coordinator or user.is_methodist:
        return True  # the scope has been checked by the fetch
    return association.pk in user.headed_association_ids


def get_portfolio_association_for_user(user, pk: int, *, perm: str | None = None) -> Association:
    """The association whose portfolio or data bank `user` opens: 404 out of scope, 403 for
    a teacher who does not head it (or without `perm`)."""
    association = get_association_for_user(user, pk)
    if not can_read(user, association):
        raise PermissionDenied
    if perm and not user.has_perm(perm, association):
        raise PermissionDenied
    return association
