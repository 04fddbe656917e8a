"""Citing the user's own regulation: the clause of a rule of the version in force.

Pages that explain a step (a plan's route, the minutes, the passport, an indicator) cite
the clause of the municipality's regulation in force that asks for it, and say nothing
where that regulation has no such rule: never another municipality's clause, never a
seed file's number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.regulations.kinds import Rule
from metodset.regulations.models import RegulationVersion


def rules_in_force(
    municipality_id: int | None, *, association_kind: str = "", day: dt.date | None = None
) -> list[Rule]:
    """The rules of the municipality's regulations in force on `day` (today) that apply
    to an association of `association_kind` (any kind when empty), in one query."""
    if municipality_id is None:
        return []
    day = day or timezone.localdate()
    versions = RegulationVersion.objects.in_force(day).filter(
        regulation__municipality_id=municipality_id
    )
    return rules_of(versions.select_related("regulation"), municipality_id, association_kind)


def rules_of(
    versions: Iterable[RegulationVersion], municipality_id: int, association_kind: str = ""
) -> list[Rule]:
    """rules_in_force from versions already read (with their regulation): those of the
    municipality, in the order of the regulations' titles, the newest version first."""
    rules = []
    for version in sorted(versions, key=lambda v: (v.regulation.title, -v.number)):
        regulation = version.regulation
        if regulation.municipality_id != municipality_id:
            continue
        if association_kind and not regulation.applies_to_kind(association_kind):
            continue
        rules.extend(
            Rule(data["kind"], data.get("clause", ""), data.get("params", {}))
            for data in version.rules
        )
    return rules


def _page_cache(request) -> dict:
    """The rules a page has read, per (municipality, association kind): kept on its request."""
    return request.__dict__.setdefault("_rules_in_force", {})


def page_rules(request, municipality_id: int | None, association_kind: str = "") -> list[Rule]:
    """rules_in_force, read once per page (request) and subject."""
    cache = _page_cache(request)
    key = (municipality_id, association_kind)
    if key not in cache:
        cache[key] = rules_in_force(municipality_id, association_kind=association_kind)
    return cache[key]


def page_rules_known(
    request, versions: Iterable[RegulationVersion], municipality_id: int, association_kind: str
) -> None:
    """Give page_rules the versions in force today that the page has read already (the
    association page, for its compliance check): its citations read them no second time."""
    _page_cache(request)[(municipality_id, association_kind)] = rules_of(
        versions, municipality_id, association_kind
    )


def clause_of(rules: list[Rule], kind: str, *, param: str = "", code: str = "") -> str:
    """The clause of the first rule of `kind` (that sets `param`, or whose `codes` name
    `code`); "" when the regulation has none."""
    for rule in rules:
        if rule.kind != kind or not rule.clause:
            continue
        if param and not rule.params.get(param):
            continue
        if code and code not in (rule.params.get("codes") or []):
            continue
        return rule.clause
    return ""


def citation(clause: str) -> str:
    """«(п. 9.1 положения)»; "" for no clause."""
    return _("(%(clause)s of the regulation)") % {"clause": clause} if clause else ""
