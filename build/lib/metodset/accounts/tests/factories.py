import factory

from metodset.accounts.models import Role, User
from metodset.core.tests.factories import MunicipalityFactory

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.ru")
    last_name = "Иванова"
    first_name = "Мария"
    patronymic = "Петровна"
    role = Role.TEACHER
    municipality = factory.SubFactory(MunicipalityFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()
