import datetime as dt

import factory

from metodset.associations.tests.factories import AssociationFactory
from metodset.portal.models import Passport


class PassportFactory(factory.django.DjangoModelFactory):
    """A published passport; pass published_at=None for one that was withdrawn."""

    class Meta:
        model = Passport

    association = factory.SubFactory(AssociationFactory)
    published_at = dt.datetime(2025, 10, 1, 9, 0, tzinfo=dt.UTC)
