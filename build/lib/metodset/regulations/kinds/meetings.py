from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from metodset.regulations.kinds.base import (
    Param,
    Result,
    RuleKind,
    Status,
    months_between,
)


class MinMeetings(RuleKind):
    code = "min_meetings"
    title = gettext_lazy("Minimum meetings per school year")
    remind_on = frozenset({Status.AT_RISK})
    params = {"count": Param(int)}

    def describe(self, rule):
        n = rule.params["count"]
        return ngettext(
            "At least %(n)s meeting a school year", "At least %(n)s meetings a school year", n
        ) % {"n": n}

    def evaluate(self, rule, facts):
        required = rule.params["count"]
        held = facts.meetings_held()
        if held is None:
            return Result(
                Status.NO_DATA,
                self.cite(
                    rule,
                    _("no data on meetings yet (%(n)s required a school year)") % {"n": required},
                ),
            )
        months_left = (
            months_between(facts.today, facts.year.ends_on)
            if facts.today <= facts.year.ends_on
            else 0
        )
        text = _(
            "meetings held: %(held)s of %(required)s required, "
            "%(months)s months left in the school year"
        ) % {"held": held, "required": required, "months": months_left}
        if held >= required:
            return Result(Status.OK, self.cite(rule, text))
        if facts.today > facts.year.ends_on:
            return Result(Status.VIOLATED, self.cite(rule, text), facts.url("meetings"))
        # At risk when fewer than two months remain for each meeting still to hold.
        if months_left < 2 * (required - held):
            return Result(Status.AT_RISK, self.cite(rule, text), facts.url("meetings"))
        return Result(Status.OK, self.cite(rule, text + _(" (on schedule)")), facts.url("meetings"))


class MinutesRequired(RuleKind):
    code = "minutes_required"
    title = gettext_lazy("Minutes kept for every meeting")

    def evaluate(self, rule, facts):
        missing = facts.meetings_without_minutes()
        if missing is None:
            return Result(Status.NO_DATA, self.cite(rule, _("no data on meetings and minutes yet")))
        if missing:
            return Result(
                Status.VIOLATED,
                self.cite(rule, _("%(n)s meetings have no signed minutes") % {"n": missing}),
                facts.url("meetings"),
            )
        return Result(Status.OK, self.cite(rule, _("every meeting has its minutes")))


class DecisionsRequired(RuleKind):
    code = "decisions_required"
    title = gettext_lazy("A decision on every agenda question")

    def evaluate(self, rule, facts):
        missing = facts.questions_without_decision()
        if missing is None:
            return Result(Status.NO_DATA, self.cite(rule, _("no data on agenda questions yet")))
        if missing:
            return Result(
                Status.VIOLATED,
                self.cite(rule, _("%(n)s agenda questions have no decision") % {"n": missing}),
                facts.url("meetings"),
            )
        return Result(Status.OK, self.cite(rule, _("every agenda question has a decision")))
