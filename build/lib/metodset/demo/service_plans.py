"""The methodical service's own work plan behind the demo's orders «Об утверждении плана
работы муниципальной методической службы» (004 §4.1), for the last and the current school
year: composed by the methodist, adopted by a decision of the methodical council where one
was held before the order, and approved by that order. Through the plans services."""

from __future__ import annotations

import datetime as dt

from metodset.acts.models import Order, OrderKind
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.plans import services as plans
from metodset.plans.models import ItemForm, ItemStatus, Plan, PlanOwner
from metodset.plans.selectors import adoption_choices

TITLE = "Об утверждении плана работы муниципальной методической службы"
THEME = "Методическое сопровождение профессионального развития педагогических работников"
# (month, form, topic)
ITEMS = [
    (9, ItemForm.MEETING, "Заседание методического совета: утверждение планов объединений"),
    (10, ItemForm.SEMINAR, "Семинар для руководителей методических объединений"),
    (11, ItemForm.CONSULTATION, "Консультации по аттестации педагогических работников"),
    (12, ItemForm.CONFERENCE, "Муниципальная педагогическая конференция"),
    (2, ItemForm.COMPETITION, "Муниципальный этап конкурса «Учитель года»"),
    (3, ItemForm.ROUND_TABLE, "Круглый стол по наставничеству"),
    (4, ItemForm.MASTER_CLASS, "Мастер-классы победителей профессиональных конкурсов"),
    (5, ItemForm.MEETING, "Заседание методического совета: итоги учебного года"),
]


def service_plans_load(*, slugs: list[str], today: dt.date) -> None:
    for municipality in Municipality.objects.filter(slug__in=slugs).order_by("pk"):
        orders = Order.objects.filter(
            municipality=municipality, kind=OrderKind.PLAN, title__startswith=TITLE
        ).order_by("date")
        for order in orders:
            year = SchoolYear.of(order.date + dt.timedelta(days=7))  # late August: the next year
            if Plan.objects.filter(
                municipality=municipality, owner=PlanOwner.SERVICE, school_year=year.start_year
            ).exists():
                continue
            _plan(municipality, year, order, today)


def _plan(municipality, year: SchoolYear, order: Order, today: dt.date) -> Plan:
    plan = plans.plan_create(
        user=None,
        municipality=municipality,
        school_year=year.start_year,
        theme=THEME,
        goal="Создание условий для непрерывного профессионального развития педагогов.",
    )
    for month, form, topic in ITEMS:
        plans.plan_item_add(
            user=None, plan=plan, month=month, form=form, topic=topic, responsible_note="методист"
        )
    for item in plan.items.all():
        if item.sort_on < today:
            plans.plan_item_set_status(user=None, item=item, status=ItemStatus.DONE)
    # The council's decision before the order's date adopts it; then the order approves it.
    decision = (
        adoption_choices(plan).filter(meeting__date__lte=order.date).order_by("-meeting__date")
    ).first()
    if decision is not None:
        plans.plan_adopt(user=None, plan=plan, decision=decision)
        plans.plan_approve(user=None, plan=plan, order=order)
    return plan
