"""Pickers that do not grow with the data: a search box instead of a select of every row.

A kind of picker (teachers, organisations, orders) is a `Source` that an app declares as
AUTOCOMPLETE in its extensions.py: which rows a user may search (deny by default: `rows`
returns None for a user who may not), how a text matches, how a row is labelled, and the
few filters a form may ask for (`?municipality=3`). `core.views.autocomplete` answers a
search with at most LIMIT options; the widgets below render only the chosen rows.

The search only proposes. What may be chosen is still the form field's queryset: an id
outside it is refused with a Russian message, whatever the browser sends. Without
JavaScript the typed text is resolved on the server: one match is taken, several are
offered as radio buttons (checkboxes for several people) to choose from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from metodset.core.extensions import Registry, keyed

LIMIT = 20
SEARCH = "__search"  # the text box of field `x` is posted as `x__search`
SHOWN = "__shown"  # the label the page showed for the chosen id
PICK = "__pick"  # a choice among the candidates offered without JavaScript


@dataclass(frozen=True)
class Source:
    """One kind of picker.

    rows(user) — what the user may search, or None when he may not search at all;
    match(queryset, text) — the rows matching a typed text;
    label(row) — how a row reads in the list and in the box;
    filters — {name: function(queryset, value, user) -> queryset} a form may narrow by.
    """

    rows: Callable[[Any], QuerySet | None]
    match: Callable[[QuerySet, str], QuerySet]
    label: Callable[[Model], str] = str
    filters: dict[str, Callable[[QuerySet, str, Any], QuerySet]] = field(default_factory=dict)
    placeholder: str = ""
    related: tuple[str, ...] = ()  # what `label` reads beside the row (select_related)

    def narrow(self, queryset: QuerySet, params, user) -> QuerySet:
        for name, apply in self.filters.items():
            value = params.get(name)
            if value not in (None, ""):
                queryset = apply(queryset, str(value), user)
        return queryset

    def search(self, queryset: QuerySet, text: str) -> list[Model]:
        """Up to LIMIT + 1 rows matching the text: one more tells that there are more."""
        if self.related:
            queryset = queryset.select_related(*self.related)
        text = text.replace("\x00", "").strip()  # PostgreSQL refuses a NUL in a parameter
        if text:
            queryset = self.match(queryset, text)
        return list(queryset[: LIMIT + 1])


SOURCES: Registry = Registry(lambda: keyed("AUTOCOMPLETE", key=lambda s: s))


def is_id(value: str) -> bool:
    """A primary key a database column can hold (a 20-digit number overflows it)."""
    return value.isdigit() and int(value) < 2**63


def words(text: str) -> list[str]:
    return [w for w in text.replace(",", " ").split() if w][:5]


def search_url(kind: str, filters: dict | None = None) -> str:
    query = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    url = reverse("autocomplete:search", args=[kind])
    return f"{url}?{urlencode(query)}" if query else url


class Autocomplete(forms.Widget):
    """The picker of one row: a search box, the chosen id in a hidden input, a listbox.

    Put on a ModelChoiceField with `autocomplete(field, kind, ...)`; the field keeps its
    queryset, and only the chosen row (one query) is read to render the box.
    """

    template_name = "core/widgets/autocomplete.html"
    multiple = False

    def __init__(self, kind: str, *, filters: dict | None = None, attrs=None):
        super().__init__(attrs)
        self.kind = kind
        self.filters = dict(filters or {})
        self.choices: Any = ()

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.filters = dict(self.filters)
        return obj

    @property
    def source(self) -> Source:
        return SOURCES[self.kind]

    def _queryset(self) -> QuerySet | None:
        return getattr(self.choices, "queryset", None)

    def _rows(self, ids: Iterable) -> list[Model]:
        queryset = self._queryset()
        ids = [i for i in ids if is_id(str(i))]
        if queryset is None or not ids:
            return []
        rows = queryset.filter(pk__in=ids)
        if self.source.related:
            rows = rows.select_related(*self.source.related)
        by_pk = {row.pk: row for row in rows}
        return [by_pk[int(i)] for i in ids if int(i) in by_pk]

    def _candidates(self, text: str) -> list[Model]:
        queryset = self._queryset()
        if queryset is None or not text.strip():
            return []
        return self.source.search(queryset, text)

    # What the browser sent.

    def value_from_datadict(self, data, files, name):
        picked = [v for v in _getlist(data, name + PICK) if v]
        if picked:
            return picked[-1]
        chosen = [v for v in _getlist(data, name) if v]
        text = data.get(name + SEARCH)
        if text is None:  # an id posted alone (a test, a script): the field checks it
            return chosen[-1] if chosen else None
        text = text.strip()
        if not text:
            return None
        if chosen and text == (data.get(name + SHOWN) or "").strip():
            return chosen[-1]
        # Typed without choosing (no JavaScript): one match is the choice; otherwise the
        # text goes to the field, which refuses it, and the box offers the candidates.
        found = self._candidates(text)
        return found[0].pk if len(found) == 1 else text

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + SEARCH not in data and name + PICK not in data

    # What the page shows.

    def format_value(self, value):
        if value in (None, ""):
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(getattr(v, "pk", v)) for v in values]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        values = context["widget"]["value"]
        ids = [v for v in values if is_id(v)]
        texts = [v for v in values if not v.isdigit()]
        source = self.source
        chosen = [(row.pk, source.label(row)) for row in self._rows(ids)]
        text = texts[-1] if texts else ""
        candidates = [(row.pk, source.label(row)) for row in self._candidates(text)[:LIMIT]]
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"].update(
            {
                "id": widget_id,
                "multiple": self.multiple,
                "chosen": chosen,
                "shown": "" if self.multiple or not chosen else chosen[0][1],
                "text": text,
                "candidates": candidates,
                "searched": bool(text),
                "url": search_url(self.kind, self.filters),
                "search_name": name + SEARCH,
                "shown_name": name + SHOWN,
                "pick_name": name + PICK,
                "placeholder": source.placeholder,
                "limit": LIMIT,
            }
        )
        return context

    def id_for_label(self, id_):
        return id_


class AutocompleteMultiple(Autocomplete):
    """The picker of several rows: the chosen ones as ticked boxes, a search box to add."""

    multiple = True

    def use_required_attribute(self, initial) -> bool:
        # The search box stays empty once people are chosen: the browser must not ask for it.
        return False

    def value_from_datadict(self, data, files, name):
        chosen = [v for v in _getlist(data, name) if v]
        text = (data.get(name + SEARCH) or "").strip()
        if not text:
            return chosen
        found = self._candidates(text)
        if len(found) == 1:
            return [*chosen, str(found[0].pk)]
        # Nothing or several match: the field refuses the text, the box offers the matches.
        return [*chosen, text]


def _getlist(data, key: str) -> list:
    return data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]


NOT_IN_SCOPE = _(
    "Not among those you may choose here: type a part of the name and pick one from the list."
)


def autocomplete(
    field: forms.Field, kind: str, *, filters: dict | None = None, help_text: str = ""
) -> forms.Field:
    """Make a form's ModelChoiceField (or ModelMultipleChoiceField) a search picker.

    Call it after the field's queryset is set: the queryset stays what may be chosen,
    `filters` only narrow what the search proposes (the source's own names).
    """
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget = (AutocompleteMultiple if multiple else Autocomplete)(kind, filters=filters)
    widget.is_required = field.required
    field.widget = widget
    widget.choices = field.choices
    field.error_messages = {
        **field.error_messages,
        "invalid_choice": NOT_IN_SCOPE,
        "invalid_pk_value": NOT_IN_SCOPE,
    }
    if help_text:
        field.help_text = help_text
    return field


def may_choose(user) -> bool:
    """Who fills forms that choose a colleague or a school: the platform admin, methodists
    and teachers (heads among them) of a municipality. A coordinator monitors and chooses
    nothing; anybody else is denied."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.is_platform_admin:
        return True
    return bool((user.is_methodist or user.is_teacher) and user.municipality_id)


def may_choose_orders(user) -> bool:
    """Orders are chosen by those who register them: the platform admin and methodists."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.is_platform_admin:
        return True
    return bool(user.is_methodist and user.municipality_id)


def by_id(lookup: str) -> Callable[[QuerySet, str, Any], QuerySet]:
    """A filter by a numeric id (`municipality_id`); anything else matches nothing."""

    def apply(queryset: QuerySet, value: str, user=None) -> QuerySet:
        return queryset.filter(**{lookup: int(value)}) if is_id(value) else queryset.none()

    return apply
