import factory

from metodset.core.tests.factories import MunicipalityFactory
from metodset.orgs.models import Organisation, OrganisationKind


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = OrganisationKind.SCHOOL
    name = factory.Sequence(lambda n: f"МБОУ «Средняя общеобразовательная школа № {n}»")
    short_name = factory.Sequence(lambda n: f"СОШ № {n}")
    address = "ул. Ленина, 1"
