from django.core.exceptions import PermissionDenied

from metodset.core.access import get_for_user
from metodset.plans.models import Plan, PlanItem


def plan_queryset():
    return Plan.objects.select_related(
        "municipality",
        "association",
        "association__municipality",
        "adoption_decision__meeting",
        "agreed_by",
        "approved_by",
        "approval_order",
        "published_by",
        "copied_from",
    )


def get_plan_for_user(user, pk: int, *, perm: str | None = None) -> Plan:
    """The plan if the user may see it (else 404) and, given `perm`, holds it (else 403)."""
    return get_for_user(plan_queryset(), user, pk, perm=perm)


def get_plan_item_for_user(user, pk: int, *, perm: str | None = None) -> PlanItem:
    """A plan item if the user may see its plan (else 404); `perm` is checked on the plan."""
    item = get_for_user(
        PlanItem.objects.select_related(
            "plan", "plan__association", "plan__municipality", "venue", "meeting"
        ),
        user,
        pk,
    )
    if perm and not user.has_perm(perm, item.plan):
        raise PermissionDenied
    return item
