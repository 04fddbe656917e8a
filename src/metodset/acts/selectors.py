from django.db.models import QuerySet

from metodset.acts.models import Order


def order_list(*, user) -> QuerySet[Order]:
    return Order.objects.for_user(user).select_related("municipality")


def order_subjects(order: Order) -> dict:
    """What the order concerns: associations created or liquidated, heads appointed."""
    return {
        "created": list(order.created_associations.all()),
        "liquidated": list(order.liquidated_associations.all()),
        "appointments": list(order.head_appointments.select_related("teacher", "association")),
    }
