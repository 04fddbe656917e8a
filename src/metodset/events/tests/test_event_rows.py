"""{% event_rows %} draws the events list's rows in Python (issue #19): the markup must be
the template loop's, byte for byte, for every state of a row and in both languages."""

import datetime as dt

import pytest
from django.template import Context, Engine, Template
from django.utils import translation

from metodset.associations.tests.factories import AssociationFactory
from metodset.events import selectors
from metodset.events.models import EventStatus
from metodset.events.tests.factories import EventFactory, ParticipationFactory

# events/event_list.html's loop as it was.
LOOP = (
    "{% load i18n %}"
    "{% for e in rows %}\n"
    "      <tr>\n"
    '        <td>{{ e.starts_at|date:"d.m.Y H:i" }}</td>\n'
    '        <td><a href="{{ e.get_absolute_url }}">{{ e.title }}</a>{% if e.status ='
    '= "cancelled" %}'
    ' <span class="badge badge--bad">{{ e.get_status_display }}</span>{% endif %}'
    "</td>\n"
    '        <td class="hide-sm">{{ e.get_form_display }}</td>\n'
    '        <td class="hide-sm">{{ e.association|default:_("methodical service") }}<'
    "/td>\n"
    "        <td>{{ e.registered_count }}{% if e.capacity %}"
    " / {{ e.capacity }}{% endif %}</td>\n"
    "      </tr>\n"
    "    {% endfor %}"
)


@pytest.mark.django_db
def test_same_markup_as_the_loop(municipality, methodist):
    association = AssociationFactory(municipality=municipality, name="ММО «Север» & <Ко>")
    EventFactory(municipality=municipality, title="Семинар <b> & «кавычки»")
    EventFactory(municipality=municipality, association=association, capacity=1500)
    EventFactory(
        municipality=municipality,
        status=EventStatus.CANCELLED,
        starts_at=dt.datetime(2025, 12, 31, 22, 30, tzinfo=dt.UTC),
    )
    event = EventFactory(municipality=municipality, capacity=30)
    ParticipationFactory(event=event)
    rows = list(selectors.event_list(user=methodist).order_by("pk"))
    assert len(rows) == 4
    loop = Template(LOOP, engine=Engine.get_default())
    tag = Template("{% load event_rows %}{% event_rows rows %}", engine=Engine.get_default())
    for language in ("ru", "en"):
        with translation.override(language):
            drawn = tag.render(Context({"rows": rows}))
            assert drawn == loop.render(Context({"rows": rows}))
    assert "&lt;b&gt;" in drawn and "&lt;Ко&gt;" in drawn and "badge--bad" in drawn
    assert " / 30" in drawn


def test_no_rows():
    tag = Template("{% load event_rows %}{% event_rows rows %}")
    assert tag.render(Context({"rows": []})) == ""
