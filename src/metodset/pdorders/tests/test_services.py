"""The proposal of a request's lines (hand-checked), the lines a person chooses, the
fulfilment of a line and the rules of enrolment."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.growth.models import Competence, Diagnostic, Need, TeacherNeed
from metodset.growth.tests.factories import PDCourseFactory
from metodset.pdorders import selectors, services
from metodset.pdorders.models import PDRequest, PlannedCourse, Source
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db

YEAR = 2025  # 2025/26: 01.09.2025–31.08.2026; three years before its end: 31.08.2023


def _member(association, last_name, *, last_course=None):
    teacher = MembershipFactory(association=association, teacher__last_name=last_name).teacher
    if last_course:
        PDCourseFactory(teacher=teacher, starts_on=last_course, ends_on=last_course)
    return teacher


def _diagnostic(teacher, day, *competences):
    diagnostic = Diagnostic.objects.create(teacher=teacher, date=day, instrument="ЕФОМ")
    diagnostic.competences.set(competences)


@pytest.fixture
def world(municipality, association):
    n1 = Need.objects.create(municipality=municipality, name="Функциональная грамотность")
    n2 = Need.objects.create(municipality=municipality, name="ИКТ")
    c1 = Competence.objects.create(municipality=municipality, code="1.1", title="Оценивание")
    c2 = Competence.objects.create(municipality=municipality, code="2.1", title="Проекты")
    # Алексеева: a need, PD over three years old, a deficit found this year.
    a = _member(association, "Алексеева", last_course=dt.date(2023, 5, 10))
    TeacherNeed.objects.create(teacher=a, school_year=YEAR, need=n1)
    _diagnostic(a, dt.date(2025, 10, 1), c1)
    # Борисова: the same need, another only last year; PD current; an old deficit (before
    # 01.09.2024, not counted) and one of the last school year (counted).
    b = _member(association, "Борисова", last_course=dt.date(2024, 6, 1))
    TeacherNeed.objects.create(teacher=b, school_year=YEAR, need=n1)
    TeacherNeed.objects.create(teacher=b, school_year=YEAR - 1, need=n2)
    _diagnostic(b, dt.date(2024, 8, 31), c1)
    _diagnostic(b, dt.date(2025, 3, 1), c2)
    # Васильева: no PD course at all. Гусева: ended on the boundary day, due.
    # Дмитриева: ended the day after, current until the next school year.
    v = _member(association, "Васильева")
    g = _member(association, "Гусева", last_course=dt.date(2023, 8, 31))
    _member(association, "Дмитриева", last_course=dt.date(2023, 9, 1))
    # A teacher of the municipality outside the association, with the need.
    outsider = TeacherFactory(organisation__municipality=municipality, last_name="Егорова")
    PDCourseFactory(teacher=outsider, ends_on=dt.date(2025, 6, 1), starts_on=dt.date(2025, 6, 1))
    TeacherNeed.objects.create(teacher=outsider, school_year=YEAR, need=n1)
    request = PDRequest.objects.create(
        municipality=municipality, association=association, school_year=YEAR
    )
    return {
        "request": request,
        "n1": n1,
        "c1": c1,
        "c2": c2,
        "teachers": {"a": a, "b": b, "v": v, "g": g, "outsider": outsider},
    }


def _by_key(proposals):
    return {p.key: [t.last_name for t in p.teachers] for p in proposals}


class TestProposal:
    def test_it_proposes_needs_deficits_and_renewal_of_the_members(self, world):
        proposals = selectors.proposal(world["request"])
        assert _by_key(proposals) == {
            f"need-{world['n1'].pk}": ["Алексеева", "Борисова"],
            f"deficit-{world['c1'].pk}": ["Алексеева"],
            f"deficit-{world['c2'].pk}": ["Борисова"],
            "renewal": ["Алексеева", "Васильева", "Гусева"],
        }
        places = {p.key: p.places for p in proposals}
        assert places[f"need-{world['n1'].pk}"] == 2 and places["renewal"] == 3
        assert all(p.hours is None for p in proposals)  # a person gives the hours

    def test_the_municipality_proposal_reads_every_teacher_and_the_associations_lines(
        self, world, municipality
    ):
        services.pd_request_lines_add(
            user=None,
            request=world["request"],
            lines=[services.ChosenLine(topic="Проекты", hours=36, places=4, source="deficit")],
        )
        other = PDRequest.objects.create(
            municipality=municipality,
            association=AssociationFactory(municipality=municipality),
            school_year=YEAR,
        )
        services.pd_request_lines_add(
            user=None,
            request=other,
            lines=[
                services.ChosenLine(topic=" проекты ", hours=36, places=3, source="manual"),
                services.ChosenLine(topic="Проекты", hours=72, places=1, source="manual"),
            ],
        )
        common = PDRequest.objects.create(municipality=municipality, school_year=YEAR)
        proposals = selectors.proposal(common)
        from_associations = [p for p in proposals if p.source == Source.ASSOCIATION]
        assert [(p.topic, p.hours, p.places) for p in from_associations] == [
            ("Проекты", 36, 7),
            ("Проекты", 72, 1),
        ]
        need = next(p for p in proposals if p.key == f"need-{world['n1'].pk}")
        assert [t.last_name for t in need.teachers] == ["Алексеева", "Борисова", "Егорова"]

    def test_a_topic_already_in_the_request_is_marked(self, world):
        services.pd_request_lines_add(
            user=None,
            request=world["request"],
            lines=[
                services.ChosenLine(
                    topic="функциональная грамотность", hours=36, places=2, source="need"
                )
            ],
        )
        marked = {p.key for p in selectors.proposal(world["request"]) if p.in_request}
        assert marked == {f"need-{world['n1'].pk}"}


class TestFulfilment:
    def test_enrolled_and_completed_per_line(self, world, municipality):
        line = services.pd_request_lines_add(
            user=None,
            request=world["request"],
            lines=[
                services.ChosenLine(
                    topic="Функциональная грамотность", hours=36, places=3, source="need"
                )
            ],
        )[0]
        course = services.planned_course_create(
            user=None,
            municipality=municipality,
            title="Функциональная грамотность",
            provider="ИРО",
            hours=36,
            starts_on=dt.date(2025, 10, 1),
            ends_on=dt.date(2025, 10, 20),
            places=2,
            line=line,
        )
        a, b, v = (world["teachers"][k] for k in "abv")
        services.enrolment_add(user=None, course=course, teacher=a)
        services.enrolment_add(user=None, course=course, teacher=b)
        # a's PD record of the programme (the case differs): completed; b's older one is not.
        PDCourseFactory(
            teacher=a, program="функциональная грамотность", ends_on=dt.date(2025, 10, 20)
        )
        PDCourseFactory(
            teacher=b,
            program="Функциональная грамотность",
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2025, 1, 20),
        )
        [row] = selectors.request_lines(world["request"])
        assert (row.places, row.enrolled, row.completed) == (3, 2, 1)
        with pytest.raises(ValidationError, match="заняты"):
            services.enrolment_add(user=None, course=course, teacher=v)

    def test_a_teacher_of_another_municipality_is_not_enrolled(self, world, other_municipality):
        course = PlannedCourse.objects.create(
            municipality=world["request"].municipality,
            title="К",
            provider="ИРО",
            hours=16,
            starts_on=dt.date(2025, 10, 1),
            ends_on=dt.date(2025, 10, 2),
            places=5,
        )
        stranger = TeacherFactory(organisation__municipality=other_municipality)
        with pytest.raises(ValidationError):
            services.enrolment_add(user=None, course=course, teacher=stranger)


class TestRequest:
    def test_one_request_per_association_and_year(self, world, municipality, association):
        with pytest.raises(ValidationError):
            services.pd_request_create(
                user=None, municipality=municipality, association=association, school_year=YEAR
            )
        services.pd_request_create(
            user=None, municipality=municipality, association=None, school_year=YEAR
        )
        with pytest.raises(ValidationError):
            services.pd_request_create(
                user=None, municipality=municipality, association=None, school_year=YEAR
            )

    def test_the_head_of_another_association_may_not_write(self, world, other_head):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            services.pd_request_lines_add(
                user=other_head,
                request=world["request"],
                lines=[services.ChosenLine(topic="Т", hours=1, places=1, source="manual")],
            )
