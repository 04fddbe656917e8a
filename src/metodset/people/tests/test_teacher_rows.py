"""{% teacher_rows %} draws the teacher bank's rows in Python (issue #19): the markup must be
the template loop's, byte for byte, for every state of a row and in both languages."""

import datetime as dt

import pytest
from django.template import Context, Engine, Template
from django.utils import translation

from metodset.associations.tests.factories import MembershipFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people import selectors
from metodset.people.models import Category
from metodset.people.tests.factories import TeacherFactory

# people/teacher_list.html's loop as it was.
LOOP = (
    "{% load i18n %}{% for t in rows %}\n      <tr>\n"
    '        <td><a href="{{ t.get_absolute_url }}">{{ t.full_name }}</a>{% if t.is_young %}'
    ' <span class="badge badge--info">{% translate "young teacher" %}</span>{% endif %}'
    '{% if not t.is_active %} <span class="badge">{% translate "does not work" %}</span>'
    "{% endif %}</td>\n"
    "        <td>{{ t.organisation }}</td>\n"
    '        <td class="hide-sm">{{ t.position }}</td>\n'
    '        <td class="hide-sm">{{ t.age }}</td>\n'
    "        <td>{{ t.teaching_years }}</td>\n"
    "        <td>{{ t.get_category_display }}</td>\n"
    '        <td class="hide-sm">{{ t.association_count }}</td>\n'
    "      </tr>\n    {% endfor %}"
)


@pytest.mark.django_db
def test_same_markup_as_the_loop(municipality, methodist):
    school = OrganisationFactory(municipality=municipality, short_name='Школа «№1» & "Ко"')
    TeacherFactory(organisation=school, last_name="О'Нил <b>", position="учитель & завуч")
    TeacherFactory(organisation=school, birth_date=dt.date(2000, 1, 1), is_active=False)
    TeacherFactory(organisation=school, category=Category.HIGHEST, patronymic="")
    teacher = TeacherFactory(organisation=school, teaching_since=dt.date(2023, 9, 1))
    MembershipFactory(association__municipality=municipality, teacher=teacher)
    rows = list(selectors.teacher_list(user=methodist).order_by("pk"))
    assert len(rows) == 4
    loop = Template(LOOP, engine=Engine.get_default())
    tag = Template("{% load teacher_rows %}{% teacher_rows rows %}", engine=Engine.get_default())
    for language in ("ru", "en"):
        with translation.override(language):
            drawn = tag.render(Context({"rows": rows}))
            assert drawn == loop.render(Context({"rows": rows}))
    assert "&lt;b&gt;" in drawn and "&amp; завуч" in drawn and "badge--info" in drawn
    assert 'class="badge"' in drawn


def test_no_rows():
    assert (
        Template("{% load teacher_rows %}{% teacher_rows rows %}").render(Context({"rows": []}))
        == ""
    )
