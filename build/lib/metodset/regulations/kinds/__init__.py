"""Rule kinds: the built-in ones are declared in regulations/extensions.py, and REGISTRY
holds every app's RULE_KINDS by code."""

from metodset.regulations.kinds.base import REGISTRY, Param, Result, Rule, RuleKind, Status

__all__ = ["REGISTRY", "Param", "Result", "Rule", "RuleKind", "Status"]
