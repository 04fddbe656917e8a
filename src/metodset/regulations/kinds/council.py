"""The methodical council's rules (004 §3.6–3.7): who chairs it and which order approved
its composition.

- `council_chair`: the chair (the council's head in office) is the head of the methodical
  service: works in an organisation of the kind «methodical service» and holds a head's
  position there, a position beginning with one of `positions` as the regulation words
  them (руководитель, заведующий, начальник, директор);
- `council_composition`: the composition is approved by an order recorded for the council,
  and the members in force are the composition that order approved.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from metodset.regulations.kinds.base import Param, Result, RuleKind, Status

HEAD_POSITIONS = ["руководитель", "заведующий", "заведующая", "начальник", "директор"]


def _not_council(rule, facts) -> Result | None:
    from metodset.associations.models import AssociationKind

    if facts.association.kind != AssociationKind.COUNCIL:
        return Result(Status.NOT_APPLICABLE, RuleKind.cite(rule, _("not a methodical council")))
    return None


class CouncilChair(RuleKind):
    code = "council_chair"
    title = gettext_lazy("The council is chaired by the head of the methodical service")
    remind_on = frozenset({Status.VIOLATED})
    params = {"positions": Param(list, required=False, default=HEAD_POSITIONS, item=str)}

    def describe(self, rule):
        positions = rule.params.get("positions") or HEAD_POSITIONS
        return _(
            "The chair of the council is the head of the methodical service "
            "(a position beginning with: %(positions)s)"
        ) % {"positions": ", ".join(positions)}

    def evaluate(self, rule, facts):
        from metodset.orgs.models import OrganisationKind

        other = _not_council(rule, facts)
        if other:
            return other
        head = facts.head()
        if head is None:
            return Result(
                Status.VIOLATED, self.cite(rule, _("no chair is appointed")), facts.url("head")
            )
        teacher = head.teacher
        organisation = teacher.organisation
        if organisation is None or organisation.kind != OrganisationKind.METHODICAL_SERVICE:
            return Result(
                Status.VIOLATED,
                self.cite(
                    rule,
                    _("the chair %(name)s works in %(organisation)s, not in the methodical service")
                    % {"name": teacher.short_name, "organisation": organisation or "—"},
                ),
                facts.url("head"),
            )
        positions = [p.casefold().strip() for p in rule.params.get("positions") or HEAD_POSITIONS]
        position = (teacher.position or "").casefold().strip()
        if not any(position.startswith(p) for p in positions if p):
            return Result(
                Status.VIOLATED,
                self.cite(
                    rule,
                    _(
                        "the chair %(name)s is «%(position)s» of %(organisation)s, "
                        "not the head of the methodical service"
                    )
                    % {
                        "name": teacher.short_name,
                        "position": teacher.position,
                        "organisation": organisation,
                    },
                ),
                facts.url("head"),
            )
        return Result(
            Status.OK,
            self.cite(
                rule,
                _("the chair %(name)s is %(position)s of %(organisation)s")
                % {
                    "name": teacher.short_name,
                    "position": teacher.position,
                    "organisation": organisation,
                },
            ),
        )


class CouncilComposition(RuleKind):
    code = "council_composition"
    title = gettext_lazy("The council's composition is approved by an order")
    remind_on = frozenset({Status.VIOLATED})

    def describe(self, rule):
        return _(
            "The council's composition is approved by an order and the members are that composition"
        )

    def evaluate(self, rule, facts):
        other = _not_council(rule, facts)
        if other:
            return other
        state = facts.composition()
        url = facts.url("composition")
        if state is None or state.approval is None:
            return Result(
                Status.VIOLATED,
                self.cite(rule, _("no order approving the composition is recorded")),
                url,
            )
        order = state.approval.order
        if state.matches:
            return Result(
                Status.OK,
                self.cite(
                    rule,
                    _("the composition is approved by order No. %(number)s of %(date)s")
                    % {"number": order.number, "date": f"{order.date:%d.%m.%Y}"},
                ),
            )
        changes = []
        if state.joined_ids:
            n = len(state.joined_ids)
            changes.append(ngettext("%(n)s joined", "%(n)s joined", n) % {"n": n})
        if state.left_ids:
            n = len(state.left_ids)
            changes.append(ngettext("%(n)s left", "%(n)s left", n) % {"n": n})
        return Result(
            Status.VIOLATED,
            self.cite(
                rule,
                _(
                    "the members differ from the composition approved by order No. %(number)s "
                    "of %(date)s (%(changes)s): a new order is needed"
                )
                % {
                    "number": order.number,
                    "date": f"{order.date:%d.%m.%Y}",
                    "changes": ", ".join(changes),
                },
            ),
            url,
        )
