import datetime as dt

import factory

from metodset.growth.models import PDCourse


class PDCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PDCourse

    teacher = factory.SubFactory("metodset.people.tests.factories.TeacherFactory")
    program = "Формирование функциональной грамотности"
    provider = "АКИПКРО"
    hours = 36
    starts_on = dt.date(2025, 10, 1)
    ends_on = dt.date(2025, 10, 20)
