from django import template
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The current query string with `changes` applied (None removes a key)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def filter_form(context) -> str:
    """A list page's filter form (components/filters.html), drawn once for the same form,
    values and choices, then taken from the cache (core.filterforms)."""
    from metodset.core.filterforms import filter_form as drawn

    return drawn(context.get("filter"), context.get("sort"))


@register.simple_tag(takes_context=True)
def sort_th(context, field: str, label: str, css_class: str = "") -> str:
    """A sortable column's header: the link sorts by `field`, and the <th> says how the
    column is sorted (aria-sort belongs on the header cell, not on the link). Written here,
    not by a template: a list has four to six of them (issue #19)."""
    current = context.get("sort", "")
    active = current.lstrip("-") == field
    descending = current.startswith("-")
    target = f"-{field}" if active and not descending else field
    params = context["request"].GET.copy()
    params["sort"] = target
    params.pop("page", None)
    aria_sort = ("descending" if descending else "ascending") if active else ""
    return format_html(
        '<th scope="col"{}{}><a href="{}" class="sort{}">{}{}</a></th>\n',
        format_html(' class="{}"', css_class) if css_class else "",
        format_html(' aria-sort="{}"', aria_sort) if aria_sort else "",
        f"?{params.urlencode()}",
        " sort--active" if active else "",
        label,
        format_html('<span aria-hidden="true">{}</span>', " ▼" if descending else " ▲")
        if active
        else "",
    )


@register.simple_tag
def scrollable(label: str, *, css_class: str = "") -> str:
    """The attributes of a table's wrapper, `<div {% scrollable _("Orders") %}><table>`: a
    table wider than a phone scrolls sideways in it, so the wrapper is a named region the
    keyboard can focus and scroll (axe: scrollable-region-focusable). Its name must differ
    from the section's around it (axe: landmark-unique)."""
    classes = f"table-wrap {css_class}".strip()
    return format_html('class="{}" tabindex="0" role="region" aria-label="{}"', classes, label)


@register.filter
def yesno_ru(value) -> str:
    return _("yes") if value else _("no")


@register.filter
def lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


@register.simple_tag
def urlparams(**params) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
