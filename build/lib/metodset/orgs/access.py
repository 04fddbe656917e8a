from metodset.core.access import get_for_user
from metodset.orgs.models import AuthorityHead, Organisation


def get_organisation_for_user(user, pk: int, *, write: bool = False) -> Organisation:
    return get_for_user(
        Organisation.objects.all(), user, pk, perm="orgs.change_organisation" if write else None
    )


def get_authority_head_for_user(user, pk: int, *, write: bool = False) -> AuthorityHead:
    return get_for_user(
        AuthorityHead.objects.select_related("municipality"),
        user,
        pk,
        perm="orgs.change_authorityhead" if write else None,
    )
