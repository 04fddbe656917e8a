"""Rule kinds. Importing this package registers every kind in REGISTRY."""

from metodset.regulations.kinds import (  # noqa: F401
    founding,
    heads,
    meetings,
    members,
    plan,
    reporting,
)
from metodset.regulations.kinds.base import REGISTRY, Param, Result, Rule, RuleKind, Status

__all__ = ["REGISTRY", "Param", "Result", "Rule", "RuleKind", "Status"]
