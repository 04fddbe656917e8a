from django.core.exceptions import PermissionDenied

from metodset.associations.models import Association, Membership
from metodset.core.access import get_for_user


def association_queryset():
    return Association.objects.select_related(
        "municipality", "parent", "organisation", "creation_order", "liquidation_order"
    )


def get_association_for_user(user, pk: int, *, perm: str | None = None) -> Association:
    """The association if the user may see it (else 404) and, given `perm`, holds it (else 403)."""
    return get_for_user(association_queryset(), user, pk, perm=perm)


def get_membership_for_user(user, pk: int, *, write: bool = False) -> Membership:
    membership = get_for_user(
        Membership.objects.select_related(
            "association", "association__municipality", "teacher", "teacher__organisation"
        ),
        user,
        pk,
    )
    if write and not user.has_perm("associations.manage_members", membership.association):
        raise PermissionDenied
    return membership
