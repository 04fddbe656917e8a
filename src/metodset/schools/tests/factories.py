import datetime as dt
from decimal import Decimal

import factory

from metodset.people.models import Subject
from metodset.schools.models import (
    ObservationCriterion,
    Procedure,
    Result,
    RiskCriterion,
    SupportPlan,
    Visit,
)


def subject(name: str) -> Subject:
    return Subject.objects.get_or_create(name=name, municipality=None)[0]


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    organisation = factory.SubFactory("metodset.orgs.tests.factories.OrganisationFactory")
    municipality = factory.SelfAttribute("organisation.municipality")
    subject = factory.LazyFunction(lambda: subject("Математика"))
    grade = 5
    school_year = 2024
    procedure = Procedure.VPR
    mean_score = Decimal("3.60")
    fail_share = Decimal("10.00")
    top_share = Decimal("20.00")
    participants = 50


class RiskCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskCriterion

    municipality = factory.SubFactory("metodset.core.tests.factories.MunicipalityFactory")
    name = "Низкие результаты"
    kind = "fail_share"
    threshold = Decimal("15")
    years = 1


class SupportPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportPlan

    organisation = factory.SubFactory("metodset.orgs.tests.factories.OrganisationFactory")
    municipality = factory.SelfAttribute("organisation.municipality")
    school_year = 2025


class ObservationCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObservationCriterion

    municipality = factory.SubFactory("metodset.core.tests.factories.MunicipalityFactory")
    name = factory.Sequence(lambda n: f"Критерий {n}")
    position = factory.Sequence(lambda n: n)
    max_score = 2


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    plan = factory.SubFactory(SupportPlanFactory)
    municipality = factory.SelfAttribute("plan.municipality")
    date = dt.date(2025, 11, 10)
    visitor = factory.SubFactory(
        "metodset.accounts.tests.factories.UserFactory",
        role="methodist",
        municipality=factory.SelfAttribute("..municipality"),
    )
    purpose = "Методическая помощь"


def mentoring_pair(school, *, mentor_school=None, **teacher):
    """A pair whose mentee works at `school` (the mentor too, unless `mentor_school`)."""
    from metodset.growth.models import Mentoring
    from metodset.people.tests.factories import TeacherFactory

    return Mentoring.objects.create(
        teacher=TeacherFactory(organisation=school, **teacher),
        mentor=TeacherFactory(organisation=mentor_school or school),
        starts_on=dt.date(2025, 9, 1),
    )


def planned_course(municipality, *, year: int = 2025, title: str = "Функциональная грамотность"):
    from metodset.pdorders.models import PlannedCourse

    return PlannedCourse.objects.create(
        municipality=municipality,
        title=title,
        provider="ИРО",
        hours=36,
        starts_on=dt.date(year, 10, 1),
        ends_on=dt.date(year, 10, 20),
        places=20,
    )
