"""The portfolio's checklist as the association's own regulation names it.

The `portfolio` rule of the regulation in force (docs/regulations.md) lists the items, each
with a code, title, clause and what it is made of, and the deadline (day and month). A rule
written before items existed lists documents as words: each becomes an item to upload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.regulations.checks import rules_for, versions_in_force


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    title: str
    clause: str
    source: str  # a key of producers.PRODUCERS, or "upload"

    @property
    def uploaded_only(self) -> bool:
        return self.source == "upload"


@dataclass(frozen=True)
class Checklist:
    regulation: str
    clause: str
    items: tuple[ChecklistItem, ...]
    deadline: dt.date | None

    def item(self, code: str) -> ChecklistItem | None:
        return next((i for i in self.items if i.code == code), None)


def _day(year: SchoolYear) -> dt.date:
    return min(max(timezone.localdate(), year.starts_on), year.ends_on)


def _from_rule(rule, regulation: str, year: SchoolYear) -> Checklist:
    params = rule.params
    if params.get("items"):
        items = tuple(
            ChecklistItem(
                i["code"], i["title"].strip(), str(i.get("clause") or rule.clause), i["source"]
            )
            for i in params["items"]
        )
    else:
        items = tuple(
            ChecklistItem(f"document_{n}", title, rule.clause, "upload")
            for n, title in enumerate(params.get("documents") or [], start=1)
        )
    deadline = (
        dt.date(year.ends_on.year, params["month"], params["day"]) if params.get("month") else None
    )
    return Checklist(regulation, rule.clause, items, deadline)


def checklists_for(
    associations: Iterable[Association], year: SchoolYear
) -> dict[int, Checklist | None]:
    """Each association's checklist (None: its regulation names no portfolio); one query."""
    associations = list(associations)
    versions = versions_in_force({a.municipality_id for a in associations}, _day(year))
    found: dict[int, Checklist | None] = {}
    for association in associations:
        found[association.pk] = next(
            (
                _from_rule(rule, regulation, year)
                for rule, regulation in rules_for(association, versions)
                if rule.kind == "portfolio"
            ),
            None,
        )
    return found


def checklist_for(association: Association, year: SchoolYear) -> Checklist | None:
    return checklists_for([association], year)[association.pk]
