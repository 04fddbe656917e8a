import datetime as dt

import factory

from metodset.associations.tests.factories import AssociationFactory
from metodset.surveys.models import Audience, Survey, SurveyKind, SurveyStatus


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    association = factory.SubFactory(AssociationFactory)
    municipality = factory.SelfAttribute("association.municipality")
    title = factory.Sequence(lambda n: f"Удовлетворённость работой ММО {n}")
    kind = SurveyKind.SATISFACTION
    audience = Audience.ASSOCIATION
    opens_on = dt.date(2025, 11, 10)
    closes_on = dt.date(2025, 11, 30)
    status = SurveyStatus.DRAFT
