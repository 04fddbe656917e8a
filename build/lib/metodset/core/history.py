"""Readable change history of a record (django-simple-history)."""

from dataclasses import dataclass, field

from django.db import models


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    changes: list[Change] = field(default_factory=list)


ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _display(record, name: str, value):
    try:
        model_field = record.instance._meta.get_field(name)
    except Exception:
        return value
    if model_field.choices and value is not None:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(model_field, models.ForeignKey) and value is not None:
        return getattr(record, name, value)
    return value


def history_for(instance: models.Model, limit: int = 30) -> list[HistoryEntry]:
    """The last `limit` changes of `instance`, newest first, with field-level diffs."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(entries) == limit:
            break
        entry = HistoryEntry(
            when=newer.history_date,
            who=newer.history_user,
            action=ACTIONS.get(newer.history_type, newer.history_type),
        )
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older, foreign_keys_are_objs=False)
            for change in delta.changes:
                verbose = str(instance._meta.get_field(change.field).verbose_name)
                entry.changes.append(
                    Change(
                        verbose,
                        _display(older, change.field, change.old),
                        _display(newer, change.field, change.new),
                    )
                )
        entries.append(entry)
    return entries
