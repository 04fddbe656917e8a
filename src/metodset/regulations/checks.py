"""The compliance check: every rule of the regulation in force, judged for an association."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.regulations.facts import FactsBatch
from metodset.regulations.kinds import REGISTRY, Result, Rule, Status
from metodset.regulations.models import RegulationVersion


@dataclass
class Verdict:
    rule: Rule
    result: Result
    regulation: str


def versions_in_force(municipality_ids: Iterable[int], day: dt.date) -> list[RegulationVersion]:
    return list(
        RegulationVersion.objects.in_force(day)
        .filter(regulation__municipality_id__in=list(municipality_ids))
        .select_related("regulation")
    )


def rules_for(
    association: Association, versions: list[RegulationVersion]
) -> list[tuple[Rule, str]]:
    rules = []
    for version in versions:
        regulation = version.regulation
        if (
            regulation.municipality_id != association.municipality_id
            or not regulation.applies_to_kind(association.kind)
        ):
            continue
        for data in version.rules:
            rules.append(
                (
                    Rule(data["kind"], data.get("clause", ""), data.get("params", {})),
                    str(regulation),
                )
            )
    return rules


def liquidated_by(association: Association, day: dt.date) -> bool:
    """Liquidated on or before `day`: from then on the regulation asks nothing of it."""
    return association.liquidated_on is not None and association.liquidated_on <= day


def one_per_clause(verdicts: list[Verdict]) -> list[Verdict]:
    """Drop a «not applicable» verdict when another rule of the same clause of the same
    regulation applies: the clause is judged by that one, and «violated, п. 3.2» beside
    «not applicable, п. 3.2» would contradict itself."""
    judged = {
        (v.regulation, v.rule.clause)
        for v in verdicts
        if v.rule.clause and v.result.status != Status.NOT_APPLICABLE
    }
    return [
        v
        for v in verdicts
        if v.result.status != Status.NOT_APPLICABLE or (v.regulation, v.rule.clause) not in judged
    ]


def check_many(
    associations: list[Association],
    year: SchoolYear | None = None,
    today: dt.date | None = None,
    versions: list[RegulationVersion] | None = None,
) -> dict[int, list[Verdict]]:
    """Verdicts for many associations in a fixed number of queries.

    An association liquidated by the day checked gets none: it is no longer checked.
    `versions`: those in force on the day checked, when the caller has read them."""
    today = today or timezone.localdate()
    year = year or SchoolYear.of(today)
    day = min(today, year.ends_on)
    verdicts: dict[int, list[Verdict]] = {a.pk: [] for a in associations}
    associations = [a for a in associations if not liquidated_by(a, day)]
    if versions is None:
        versions = versions_in_force({a.municipality_id for a in associations}, day)
    batch = FactsBatch(associations, year, today)
    rules: dict[tuple[int, str], list[tuple[Rule, str]]] = {}  # per municipality and kind
    for association in associations:
        key = (association.municipality_id, association.kind)
        if key not in rules:
            rules[key] = rules_for(association, versions)
        facts = batch.facts(association.pk)
        verdicts[association.pk] = one_per_clause(
            [
                Verdict(rule, REGISTRY[rule.kind].evaluate(rule, facts), regulation)
                for rule, regulation in rules[key]
            ]
        )
    return verdicts


def check(
    association: Association,
    year: SchoolYear | None = None,
    today: dt.date | None = None,
    versions: list[RegulationVersion] | None = None,
) -> list[Verdict]:
    return check_many([association], year, today, versions)[association.pk]


def check_for_page(request, association: Association, today: dt.date) -> list[Verdict]:
    """check() for today, on a page that also cites the regulation: the versions in force
    are read once for the verdicts and the page's citations (citations.page_rules)."""
    from metodset.regulations.citations import page_rules_known

    versions = versions_in_force([association.municipality_id], today)
    page_rules_known(request, versions, association.municipality_id, association.kind)
    return check(association, SchoolYear.of(today), today, versions)
