from django import template
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


@register.inclusion_tag("components/sort_link.html", takes_context=True)
def sort_link(context, field: str, label: str) -> dict:
    current = context.get("sort", "")
    active = current.lstrip("-") == field
    descending = current.startswith("-")
    target = f"-{field}" if active and not descending else field
    params = context["request"].GET.copy()
    params["sort"] = target
    params.pop("page", None)
    return {
        "href": f"?{params.urlencode()}",
        "label": label,
        "active": active,
        "descending": descending,
        "aria_sort": ("descending" if descending else "ascending") if active else "none",
    }


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
