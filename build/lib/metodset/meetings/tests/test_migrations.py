"""The data migration that numbers the meetings entered before numbering followed the date."""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.meetings import services
from metodset.meetings.models import Meeting
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NAME = "0002_numbered_by_date_attendance_without_default"
migration = importlib.import_module(f"metodset.meetings.migrations.{NAME}")


def state_after():
    return MigrationLoader(connection).project_state(("meetings", NAME)).apps


def test_it_renumbers_by_date_and_leaves_signed_minutes_alone(association, municipality):
    # Entered in this order, under the old rule: No. 1 (December), 2 (October, signed), 3 (Sep).
    december = MeetingFactory(association=association, date=dt.date(2025, 12, 10))
    october = MeetingFactory(
        association=association,
        date=dt.date(2025, 10, 15),
        chair=MembershipFactory(association=association).teacher,
    )
    member = october.chair
    services.attendance_record(user=None, meeting=october, marks={member.pk: (True, "")})
    AgendaItemFactory(meeting=october)
    services.minutes_sign(user=None, meeting=october)
    september = MeetingFactory(association=association, date=dt.date(2025, 9, 20))
    in_order = MeetingFactory(
        association=AssociationFactory(municipality=municipality), date=dt.date(2025, 9, 1)
    )
    assert [m.number for m in (december, october, september)] == [1, 2, 3]
    records = Meeting.history.count()

    migration.renumber(state_after(), None)

    numbers = dict(Meeting.objects.values_list("pk", "number"))
    # The signed minutes keep No. 2; the others take 1 and 3 in date order.
    assert [numbers[m.pk] for m in (september, october, december)] == [1, 2, 3]
    assert numbers[in_order.pk] == 1
    # One history record per renumbered meeting, as no correction (no reason).
    assert Meeting.history.count() == records + 2
    assert Meeting.history.filter(id=december.pk).first().number == 3
    assert Meeting.history.filter(id=december.pk).first().history_change_reason is None
