import datetime as dt

import factory
from django.db.models import Max

from metodset.associations.tests.factories import AssociationFactory
from metodset.core.dates import SchoolYear
from metodset.meetings.models import AgendaItem, Attendance, Guest, Meeting


def _next_number(meeting) -> int:
    last = Meeting.objects.filter(
        association=meeting.association, school_year=meeting.school_year
    ).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _next_position(item) -> int:
    return (item.meeting.agenda.aggregate(last=Max("position"))["last"] or 0) + 1


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting numbered as the service would; use services.meeting_schedule to test that."""

    class Meta:
        model = Meeting

    association = factory.SubFactory(AssociationFactory)
    municipality = factory.SelfAttribute("association.municipality")
    date = dt.date(2025, 10, 15)
    school_year = factory.LazyAttribute(lambda o: SchoolYear.of(o.date).start_year)
    number = factory.LazyAttribute(_next_number)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.LazyAttribute(_next_position)
    title = factory.Sequence(lambda n: f"О работе по теме самообразования {n}")
    speakers = "Иванову М.П., руководителя ММО."
    decision = "Принять информацию к сведению."


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    teacher = factory.SubFactory(
        "metodset.people.tests.factories.TeacherFactory",
        organisation__municipality=factory.SelfAttribute("...meeting.municipality"),
    )
    present = True


class GuestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guest

    meeting = factory.SubFactory(MeetingFactory)
    name = "Сидорова Ольга Ивановна"
    position = "методист РМК"
