import datetime as dt

import factory

from metodset.core.tests.factories import MunicipalityFactory
from metodset.events.models import Event, EventForm, Participation

NOON = dt.datetime(2025, 12, 10, 10, 0, tzinfo=dt.UTC)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    municipality = factory.SubFactory(MunicipalityFactory)
    form = EventForm.SEMINAR
    title = factory.Sequence(lambda n: f"Семинар «Функциональная грамотность» № {n}")
    starts_at = NOON
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    event = factory.SubFactory(EventFactory)
    teacher = factory.SubFactory(
        "metodset.people.tests.factories.TeacherFactory",
        organisation__municipality=factory.SelfAttribute("...event.municipality"),
    )
