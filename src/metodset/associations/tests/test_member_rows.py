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
