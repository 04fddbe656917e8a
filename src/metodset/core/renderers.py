"""The form renderer: Django's own, with the commonest widgets written out in Python.

Django renders every widget, and every `<option>` of a select, through a template (an
include per option and another for its attributes); a filter form's selects cost a list page
several milliseconds (issue #19). `FastTemplates` produces the same markup as Django's stock
templates `input.html` (and the widgets that only include it), `select.html` and
`select_option.html` by string formatting, and hands any other template, or a select whose
options use another template, to the templates as before. The markup is checked against
the templates' in core/tests/test_renderers.py.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from metodset.core.rows import shown

WIDGETS = "django/forms/widgets/"
INPUTS = frozenset(
    f"{WIDGETS}{name}.html"
    for name in [
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    ]
)
SELECT = f"{WIDGETS}select.html"
OPTION = f"{WIDGETS}select_option.html"


def _stringformat(value) -> str:
    """`{{ value|stringformat:'s' }}`: the filter keeps a safe string safe."""
    text = str(value)  # "%s" % value
    safe = isinstance(value, SafeData)
    # Marks safe only what was safe already; anything else is escaped.
    return conditional_escape(mark_safe(text) if safe else text)  # noqa: S308  # nosec B308 B703


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(
            f" {shown(name)}" if value is True else f' {shown(name)}="{_stringformat(value)}"'
        )
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    valued = "" if value is None else f' value="{_stringformat(value)}"'
    kind, name = shown(widget["type"]), shown(widget["name"])
    return f'<input type="{kind}" name="{name}"{valued}{_attrs(widget["attrs"])}>'


def _option(option: dict) -> str:
    return (
        f'<option value="{_stringformat(option["value"])}"{_attrs(option["attrs"])}>'
        f"{shown(option['label'])}</option>"
    )


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{shown(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            parts.append(f"\n  {_option(option)}\n")  # the option's template ends a line
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastTemplates(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            html = None
            if template_name in INPUTS:
                html = _input(widget)
            elif template_name == SELECT:
                html = _select(widget)
            elif template_name == OPTION:
                html = _option(widget)
            if html is not None:  # every value in it went through _out or _stringformat
                return mark_safe(html)  # noqa: S308  # nosec B308 B703
        return super().render(template_name, context, request=request)
