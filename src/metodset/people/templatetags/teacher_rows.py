"""The rows of the teacher bank's table, written in Python (issue #19).

The teacher list draws 50 rows a page; through the template each row resolved a dozen
variables, tags and filters, a fifth of the page's time. `teacher_rows` gives the markup the
template's loop gave, byte for byte (people/tests/test_teacher_rows.py compares the two):
each value escaped (and a number localized) as `{{ }}` does it.
"""

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from metodset.core.rows import shown

register = template.Library()


@register.simple_tag
def teacher_rows(teachers) -> SafeString:
    """The <tr> of each teacher of people/teacher_list.html's table."""
    young = (
        f' <span class="badge badge--info">{conditional_escape(gettext("young teacher"))}</span>'
    )
    gone = f' <span class="badge">{conditional_escape(gettext("does not work"))}</span>'
    rows = []
    for t in teachers:
        rows.append(
            f'\n      <tr>\n        <td><a href="{escape(t.get_absolute_url())}">'
            f"{escape(t.full_name)}</a>{young if t.is_young() else ''}"
            f"{'' if t.is_active else gone}</td>\n"
            f"        <td>{conditional_escape(t.organisation)}</td>\n"
            f'        <td class="hide-sm">{escape(t.position)}</td>\n'
            f'        <td class="hide-sm">{shown(t.age())}</td>\n'
            f"        <td>{shown(t.teaching_years())}</td>\n"
            f"        <td>{conditional_escape(t.get_category_display())}</td>\n"
            f'        <td class="hide-sm">{shown(t.association_count)}</td>\n'
            "      </tr>\n    "
        )
    # Every value above is escaped; the rest is this module's markup.
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703
