from metodset.acts.models import Order
from metodset.core.access import get_for_user


def get_order_for_user(user, pk: int, *, perm: str | None = None) -> Order:
    """The order if the user may see it (else 404) and, given `perm`, holds it (else 403)."""
    return get_for_user(Order.objects.select_related("municipality"), user, pk, perm=perm)
