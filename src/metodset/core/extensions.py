"""Extension points: what an app contributes to another app's registry.

Each app that contributes puts it in one module, `<app>/extensions.py`, as module-level
names; the app that owns an extension point collects that name from every installed app
with `collect`. The names (docs/architecture.md, "Extension points"):

- INDICATOR_SOURCES — models whose changes invalidate the cached indicators (indicators)
- INDICATORS — indicators added to the catalogue (indicators)
- COMPLIANCE_FACTS — facts the rule kinds read, one provider each (regulations)
- RULE_KINDS — kinds of rules a regulation may state, with their reminders (regulations)
- DOCUMENT_KINDS — documents generated from a record (documents)
- PROPOSAL_GROUNDS — functions (teacher) -> lines a proposal may cite as grounds (proposals)
- ASSOCIATION_CREATION_CHECKS — preconditions for creating an association, each a function
  (municipality, kind, area) raising a ValidationError (associations)
- AUTOCOMPLETE — kinds of search pickers, each a core.autocomplete.Source (core)
- NOTIFICATION_KINDS — kinds of notifications a user chooses to get in the app and/or by
  e-mail, core.notifications.NotificationKind (core)

Nothing registers itself on import or in `AppConfig.ready()`: reading an app's
extensions.py tells everything it adds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

MODULE = "extensions"


def _modules() -> Iterator[Any]:
    for config in apps.get_app_configs():
        name = f"{config.name}.{MODULE}"
        if find_spec(name) is not None:
            yield import_module(name)


def collect(name: str) -> list:
    """Every installed app's `name` (a list, tuple or dict), in INSTALLED_APPS order:
    lists concatenated, dicts as their (key, value) pairs."""
    found: list = []
    for module in _modules():
        value = getattr(module, name, None)
        if value is None:
            continue
        found.extend(value.items() if isinstance(value, Mapping) else value)
    return found


def keyed(name: str, key: Callable[[Any], str]) -> dict:
    """`collect(name)` as a dict by `key` (a dict's own keys when the apps declare dicts);
    two apps declaring the same key is a configuration error, not a silent override."""
    found: dict = {}
    for item in collect(name):
        k, value = item if isinstance(item, tuple) else (key(item), item)
        if k in found:
            raise ImproperlyConfigured(f"{name}: {k!r} is declared twice")
        found[k] = value
    return found


class Registry(MutableMapping):
    """A mapping filled by `load` on first use, so that it may be imported anywhere (even
    by the extension modules it collects) and is read once the apps are ready. Only
    tests write to it (monkeypatch.setitem); the product declares in extensions.py."""

    def __init__(self, load: Callable[[], dict]):
        self._load = load
        self._entries: dict | None = None

    def _all(self) -> dict:
        if self._entries is None:
            self._entries = self._load()
        return self._entries

    def __getitem__(self, key):
        return self._all()[key]

    def __setitem__(self, key, value) -> None:
        self._all()[key] = value

    def __delitem__(self, key) -> None:
        del self._all()[key]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __repr__(self) -> str:
        return f"Registry({list(self)!r})"

    def reload(self) -> None:
        """Collect again on next use (a test that has added an extension module)."""
        self._entries = None
