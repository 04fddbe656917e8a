import datetime as dt

import factory

from metodset.acts.models import Order, OrderKind
from metodset.core.tests.factories import MunicipalityFactory


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    municipality = factory.SubFactory(MunicipalityFactory)
    number = factory.Sequence(lambda n: f"{n + 1}-о")
    date = dt.date(2024, 8, 20)
    issuer = factory.LazyAttribute(lambda o: o.municipality.authority_name)
    kind = OrderKind.OTHER
    title = "О методической работе"
