"""The rows of the events list's table, written in Python (issue #19): the markup the
template's loop gave, byte for byte (events/tests/test_event_rows.py compares the two), each
value escaped, a number localized and the date in local time as `{{ }}` does it."""

from django import template
from django.template.defaultfilters import date
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from metodset.core.rows import shown

register = template.Library()


@register.simple_tag
def event_rows(events) -> SafeString:
    """The <tr> of each event of events/event_list.html's table."""
    service = conditional_escape(gettext("methodical service"))
    rows = []
    for e in events:
        cancelled = (
            f' <span class="badge badge--bad">{conditional_escape(e.get_status_display())}</span>'
            if e.status == "cancelled"
            else ""
        )
        places = f" / {shown(e.capacity)}" if e.capacity else ""
        rows.append(
            "\n      <tr>\n"
            f"        <td>{escape(date(template_localtime(e.starts_at), 'd.m.Y H:i'))}</td>\n"
            f'        <td><a href="{escape(e.get_absolute_url())}">{escape(e.title)}</a>'
            f"{cancelled}</td>\n"
            f'        <td class="hide-sm">{conditional_escape(e.get_form_display())}</td>\n'
            f'        <td class="hide-sm">'
            f"{conditional_escape(e.association) if e.association else service}</td>\n"
            f"        <td>{shown(e.registered_count)}{places}</td>\n"
            "      </tr>\n    "
        )
    # Every value above is escaped; the rest is this module's markup.
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703
