"""The rows of an association's members table and of the associations list, written in
Python (issue #19).

The association page shows 50 members a page; drawing each row through the template's
`member_row` partial (a link, three escaped values, a date, the removal link) was a sixth of
the page's time. `member_rows` gives the same markup, byte for byte, for the rows the page
lists (never with a leave form: that is the row HTMX swaps in, still drawn by the partial);
associations/tests/test_member_rows.py compares the two for every state of a row. The
associations list's rows likewise (`association_rows`, the template loop's markup).
"""

import datetime as dt

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from metodset.core.rows import shown

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


@register.simple_tag(takes_context=True)
def association_rows(context, associations) -> SafeString:
    """The <tr> of each association of associations/association_list.html's table (with
    its municipality for a platform administrator or a regional coordinator)."""
    user = context.get("user")
    with_municipality = bool(
        user is not None and (user.is_platform_admin or user.is_regional_coordinator)
    )
    liquidated = f' <span class="badge">{conditional_escape(gettext("liquidated"))}</span>'
    part_of = conditional_escape(gettext("part of"))
    no_head = f'<span class="badge badge--warn">{conditional_escape(gettext("no head"))}</span>'
    rows = []
    for a in associations:
        parent = f'<br><small class="muted">{part_of} {shown(a.parent)}</small>' if a.parent else ""
        subtype = (
            f'<br><span class="muted">{shown(a.get_network_subtype_display())}</span>'
            if a.network_subtype
            else ""
        )
        if a.head_name:
            head = shown(a.head_name)
        elif a.status == "active":
            head = no_head
        else:
            head = "—"
        rows.append(
            f'\n      <tr>\n        <td><a href="{shown(a.get_absolute_url())}">'
            f"{shown(a.name)}</a>{liquidated if a.status == 'liquidated' else ''}{parent}</td>\n"
            f'        <td class="hide-sm">{shown(a.get_kind_display())}{subtype}</td>\n'
            f'        <td class="hide-sm">{shown(a.area)}</td>\n'
            f"        <td>{head}</td>\n"
            f'        <td class="hide-sm">{_day(a.head_ends_on) if a.head_ends_on else "—"}</td>\n'
            f"        <td>{shown(a.member_count)}</td>\n"
            f"        {f'<td>{shown(a.municipality)}</td>' if with_municipality else ''}\n"
            "      </tr>\n    "
        )
    # Every value above is escaped; the rest is this module's markup.
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703
