"""Preconditions the regulation sets for creating an association (`min_teachers_for_creation`).

A teacher is «of the area» of an association when one of his subjects is named as the
association's area (case and spaces aside): an association of «Математика» counts the
working teachers of the municipality who teach «математика».
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from metodset.regulations.kinds import Rule


def area_key(name: str) -> str:
    return " ".join((name or "").casefold().split())


def area_teachers(municipality_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """{municipality: {area: number of working teachers}} in one query."""
    from metodset.people.models import Teacher

    seen: dict[int, dict[str, set[int]]] = {}
    rows = (
        Teacher.objects.filter(municipality_id__in=list(municipality_ids), is_active=True)
        .filter(subjects__isnull=False)
        .values_list("municipality_id", "subjects__name", "pk")
    )
    for municipality_id, subject, pk in rows:
        seen.setdefault(municipality_id, {}).setdefault(area_key(subject), set()).add(pk)
    return {m: {area: len(pks) for area, pks in areas.items()} for m, areas in seen.items()}


def creation_refusal(municipality, kind: str, area: str) -> str:
    """Why the municipality's regulation in force does not allow creating an association
    of `kind` and `area` today, in Russian; "" when it does."""
    from metodset.regulations.citations import rules_in_force

    rules: list[Rule] = [
        rule
        for rule in rules_in_force(municipality.pk, association_kind=kind)
        if rule.kind == "min_teachers_for_creation"
    ]
    if not rules:
        return ""
    have = area_teachers([municipality.pk]).get(municipality.pk, {}).get(area_key(area), 0)
    for rule in rules:
        required = rule.params["count"]
        if have < required:
            text = ngettext(
                "An association of «%(area)s» cannot be created: the municipality has "
                "%(n)s teacher of it, and the regulation requires at least %(required)s",
                "An association of «%(area)s» cannot be created: the municipality has "
                "%(n)s teachers of it, and the regulation requires at least %(required)s",
                have,
            ) % {"area": area, "n": have, "required": required}
            return f"{text} ({rule.clause})." if rule.clause else f"{text}."
    return ""


def check_creation(*, municipality, kind: str, area: str) -> None:
    """Raise a ValidationError on `area` when the regulation's preconditions are not met."""
    refusal = creation_refusal(municipality, kind, area)
    if refusal:
        raise ValidationError({"area": refusal})
