from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from metodset.regulations.kinds.base import Param, Result, RuleKind, Status


class MinMembers(RuleKind):
    code = "min_members"
    title = gettext_lazy("Minimum number of members")
    params = {"count": Param(int)}

    def describe(self, rule):
        n = rule.params["count"]
        return ngettext("At least %(n)s member", "At least %(n)s members", n) % {"n": n}

    def evaluate(self, rule, facts):
        required, members = rule.params["count"], facts.member_count()
        text = _("%(n)s members, at least %(required)s required") % {
            "n": members,
            "required": required,
        }
        if members >= required:
            return Result(Status.OK, self.cite(rule, text))
        return Result(Status.VIOLATED, self.cite(rule, text), facts.url("members"))
