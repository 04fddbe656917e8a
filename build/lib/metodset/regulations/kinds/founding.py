"""How an association comes to be and who leads it: rules a new municipality's regulation
may state differently from the five seeds.

- `head_selection`: the head is appointed by an order, or elected by the general meeting
  of the association with its minutes as the act;
- `founding_act_issuer`: whose order creates, reorganises and liquidates an association
  (a named body or official, as the regulation words it);
- `min_teachers_for_creation`: an association of an area is created only when the
  municipality has at least N teachers of that area (also checked when one is created:
  regulations/creation.py).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from metodset.regulations.kinds.base import Param, Result, RuleKind, Status

APPOINTED, ELECTED = "appointed", "elected"


def normalise(name: str) -> str:
    """«МКУ "Управление образования" г. Рубцовска» and «мку «управление образования»
    г.Рубцовска» are one issuer: case, quotes, punctuation and spaces do not count."""
    return re.sub(r"[\W_]+", "", (name or "").casefold())


def same_issuer(actual: str, required: str) -> bool:
    """The order's issuer names the required one (or is named by it): «Комитет ... по
    образованию» matches «председатель Комитета ... по образованию» only if one contains
    the other once normalised; declension is not guessed."""
    a, r = normalise(actual), normalise(required)
    return bool(a and r) and (r in a or a in r)


class HeadSelection(RuleKind):
    code = "head_selection"
    title = gettext_lazy("How the head is chosen")
    params = {
        "method": Param(str, choices=(APPOINTED, ELECTED)),
        # Who appoints, as the regulation words it; checked against the order's issuer.
        "issuer": Param(str, required=False, default=""),
    }

    def describe(self, rule):
        if rule.params["method"] == ELECTED:
            return _(
                "The head is elected by the general meeting of the association "
                "(the act: its minutes)"
            )
        if rule.params.get("issuer"):
            return _("The head is appointed by an order of: %(issuer)s") % {
                "issuer": rule.params["issuer"]
            }
        return _("The head is appointed by an order")

    def evaluate(self, rule, facts):
        head = facts.head()
        if head is None:
            return Result(
                Status.NOT_APPLICABLE, self.cite(rule, _("no head is appointed")), facts.url("head")
            )
        name = head.teacher.short_name
        if rule.params["method"] == ELECTED:
            if head.minutes_id is None:
                return Result(
                    Status.VIOLATED,
                    self.cite(
                        rule,
                        _(
                            "the head %(name)s is to be elected by the general meeting, "
                            "and the appointment names no minutes of the election"
                        )
                        % {"name": name},
                    ),
                    facts.url("head"),
                )
            return Result(
                Status.OK,
                self.cite(
                    rule,
                    _("the head %(name)s is elected: %(minutes)s")
                    % {"name": name, "minutes": head.minutes},
                ),
            )
        if head.order_id is None:
            # As `head_appointed` judges it: the order may exist and not be registered yet.
            return Result(
                Status.AT_RISK,
                self.cite(
                    rule,
                    _("the appointment of the head %(name)s names no order") % {"name": name},
                ),
                facts.url("head"),
            )
        issuer = rule.params.get("issuer", "")
        if issuer and not same_issuer(head.order.issuer, issuer):
            return Result(
                Status.VIOLATED,
                self.cite(
                    rule,
                    _("%(order)s is issued by «%(actual)s»; the regulation names «%(required)s»")
                    % {"order": head.order, "actual": head.order.issuer, "required": issuer},
                ),
                facts.url("head"),
            )
        return Result(
            Status.OK,
            self.cite(
                rule,
                _("the head %(name)s is appointed by %(order)s")
                % {"name": name, "order": head.order},
            ),
        )


class FoundingActIssuer(RuleKind):
    code = "founding_act_issuer"
    title = gettext_lazy("Whose order creates, reorganises and liquidates an association")
    params = {"issuer": Param(str)}

    def describe(self, rule):
        return _(
            "An association is created, reorganised and liquidated by an order of: %(issuer)s"
        ) % {"issuer": rule.params["issuer"]}

    def evaluate(self, rule, facts):
        issuer = rule.params["issuer"]
        order = facts.creation_order()
        if order is None:
            return Result(
                Status.AT_RISK,
                self.cite(
                    rule,
                    _("the order that created the association is not in the register of acts"),
                ),
                facts.url("edit"),
            )
        if not same_issuer(order.issuer, issuer):
            return Result(
                Status.VIOLATED,
                self.cite(
                    rule,
                    _(
                        "the association was created by %(order)s of «%(actual)s»; "
                        "the regulation names «%(required)s»"
                    )
                    % {"order": order, "actual": order.issuer, "required": issuer},
                ),
                facts.url("edit"),
            )
        return Result(
            Status.OK,
            self.cite(rule, _("the association was created by %(order)s") % {"order": order}),
        )


class MinTeachersForCreation(RuleKind):
    code = "min_teachers_for_creation"
    title = gettext_lazy("Teachers of its area needed to create an association")
    params = {"count": Param(int, minimum=1, maximum=10000)}

    def describe(self, rule):
        n = rule.params["count"]
        return ngettext(
            "An association is created when the municipality has at least %(n)s teacher "
            "of its subject or area",
            "An association is created when the municipality has at least %(n)s teachers "
            "of its subject or area",
            n,
        ) % {"n": n}

    def evaluate(self, rule, facts):
        required, teachers = rule.params["count"], facts.area_teacher_count()
        text = ngettext(
            "%(n)s teacher of «%(area)s» in the municipality, at least %(required)s required",
            "%(n)s teachers of «%(area)s» in the municipality, at least %(required)s required",
            teachers,
        ) % {"n": teachers, "area": facts.association.area, "required": required}
        if teachers >= required:
            return Result(Status.OK, self.cite(rule, text))
        return Result(Status.AT_RISK, self.cite(rule, text))
