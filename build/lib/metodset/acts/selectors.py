from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from metodset.acts.access import get_order_for_user
from metodset.acts.models import Order

if TYPE_CHECKING:  # read through the order's reverse relations, never imported
    from metodset.associations.models import Association, HeadAppointment
    from metodset.regulations.models import RegulationVersion


def order_list(*, user) -> QuerySet[Order]:
    """Orders the user may see, newest first; a page of them costs one query."""
    return Order.objects.for_user(user).select_related("municipality")


def order_get(*, user, pk: int) -> Order:
    """One order the user may see (else 404)."""
    return get_order_for_user(user, pk)


def order_years(*, user) -> list[int]:
    """The years that have orders in the user's scope, latest first (the year filter)."""
    years = Order.objects.for_user(user).order_by("-year").values_list("year", flat=True)
    return list(years.distinct())


@dataclass(frozen=True)
class OrderConcerns:
    """What an order did: associations it created or liquidated, heads it appointed,
    regulation versions it approved."""

    created: list[Association]
    liquidated: list[Association]
    appointments: list[HeadAppointment]
    regulation_versions: list[RegulationVersion]
    # integration: work plans it approved, the methodical service's own among them (issue #14)
    plans: list = field(default_factory=list)

    def __len__(self) -> int:
        return (
            len(self.created)
            + len(self.liquidated)
            + len(self.appointments)
            + len(self.regulation_versions)
            + len(self.plans)
        )


def order_concerns(order: Order) -> OrderConcerns:
    """The records that refer to the order (five queries, whatever their number)."""
    return OrderConcerns(
        created=list(order.created_associations.order_by("name", "pk")),
        liquidated=list(order.liquidated_associations.order_by("name", "pk")),
        appointments=list(
            order.head_appointments.select_related("teacher", "association").order_by(
                "association__name", "-starts_on", "pk"
            )
        ),
        regulation_versions=list(
            order.regulation_versions.select_related("regulation").order_by(
                "regulation__title", "number"
            )
        ),
        plans=list(
            order.approved_plans.select_related("association", "municipality").order_by(
                "-school_year", "association__name", "pk"
            )
        ),
    )
