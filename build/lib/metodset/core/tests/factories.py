import factory

from metodset.core.models import Municipality, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Регион {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Муниципалитет {n}")
    slug = factory.Sequence(lambda n: f"m{n}")
    authority_name = factory.LazyAttribute(lambda o: f"Управление образования {o.name}")
    service_name = "Районный методический кабинет"
