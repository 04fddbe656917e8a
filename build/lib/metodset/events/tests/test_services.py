import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from metodset.events import services
from metodset.events.models import Participation, ParticipationStatus
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.people.tests.factories import TeacherFactory

REGISTERED, WAITLISTED = ParticipationStatus.REGISTERED, ParticipationStatus.WAITLISTED


@pytest.mark.django_db
class TestRegistration:
    def test_it_puts_teachers_past_the_capacity_on_the_waiting_list(self, methodist, municipality):
        event = EventFactory(municipality=municipality, capacity=2)
        teachers = TeacherFactory.create_batch(3, organisation__municipality=municipality)
        statuses = [
            services.participation_register(user=methodist, event=event, teacher=t).status
            for t in teachers
        ]
        assert statuses == [REGISTERED, REGISTERED, WAITLISTED]

    def test_it_gives_a_freed_seat_to_the_first_waiting(self, methodist, municipality):
        event = EventFactory(municipality=municipality, capacity=1)
        first, second, third = (
            services.participation_register(user=methodist, event=event, teacher=t)
            for t in TeacherFactory.create_batch(3, organisation__municipality=municipality)
        )
        services.participation_cancel(user=methodist, participation=first)
        second.refresh_from_db()
        third.refresh_from_db()
        assert (second.status, third.status) == (REGISTERED, WAITLISTED)

    def test_it_refuses_a_registration_after_the_event_ended(self, methodist, municipality):
        event = EventFactory(
            municipality=municipality, starts_at=dt.datetime(2025, 10, 1, 10, tzinfo=dt.UTC)
        )
        teacher = TeacherFactory(organisation__municipality=municipality)
        with pytest.raises(ValidationError, match="уже завершилось"):
            services.participation_register(user=methodist, event=event, teacher=teacher)
        assert not Participation.objects.exists()

    def test_it_refuses_a_second_registration(self, methodist, municipality):
        event = EventFactory(municipality=municipality)
        teacher = TeacherFactory(organisation__municipality=municipality)
        services.participation_register(user=methodist, event=event, teacher=teacher)
        with pytest.raises(ValidationError, match="уже зарегистрирован"):
            services.participation_register(user=methodist, event=event, teacher=teacher)

    def test_it_refuses_a_teacher_of_another_municipality(
        self, methodist, municipality, other_municipality
    ):
        event = EventFactory(municipality=municipality)
        with pytest.raises(ValidationError):
            services.participation_register(
                user=methodist,
                event=event,
                teacher=TeacherFactory(organisation__municipality=other_municipality),
            )


@pytest.mark.django_db(transaction=True)
def test_it_never_registers_more_than_the_capacity_under_parallel_requests(methodist, municipality):
    event = EventFactory(municipality=municipality, capacity=3)
    teachers = TeacherFactory.create_batch(10, organisation__municipality=municipality)
    barrier = threading.Barrier(len(teachers))
    errors = []

    def register(teacher):
        try:
            barrier.wait()
            services.participation_register(user=methodist, event=event, teacher=teacher)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(t,)) for t in teachers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(event.participations.values_list("status", flat=True))
    assert statuses.count(REGISTERED) == 3
    assert statuses.count(WAITLISTED) == 7


@pytest.mark.django_db
class TestAttendance:
    def test_it_marks_two_hundred_participants_in_one_call(self, methodist, municipality):
        event = EventFactory(
            municipality=municipality,
            starts_at=dt.datetime(2025, 11, 19, 10, tzinfo=dt.UTC),
            ends_at=dt.datetime(2025, 11, 25, 10, tzinfo=dt.UTC),
        )
        participations = ParticipationFactory.create_batch(200, event=event)
        present = {p.pk for p in participations[:150]}
        assert services.attendance_mark(user=methodist, event=event, present_ids=present) == 150
        assert event.participations.filter(attended=True).count() == 150
        assert event.participations.filter(attended=False).count() == 50

    def test_it_waits_for_the_event_to_start(self, methodist, municipality):
        event = EventFactory(municipality=municipality)
        with pytest.raises(ValidationError):
            services.attendance_mark(user=methodist, event=event, present_ids=set())


@pytest.mark.django_db
class TestCertificate:
    def test_it_is_issued_to_those_who_came(self, municipality):
        participation = ParticipationFactory(event__municipality=municipality, attended=False)
        with pytest.raises(ValidationError):
            services.certificate_issue(user=None, participation=participation)
        participation.attended = True
        code = services.certificate_issue(user=None, participation=participation).certificate_code
        assert len(code) == 10
        assert (
            services.certificate_issue(user=None, participation=participation).certificate_code
            == code
        )
