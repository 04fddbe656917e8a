import datetime as dt

import factory

from metodset.core.tests.factories import MunicipalityFactory
from metodset.orgs.models import AuthorityHead, Organisation, OrganisationKind


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = OrganisationKind.SCHOOL
    name = factory.Sequence(lambda n: f"МБОУ «Средняя общеобразовательная школа № {n}»")
    short_name = factory.Sequence(lambda n: f"СОШ № {n}")
    address = "ул. Ленина, 1"


class AuthorityHeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuthorityHead

    municipality = factory.SubFactory(MunicipalityFactory)
    position = "Начальник управления образования"
    last_name = "Борисова"
    first_name = "Людмила"
    patronymic = "Алексеевна"
    starts_on = dt.date(2020, 9, 1)
    ends_on = None


def authority_terms(municipality) -> tuple[AuthorityHead, AuthorityHead]:
    """Соколов И.П., «Начальник управления образования», until 31.08.2023; then Борисова
    Л.А., «Начальник отдела образования», from 01.09.2023."""
    before = AuthorityHeadFactory(
        municipality=municipality,
        last_name="Соколов",
        first_name="Игорь",
        patronymic="Петрович",
        starts_on=dt.date(2018, 9, 1),
        ends_on=dt.date(2023, 8, 31),
    )
    now = AuthorityHeadFactory(
        municipality=municipality,
        position="Начальник отдела образования",
        starts_on=dt.date(2023, 9, 1),
    )
    return before, now
