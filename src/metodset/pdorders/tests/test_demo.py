import datetime as dt

import pytest

from metodset.associations.tests.factories import MembershipFactory
from metodset.growth.models import Competence, Diagnostic, PDCourse
from metodset.growth.tests.factories import PDCourseFactory
from metodset.pdorders import selectors
from metodset.pdorders.demo import pdorders_load
from metodset.pdorders.models import Enrolment, PDRequest, PlannedCourse

pytestmark = pytest.mark.django_db


def test_the_demo_gives_requests_a_course_and_enrolment(municipality, association):
    for index in range(6):
        teacher = MembershipFactory(association=association).teacher
        if index % 2:
            PDCourseFactory(
                teacher=teacher, starts_on=dt.date(2024, 4, 1), ends_on=dt.date(2024, 5, 1)
            )
        Diagnostic.objects.create(
            teacher=teacher,
            date=dt.date(2025, 10, 1),
            instrument="ЕФОМ",
            deficits="цифровые инструменты\nформирующее оценивание",
        )
    pdorders_load(slugs=[municipality.slug], seed=1, today=dt.date(2025, 11, 20))
    assert Competence.objects.filter(municipality=municipality).count() == 5
    assert Diagnostic.competences.through.objects.count() == 12  # two words in six diagnostics
    own = PDRequest.objects.get(association=association, school_year=2025)
    common = PDRequest.objects.get(association=None, school_year=2025)
    assert own.lines.exists() and common.lines.exists()
    course = PlannedCourse.objects.get(municipality=municipality)
    assert course.line.request == common and course.line.competence_id
    assert Enrolment.objects.filter(course=course).exists()
    # The course ended before «today»: two listeners have completed it.
    line = next(x for x in selectors.request_lines(common) if x.pk == course.line_id)
    assert line.completed == 2 == PDCourse.objects.filter(program=course.title).count()
    # Loading again adds nothing.
    pdorders_load(slugs=[municipality.slug], seed=1, today=dt.date(2025, 11, 20))
    assert PDRequest.objects.count() == 2
