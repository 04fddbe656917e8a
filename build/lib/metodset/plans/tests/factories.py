import datetime as dt

import factory

from metodset.associations.tests.factories import AssociationFactory
from metodset.plans.models import ItemForm, Plan, PlanItem


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    association = factory.SubFactory(AssociationFactory)
    municipality = factory.SelfAttribute("association.municipality")
    school_year = 2025
    theme = "Профессиональная компетентность педагога как условие качества образования"
    goal = "Совершенствование методического мастерства педагогов."
    priorities = "Обновлённые ФГОС\nФункциональная грамотность"
    tasks = "Изучить нормативные документы\nОбобщить опыт педагогов"


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(PlanFactory)
    date = dt.date(2025, 10, 15)
    form = ItemForm.SEMINAR
    topic = factory.Sequence(lambda n: f"Семинар «Функциональная грамотность», часть {n}")
    expected_result = "Методические рекомендации"
