"""What the plans app tells people (core.notifications): the head, when the methodist
returns or agrees his association's plan."""

from __future__ import annotations

from django.utils.translation import gettext as _

from metodset.associations.models import HeadAppointment
from metodset.core.notifications import notify
from metodset.plans.models import Plan

RETURNED = "plan_returned"
AGREED = "plan_agreed"


def _heads(plan: Plan) -> list:
    if plan.association_id is None:  # the service's own plan: the methodists keep it
        return []
    return [
        a.teacher.user
        for a in HeadAppointment.objects.current()
        .filter(association_id=plan.association_id, teacher__user__is_active=True)
        .select_related("teacher__user")
    ]


def plan_returned(plan: Plan, reason: str) -> None:
    text = _("%(plan)s is returned for rework: %(reason)s") % {"plan": plan, "reason": reason}
    stamp = f"{plan.updated_at:%Y%m%d%H%M%S%f}"
    for user in _heads(plan):
        notify(
            user=user,
            kind=RETURNED,
            key=f"{RETURNED}:{plan.pk}:{stamp}",
            text=text,
            url=plan.get_absolute_url(),
        )


def plan_agreed(plan: Plan) -> None:
    text = _("%(plan)s is agreed by the methodical service") % {"plan": plan}
    for user in _heads(plan):
        notify(
            user=user,
            kind=AGREED,
            key=f"{AGREED}:{plan.pk}:{plan.agreed_at:%Y%m%d%H%M%S}",
            text=text,
            url=plan.get_absolute_url(),
        )
