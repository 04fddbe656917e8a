"""A list page's filter form, drawn once and then taken from the cache (issue #19).

Every list page draws its filter form (components/filters.html) on every request: a label
and a widget per field, an option per choice. The same form with the same values draws the
same markup, so it is cached under a key made of everything the markup is drawn from:

- the filter set's class, the template and the active language;
- per field: its name, label, widget class and attributes, whether it is required, the value
  it shows (the user's, or the initial one), and its choices — the current ones, read from
  the database as before (a select of the user's subjects lists what exists now: a subject
  added or renamed gives another key, never a stale form);
- the field's errors (a widget of a wrong value says aria-invalid), the form's prefix;
- the sort order kept in a hidden input.

A picker (core.autocomplete) with a chosen row shows that row's name, read from the database:
such a form is drawn afresh. Entries expire after an hour; a key no request makes again is
simply never read.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from metodset.core.autocomplete import Autocomplete

TEMPLATE = "components/filters.html"
CACHE_SECONDS = 3600


def _choices(choices) -> tuple:
    """The choices as strings (lazy labels translated), groups kept as groups."""
    flat = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            flat.append((str(value), _choices(label)))
        else:
            flat.append((str(value), str(label)))
    return tuple(flat)


def _fingerprint(form) -> tuple | None:
    """What the form's markup is drawn from, or None when it cannot be told without drawing."""
    parts = []
    for name, field in form.fields.items():
        widget = field.widget
        value = form[name].value()
        if isinstance(widget, Autocomplete):
            if value not in (None, "", []):
                return None  # shows the chosen row's name: drawn afresh
            choices = None
        elif hasattr(widget, "choices"):
            # Read once: the fingerprint and the drawing share the rows (no second query).
            # iter(): list() would ask a ModelChoiceIterator its len(), a COUNT query.
            widget.choices = list(iter(widget.choices))
            choices = _choices(widget.choices)
        else:
            choices = None
        parts.append(
            (
                name,
                str(field.label),
                type(widget).__module__,
                type(widget).__qualname__,
                repr(sorted(widget.attrs.items())),
                field.required,
                field.disabled,
                str(field.help_text),
                repr(value),
                tuple(str(error) for error in form[name].errors),  # aria-invalid
                choices,
            )
        )
    return (form.prefix, repr(form.auto_id), tuple(parts))


def filter_form(filterset, sort: str | None) -> SafeString:
    """components/filters.html for this filter set and sort order."""
    context = {"filter": filterset, "sort": sort}
    fingerprint = _fingerprint(filterset.form) if filterset is not None else None
    # Both returns are an autoescaping template's output (the cache holds nothing else).
    if fingerprint is None:
        return mark_safe(render_to_string(TEMPLATE, context))  # noqa: S308  # nosec B308 B703
    cls = type(filterset)
    key_source = repr(
        (TEMPLATE, cls.__module__, cls.__qualname__, get_language(), sort, fingerprint)
    )
    key = "filterform:" + hashlib.sha256(key_source.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string(TEMPLATE, context)
        cache.set(key, str(html), CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
