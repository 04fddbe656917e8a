"""The attendance summary stays equal to a count from scratch after every kind of write."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metodset.associations.tests.factories import AssociationFactory
from metodset.events import services
from metodset.events.attendance import (
    attendance_differences,
    attendance_rebuild,
    attendance_recount,
)
from metodset.events.models import AttendanceSummary, Participation, YearAttendance
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.people.tests.factories import TeacherFactory

MSK = ZoneInfo("Europe/Moscow")


def rows() -> set[tuple]:
    return set(
        AttendanceSummary.objects.values_list(
            "teacher_id", "school_year", "association_id", "attended"
        )
    )


def years() -> set[tuple]:
    return set(YearAttendance.objects.values_list("teacher_id", "school_year", "attended"))


@pytest.fixture
def world(municipality):
    association = AssociationFactory(municipality=municipality)
    teacher = TeacherFactory(organisation__municipality=municipality)
    autumn = EventFactory(
        municipality=municipality,
        association=association,
        starts_at=dt.datetime(2025, 10, 1, 10, tzinfo=MSK),
    )
    return association, teacher, autumn


@pytest.mark.django_db
class TestAttendanceSummary:
    def test_a_participation_saved_is_counted(self, world):
        association, teacher, autumn = world
        ParticipationFactory(event=autumn, teacher=teacher, attended=True)
        # a service's own event, on 31 August 23:30 Moscow time: still the school year 2024
        late = EventFactory(
            municipality=autumn.municipality, starts_at=dt.datetime(2025, 8, 31, 23, 30, tzinfo=MSK)
        )
        ParticipationFactory(event=late, teacher=teacher, attended=True)
        ParticipationFactory(event=late, attended=False)  # did not come: not counted
        assert rows() == {(teacher.pk, 2025, association.pk, 1), (teacher.pk, 2024, None, 1)}
        assert years() == {(teacher.pk, 2025, 1), (teacher.pk, 2024, 1)}
        assert attendance_differences() == 0

    def test_marking_attendance_counts_it(self, world, methodist):
        association, teacher, autumn = world
        others = TeacherFactory.create_batch(2, organisation__municipality=teacher.municipality)
        marked = [
            ParticipationFactory(event=autumn, teacher=t) for t in [teacher, *others]
        ]  # registered, attendance not marked
        assert rows() == set()
        services.attendance_mark(
            user=methodist, event=autumn, present_ids={marked[0].pk, marked[1].pk}
        )
        assert rows() == {
            (teacher.pk, 2025, association.pk, 1),
            (others[0].pk, 2025, association.pk, 1),
        }
        services.attendance_mark(user=methodist, event=autumn, present_ids={marked[2].pk})
        assert rows() == {(others[1].pk, 2025, association.pk, 1)}
        assert years() == {(others[1].pk, 2025, 1)}
        assert attendance_differences() == 0

    def test_moving_an_event_moves_its_attendance(self, world):
        association, teacher, autumn = world
        ParticipationFactory(event=autumn, teacher=teacher, attended=True)
        autumn.starts_at = dt.datetime(2026, 9, 1, 0, 30, tzinfo=MSK)  # the next school year
        autumn.ends_at = autumn.starts_at + dt.timedelta(hours=2)
        autumn.save()
        assert rows() == {(teacher.pk, 2026, association.pk, 1)}
        other = AssociationFactory(municipality=autumn.municipality)
        autumn.association = other
        autumn.save(update_fields=["association"])
        assert rows() == {(teacher.pk, 2026, other.pk, 1)}
        assert years() == {(teacher.pk, 2026, 1)}
        autumn.title = "Другое название"
        autumn.save(update_fields=["title"])  # nothing to recount
        assert attendance_differences() == 0

    def test_deleting_participations_and_events_uncounts_them(self, world):
        association, teacher, autumn = world
        first = ParticipationFactory(event=autumn, teacher=teacher, attended=True)
        second_event = EventFactory(
            municipality=autumn.municipality, association=association, starts_at=autumn.starts_at
        )
        ParticipationFactory(event=second_event, teacher=teacher, attended=True)
        assert rows() == {(teacher.pk, 2025, association.pk, 2)}
        first.delete()
        assert rows() == {(teacher.pk, 2025, association.pk, 1)}
        second_event.delete()  # its participations go by the cascade
        assert rows() == set()
        assert years() == set()
        assert attendance_differences() == 0

    def test_the_rebuild_covers_bulk_writes_and_is_idempotent(self, world):
        association, teacher, autumn = world
        Participation.objects.bulk_create(  # no signal: the summary does not know
            [Participation(event=autumn, teacher=teacher, attended=True)]
        )
        assert rows() == set()
        assert attendance_differences() == 2  # a summary row and a year row missing
        assert attendance_rebuild() == 1
        assert attendance_rebuild() == 1
        assert rows() == {(teacher.pk, 2025, association.pk, 1)}
        assert years() == {(teacher.pk, 2025, 1)}
        attendance_recount([teacher.pk])
        assert rows() == {(teacher.pk, 2025, association.pk, 1)}
        assert attendance_differences() == 0

    def test_the_year_adds_up_every_organiser(self, world, methodist):
        """A teacher who attended events of two associations and of the service counts once
        a year in YearAttendance, with all his events; the rebuild gives the same rows."""
        association, teacher, autumn = world
        other = AssociationFactory(municipality=autumn.municipality)
        for organiser in (other, None):
            event = EventFactory(
                municipality=autumn.municipality, association=organiser, starts_at=autumn.starts_at
            )
            ParticipationFactory(event=event, teacher=teacher, attended=True)
        ParticipationFactory(event=autumn, teacher=teacher, attended=True)
        assert rows() == {
            (teacher.pk, 2025, association.pk, 1),
            (teacher.pk, 2025, other.pk, 1),
            (teacher.pk, 2025, None, 1),
        }
        assert years() == {(teacher.pk, 2025, 3)}
        attendance_rebuild()
        assert years() == {(teacher.pk, 2025, 3)}
        YearAttendance.objects.update(attended=2)  # wrong: found, and put right by a recount
        assert attendance_differences() == 2  # the wrong row stored, the right one missing
        attendance_recount([teacher.pk])
        assert attendance_differences() == 0

    @pytest.mark.parametrize("attendees", [1, 6])
    def test_deleting_an_event_recounts_its_attendees_once(self, world, attendees):
        _association, teacher, autumn = world
        others = TeacherFactory.create_batch(
            attendees - 1, organisation__municipality=teacher.municipality
        )
        for t in [teacher, *others]:
            ParticipationFactory(event=autumn, teacher=t, attended=True)
        ParticipationFactory(event=autumn, attended=False)
        kept = EventFactory(municipality=autumn.municipality, starts_at=autumn.starts_at)
        ParticipationFactory(event=kept, teacher=teacher, attended=True)
        with CaptureQueriesContext(connection) as queries:
            autumn.delete()
        recounts = [
            q for q in queries if q["sql"].startswith('DELETE FROM "events_yearattendance"')
        ]
        assert len(recounts) == 1  # one recount of all its attendees, whatever their number
        assert rows() == {(teacher.pk, 2025, None, 1)}
        assert years() == {(teacher.pk, 2025, 1)}
        assert attendance_differences() == 0

    def test_deleting_events_by_a_queryset_uncounts_them(self, world):
        _association, teacher, autumn = world
        ParticipationFactory(event=autumn, teacher=teacher, attended=True)
        other = EventFactory(municipality=autumn.municipality, starts_at=autumn.starts_at)
        ParticipationFactory(event=other, teacher=teacher, attended=True)
        type(autumn).objects.filter(pk__in=[autumn.pk, other.pk]).delete()
        assert rows() == set() and years() == set()
        assert attendance_differences() == 0
