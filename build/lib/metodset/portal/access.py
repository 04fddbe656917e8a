from metodset.associations.access import get_association_for_user
from metodset.associations.models import Association

PUBLISH = "portal.publish_passport"


def get_association_for_publishing(user, pk: int) -> Association:
    """The association whose passport the user publishes: 404 out of scope, 403 not his."""
    return get_association_for_user(user, pk, perm=PUBLISH)
