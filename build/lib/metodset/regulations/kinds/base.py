"""The rule-kind framework: a kind declares its parameters and judges an association.

A kind is one small class declared in an app's extensions.py (RULE_KINDS): it names
its parameters (type, required, default), implements `evaluate(rule, facts)`, which
reads only the facts it needs (regulations.facts), and says in `remind_on` which of its
statuses the daily reminders announce. A fact no app provides is None, and the kind
answers NO_DATA.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _

from metodset.core.extensions import Registry, keyed


class Status(StrEnum):
    OK = "ok"
    AT_RISK = "at_risk"
    VIOLATED = "violated"
    NOT_APPLICABLE = "not_applicable"
    NO_DATA = "no_data"


STATUS_LABELS = {
    Status.OK: _("complies"),
    Status.AT_RISK: _("at risk"),
    Status.VIOLATED: _("violated"),
    Status.NOT_APPLICABLE: _("not applicable"),
    Status.NO_DATA: _("no data"),
}


@dataclass(frozen=True)
class Param:
    """A parameter: its type; for a list, the type of its items; allowed values and bounds
    (for a list they apply to each item)."""

    type: type  # int, str, bool, list
    required: bool = True
    default: Any = None
    choices: tuple = ()
    item: type | None = None
    minimum: int | None = None
    maximum: int | None = None


@dataclass
class Result:
    status: Status
    message: str
    fix_url: str = ""

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass(frozen=True)
class Rule:
    """A rule as the regulation states it: a kind, its clause and its parameters."""

    kind: str
    clause: str
    params: dict = field(default_factory=dict)

    @property
    def definition(self) -> RuleKind:
        return REGISTRY[self.kind]


class RuleKind:
    code: ClassVar[str]
    title: ClassVar[str]
    params: ClassVar[dict[str, Param]] = {}
    # The statuses the daily reminders announce to the methodists and the head (reminders.py):
    # whatever is at risk, unless a kind says otherwise.
    remind_on: ClassVar[frozenset[Status]] = frozenset({Status.AT_RISK})

    def evaluate(self, rule: Rule, facts) -> Result:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self, rule: Rule) -> str:
        """What the rule asks, with its parameters, in words a methodist reads."""
        return str(self.title)

    def check_params(self, params: dict) -> list[tuple[str, str]]:
        """Problems that span parameters, as (parameter, Russian message); types and bounds
        of each parameter are checked from `params` before this is called."""
        return []

    @staticmethod
    def cite(rule: Rule, text: str) -> str:
        return f"{rule.clause}: {text}" if rule.clause else text


def _kinds() -> dict[str, RuleKind]:
    kinds = keyed("RULE_KINDS", lambda cls: cls.code)
    return {code: cls() for code, cls in kinds.items()}


# Every rule kind by code: those each app declares as RULE_KINDS in its extensions.py.
REGISTRY: Registry = Registry(_kinds)


def month_names(months) -> str:
    """«май, июнь» for [5, 6]."""
    from django.utils.dates import MONTHS

    return ", ".join(str(MONTHS[m]).lower() for m in months if m in MONTHS)


def months_between(start: dt.date, end: dt.date) -> int:
    return max((end.year - start.year) * 12 + end.month - start.month, 0)
