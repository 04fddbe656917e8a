import datetime as dt

import factory

from metodset.associations.models import (
    Association,
    AssociationKind,
    HeadAppointment,
    Membership,
)
from metodset.core.tests.factories import MunicipalityFactory
from metodset.people.tests.factories import TeacherFactory


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = AssociationKind.MMO
    name = factory.Sequence(lambda n: f"ММО учителей предмета {n}")
    area = "математика"
    founded_on = dt.date(2020, 9, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    association = factory.SubFactory(AssociationFactory)
    teacher = factory.SubFactory(
        TeacherFactory,
        organisation__municipality=factory.SelfAttribute("...association.municipality"),
    )
    joined_on = dt.date(2021, 9, 1)


class HeadAppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HeadAppointment

    association = factory.SubFactory(AssociationFactory)
    teacher = factory.SubFactory(
        TeacherFactory,
        organisation__municipality=factory.SelfAttribute("...association.municipality"),
    )
    starts_on = dt.date(2024, 9, 1)
    ends_on = dt.date(2027, 8, 31)
