"""The rows of an association's members table, written in Python (issue #19).

The association page shows 50 members a page; drawing each row through the template's
`member_row` partial (a link, three escaped values, a date, the removal link) was a sixth of
the page's time. `member_rows` gives the same markup, byte for byte, for the rows the page
lists (never with a leave form: that is the row HTMX swaps in, still drawn by the partial);
associations/tests/test_member_rows.py compares the two for every state of a row.
"""

import datetime as dt

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


def _day(value: dt.date | None) -> str:
    """{{ value|date:"d.m.Y" }}."""
    return "" if value is None else f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


@register.simple_tag(takes_context=True)
def member_rows(context, memberships) -> SafeString:
    """The `member_row` partial of associations/association_detail.html for each of
    `memberships` (context: link_teachers, head, can_manage_members; no leave_form)."""
    link_teachers = context.get("link_teachers")
    head = context.get("head")
    head_teacher_id = head.teacher_id if head else None
    can_manage = context.get("can_manage_members")
    head_badge = f' <span class="badge badge--info">{conditional_escape(gettext("head"))}</span>'
    remove = conditional_escape(gettext("remove from the association"))
    not_member = gettext("not a member from %(day)s")
    rows = []
    for m in memberships:
        teacher = m.teacher
        name = conditional_escape(teacher.full_name)
        if link_teachers:
            name = f'<a href="{conditional_escape(teacher.get_absolute_url())}">{name}</a>'
        if head and m.teacher_id == head_teacher_id:
            name += head_badge
        if m.left_on:
            action = (
                f'\n    <span class="badge">{not_member % {"day": _day(m.left_on)}}</span>\n    '
            )
        elif can_manage:
            url = conditional_escape(m.end_url)
            action = (
                f'\n    <a href="{url}"\n       hx-get="{url}" hx-target="#membership-{m.pk}"'
                f' hx-swap="outerHTML">{remove}</a>\n    '
            )
        else:
            action = ""
        rows.append(
            f'\n<tr id="membership-{m.pk}">\n  <td>{name}</td>\n'
            f'  <td class="hide-sm">{conditional_escape(teacher.organisation)}</td>\n'
            f'  <td class="hide-sm">{escape(teacher.position)}</td>\n'
            f"  <td>{_day(m.joined_on)}</td>\n  <td>\n    {action}\n  </td>\n</tr>\n"
        )
    # Every value above is escaped; the rest is this module's markup.
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703
