"""The home page puts plans and minutes that wait for someone in front of that person."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.meetings.tests.factories import MeetingFactory
from metodset.plans.models import PlanStatus
from metodset.plans.tests.factories import PlanFactory
from metodset.regulations.services import regulation_import

pytestmark = pytest.mark.django_db


def home(client_as, user) -> str:
    return client_as(user).get(reverse("home:home")).content.decode()


REGULATION = """title: Положение
effective_from: 2020-09-01
rules:
  - kind: annual_plan
    clause: п. 3.2
    adopted_at_meeting: true
    approved_by: методический кабинет
    published: true
"""


def test_the_methodist_sees_adopted_plans_and_unsigned_minutes(
    client_as, methodist, association, municipality, other_municipality
):
    regulation_import(user=None, municipality=municipality, text=REGULATION)
    waiting = PlanFactory(association=association, status=PlanStatus.ADOPTED)
    draft = PlanFactory(association=AssociationFactory(municipality=municipality))
    foreign = PlanFactory(
        association=AssociationFactory(municipality=other_municipality),
        status=PlanStatus.ADOPTED,
    )
    held = MeetingFactory(association=association, date=dt.date(2025, 11, 10))
    coming = MeetingFactory(association=association, date=dt.date(2025, 12, 10))
    page = home(client_as, methodist)
    assert "Планы ждут вашего решения" in page
    assert waiting.get_absolute_url() in page
    assert draft.get_absolute_url() not in page and foreign.get_absolute_url() not in page
    assert "Протоколы к подписи" in page
    assert held.get_absolute_url() in page
    assert coming.get_absolute_url() not in page  # still to come: nothing to sign


def test_an_adopted_plan_waits_for_the_methodist_whatever_the_regulation(methodist, municipality):
    """Eight plans adopted and none agreed: all eight wait, with or without a regulation."""
    from metodset.core.dates import SchoolYear
    from metodset.plans.selectors import plans_awaiting_review

    adopted = [
        PlanFactory(
            association=AssociationFactory(municipality=municipality), status=PlanStatus.ADOPTED
        )
        for _ in range(8)
    ]
    year = SchoolYear(2025)
    assert set(plans_awaiting_review(user=methodist, year=year)) == set(adopted)
    regulation_import(user=None, municipality=municipality, text=REGULATION)
    assert set(plans_awaiting_review(user=methodist, year=year)) == set(adopted)


def test_an_agreed_plan_waits_only_for_the_steps_its_regulation_names(methodist, municipality):
    from metodset.core.dates import SchoolYear
    from metodset.plans.selectors import plans_awaiting_review

    agreed = PlanFactory(
        association=AssociationFactory(municipality=municipality), status=PlanStatus.AGREED
    )
    year = SchoolYear(2025)
    # No regulation: nothing more is asked of an agreed plan.
    assert plans_awaiting_review(user=methodist, year=year) == []
    regulation_import(user=None, municipality=municipality, text=REGULATION)
    assert plans_awaiting_review(user=methodist, year=year) == [agreed]
    agreed.status = PlanStatus.PUBLISHED
    agreed.save()
    assert plans_awaiting_review(user=methodist, year=year) == []


def test_the_head_sees_his_minutes_to_sign_and_meetings_to_come(client_as, head, association):
    MeetingFactory(association=association, date=dt.date(2025, 11, 10))
    coming = MeetingFactory(association=association, date=dt.date(2025, 12, 10))
    page = home(client_as, head)
    assert "Протоколы к подписи" in page and "Заседание № 1 от 10.11.2025" in page
    assert "Ближайшие заседания моих объединений" in page
    assert coming.get_absolute_url() in page and "10.12.2025" in page


def test_a_member_sees_the_meetings_of_his_associations_only(
    client_as, teacher_user, association, municipality
):
    MembershipFactory(association=association, teacher=teacher_user.teacher_profile)
    mine = MeetingFactory(association=association, date=dt.date(2025, 12, 10))
    other = MeetingFactory(
        association=AssociationFactory(municipality=municipality), date=dt.date(2025, 12, 11)
    )
    page = home(client_as, teacher_user)
    assert mine.get_absolute_url() in page and other.get_absolute_url() not in page
    assert "Протоколы к подписи" not in page


def test_the_home_page_costs_the_same_for_3_or_30_waiting_items(client_as, methodist, municipality):
    client = client_as(methodist)

    def cost(n):
        for _ in range(n):
            association = AssociationFactory(municipality=municipality)
            PlanFactory(association=association, status=PlanStatus.ADOPTED)
            MeetingFactory(association=association, date=dt.date(2025, 11, 10))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home:home"))
        return len(queries)

    assert cost(3) == cost(27)
