from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.regulations.kinds.base import Param, Result, RuleKind, Status

STEPS = {
    "adopted": gettext_lazy("adopted at a meeting"),
    "agreed": gettext_lazy("agreed"),
    "approved": gettext_lazy("approved"),
    "published": gettext_lazy("published"),
}


# The step each parameter of the rule asks for.
REQUIRES = {
    "adopted_at_meeting": "adopted",
    "agreed_with": "agreed",
    "approved_by": "approved",
    "published": "published",
}


def missing_steps(params: dict, plan: dict) -> list[str]:
    """The steps the rule's parameters ask for that the plan's facts lack, in order."""
    return [step for param, step in REQUIRES.items() if params.get(param) and not plan.get(step)]


class AnnualPlan(RuleKind):
    code = "annual_plan"
    title = gettext_lazy("Annual work plan: who composes, adopts, agrees, approves; publication")
    params = {
        "composed_by": Param(str, required=False, default=""),
        "adopted_at_meeting": Param(bool, required=False, default=False),
        "agreed_with": Param(str, required=False, default=""),
        "approved_by": Param(str, required=False, default=""),
        "published": Param(bool, required=False, default=False),
    }

    def describe(self, rule):
        p = rule.params
        parts = []
        if p.get("composed_by"):
            who = {"head": _("the head"), "association": _("the association")}
            parts.append(
                _("composed by %(who)s") % {"who": who.get(p["composed_by"], p["composed_by"])}
            )
        if p.get("adopted_at_meeting"):
            parts.append(_("adopted at a meeting"))
        if p.get("agreed_with"):
            parts.append(_("agreed: %(whom)s") % {"whom": p["agreed_with"]})
        if p.get("approved_by"):
            parts.append(_("approved: %(by)s") % {"by": p["approved_by"]})
        if p.get("published"):
            parts.append(_("published on the authority's site"))
        text = _("A work plan for every school year")
        return text + (": " + "; ".join(parts) if parts else "")

    def evaluate(self, rule, facts):
        plan = facts.plan()
        if plan is None:
            return Result(
                Status.NO_DATA,
                self.cite(rule, _("no data on the work plan of the school year yet")),
            )
        if not plan.get("exists", True):
            status = Status.VIOLATED if facts.today > facts.year.ends_on else Status.AT_RISK
            return Result(
                status,
                self.cite(rule, _("there is no work plan for the school year")),
                facts.url("plan"),
            )
        missing = [str(STEPS[step]) for step in missing_steps(rule.params, plan)]
        if missing:
            return Result(
                Status.AT_RISK,
                self.cite(rule, _("the plan is not yet %(steps)s") % {"steps": ", ".join(missing)}),
                facts.url("plan"),
            )
        return Result(Status.OK, self.cite(rule, _("the plan of the school year is in order")))
