import factory

from metodset.consultations.models import Asker, ConsultationRequest, Source
from metodset.privacy.tests.texts import consent_text


class RequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationRequest

    source = Source.PORTAL
    asker = Asker.PARENT
    name = "Родителева Анна"
    email = factory.Sequence(lambda n: f"parent{n}@example.org")
    topic = factory.Sequence(lambda n: f"Вопрос об адаптации {n}")
    question = "Как помочь ребёнку?"
    consent_text = factory.LazyFunction(lambda: consent_text("consultation"))
    consent_at = factory.LazyFunction(
        lambda: __import__("django.utils.timezone").utils.timezone.now()
    )
