"""{% member_rows %} draws the members table's rows in Python (issue #19): the markup must be
the template's member_row partial, byte for byte, in every state of a row."""

import datetime as dt
import itertools

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.orgs.tests.factories import OrganisationFactory

PARTIAL = "associations/association_detail.html#member_row"


def _partial(memberships, context: dict) -> str:
    return "".join(render_to_string(PARTIAL, {**context, "m": m}) for m in memberships)


def _tag(memberships, context: dict) -> str:
    return Template("{% load association_members %}{% member_rows memberships %}").render(
        Context({**context, "memberships": memberships})
    )


@pytest.mark.django_db
def test_same_markup_as_the_partial(municipality):
    association = AssociationFactory(municipality=municipality)
    organisation = OrganisationFactory(municipality=municipality, short_name='Школа «№1» & "Ко"')
    memberships = [
        MembershipFactory(
            association=association,
            teacher__last_name="О'Нил <b>",
            teacher__position="учитель & завуч",
            teacher__organisation=organisation,
        ),
        MembershipFactory(association=association, left_on=dt.date(2026, 1, 9)),
        MembershipFactory(association=association, joined_on=dt.date(1999, 12, 31)),
    ]
    head = HeadAppointmentFactory(association=association, teacher=memberships[0].teacher)
    other_head = HeadAppointmentFactory(association=association)
    states = list(itertools.product([True, False], [head, other_head, None], [True, False]))
    for language in ["ru", "en"]:
        with translation.override(language):
            for link_teachers, current_head, can_manage in states:
                context = {
                    "association": association,
                    "link_teachers": link_teachers,
                    "head": current_head,
                    "can_manage_members": can_manage,
                }
                drawn = _tag(memberships, context)
                assert drawn == _partial(memberships, context)
                assert drawn.count("<tr ") == 3
    assert "&lt;b&gt;" in drawn and "&amp; завуч" in drawn


@pytest.mark.django_db
def test_no_rows():
    assert _tag([], {}) == ""


# associations/association_list.html's loop as it was.
LIST_LOOP = (
    "{% load i18n %}{% for a in rows %}\n"
    "      <tr>\n"
    '        <td><a href="{{ a.get_absolute_url }}">{{ a.name }}</a>{% if a.status =='
    ' "liquidated" %} <span class="badge">{% translate "liquidated" %}'
    "</span>{% endif %}{% if a.parent %}"
    '<br><small class="muted">{% translate "part of" %}'
    " {{ a.parent }}</small>{% endif %}</td>\n"
    '        <td class="hide-sm">{{ a.get_kind_display }}{% if a.network_subtype %}'
    '<br><span class="muted">{{ a.get_network_subtype_display }}</span>{% endif %}'
    "</td>\n"
    '        <td class="hide-sm">{{ a.area }}</td>\n'
    '        <td>{% if a.head_name %}{{ a.head_name }}{% elif a.status == "active" %}'
    '<span class="badge badge--warn">{% translate "no head" %}</span>{% else %}'
    "—{% endif %}</td>\n"
    '        <td class="hide-sm">{% if a.head_ends_on %}'
    '{{ a.head_ends_on|date:"d.m.Y" }}{% else %}—{% endif %}</td>\n'
    "        <td>{{ a.member_count }}</td>\n"
    "        {% if user.is_platform_admin or user.is_regional_coordinator %}"
    "<td>{{ a.municipality }}</td>{% endif %}\n"
    "      </tr>\n"
    "    {% endfor %}"
)


@pytest.mark.django_db
def test_association_rows_same_markup_as_the_loop(municipality, methodist, platform_admin):
    from metodset.associations import selectors
    from metodset.associations.models import AssociationKind, AssociationStatus, NetworkSubtype

    parent = AssociationFactory(municipality=municipality, name="РМО «Север» & <Ко>")
    AssociationFactory(municipality=municipality, parent=parent, area="физика & химия")
    AssociationFactory(
        municipality=municipality,
        kind=AssociationKind.NETWORK,
        network_subtype=NetworkSubtype.PROJECT,
    )
    AssociationFactory(
        municipality=municipality,
        status=AssociationStatus.LIQUIDATED,
        liquidated_on=dt.date(2024, 6, 1),
    )
    HeadAppointmentFactory(association=parent, teacher__last_name="О'Нил")
    MembershipFactory(association=parent)
    loop = Template(LIST_LOOP)
    tag = Template("{% load association_members %}{% association_rows rows %}")
    for user in (methodist, platform_admin):
        rows = list(selectors.association_list(user=user).order_by("pk"))
        assert len(rows) == 4
        for language in ("ru", "en"):
            with translation.override(language):
                context = {"rows": rows, "user": user}
                drawn = tag.render(Context(context))
                assert drawn == loop.render(Context(context))
        assert "&lt;Ко&gt;" in drawn and "badge--warn" in drawn and "О&#x27;Нил" in drawn
