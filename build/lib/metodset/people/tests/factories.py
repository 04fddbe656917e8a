import datetime as dt

import factory

from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Category, EducationLevel, Gender, Teacher


class TeacherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Teacher

    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.SelfAttribute("organisation.municipality")
    last_name = factory.Sequence(lambda n: f"Петрова{n}")
    first_name = "Анна"
    patronymic = "Сергеевна"
    gender = Gender.FEMALE
    birth_date = dt.date(1980, 3, 15)
    position = "учитель математики"
    education_level = EducationLevel.HIGHER_PEDAGOGICAL
    teaching_since = dt.date(2003, 9, 1)
    working_since = dt.date(2002, 9, 1)
    category = Category.NONE
