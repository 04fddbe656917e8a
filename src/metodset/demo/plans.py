"""Work plans, meetings and minutes of two school years, and passports on the portal, for
the demo.

Every active association gets a plan for last year (adopted at its first meeting and taken
through the steps its municipality's regulation names) with four minuted meetings; this
year's plan is copied from last year's, and its first meetings are held. Some associations
lag behind (no plan yet, unsigned minutes, a question without a decision) so the compliance
matrix shows the statuses a methodist meets in real life. Everything goes through the
plans and meetings services, so the demo obeys the same rules as the users.
"""

from __future__ import annotations

import datetime as dt
import random

from metodset.associations.models import Association, AssociationKind, Membership
from metodset.core.dates import SchoolYear
from metodset.meetings import services as meetings
from metodset.meetings.models import Meeting
from metodset.orgs.models import Organisation
from metodset.plans import services as plans
from metodset.plans.models import ItemForm, ItemStatus, Plan, PlanItem
from metodset.portal.services import passport_publish

# municipality slug -> (share of associations without a plan this year, of unsigned minutes)
LAG = {
    "rubtsovsk": (0.1, 0.1),
    "biysk-rayon": (0.3, 0.3),
    "kuznetsk": (0.05, 0.05),
    "vesyegonsk": (0.25, 0.2),
    "choya": (0.15, 0.25),
}
# municipality slug -> share of associations whose passport is on the public portal
PASSPORTS = {"rubtsovsk": 0.8, "biysk-rayon": 0.4, "kuznetsk": 0.9, "vesyegonsk": 0.5}
# Steps after adoption each municipality's regulation asks for (see regulations/presets/).
STEPS = {
    "vesyegonsk": ("agree",),
    "choya": ("approve",),
    "kuznetsk": ("approve", "publish"),
}
THEMES = [
    "Совершенствование профессиональной компетентности педагогов как условие "
    "повышения качества образования",
    "Формирование функциональной грамотности обучающихся в условиях обновлённых ФГОС",
    "Развитие профессионального мастерства педагогов через распространение лучших практик",
    "Повышение качества образования через внедрение современных образовательных технологий",
]
GOAL = "Создание условий для непрерывного профессионального развития педагогов."
PRIORITIES = "Реализация обновлённых ФГОС\nФункциональная грамотность\nНаставничество"
TASKS = (
    "Изучить нормативные документы и методические рекомендации\n"
    "Обобщить и распространить опыт работы педагогов\n"
    "Оказать методическую помощь молодым педагогам\n"
    "Организовать участие педагогов в профессиональных конкурсах"
)
# (month, day, topic of the meeting, further questions)
MEETINGS = [
    (
        9,
        10,
        "Об утверждении плана работы на {year} учебный год",
        ["О нормативных документах нового учебного года", "О темах самообразования педагогов"],
    ),
    (
        11,
        12,
        "Функциональная грамотность: итоги диагностики обучающихся",
        ["Об участии в муниципальном этапе конкурса «Педагог года»"],
    ),
    (
        1,
        21,
        "Обобщение опыта: приёмы смыслового чтения на уроке",
        ["О ходе аттестации педагогических работников", "О наставничестве"],
    ),
    (
        3,
        18,
        "Об итогах открытых уроков и мастер-классов",
        ["О подготовке к государственной итоговой аттестации"],
    ),
    (
        5,
        20,
        "Об итогах работы за {year} учебный год и задачах на следующий",
        ["О портфолио руководителя объединения", "О плане работы на следующий учебный год"],
    ),
]
OTHER_ITEMS = [
    (
        10,
        ItemForm.SEMINAR,
        "Семинар «Задания нового формата для оценки функциональной грамотности»",
    ),
    (12, ItemForm.MASTER_CLASS, "Мастер-класс «Цифровые инструменты формирующего оценивания»"),
    (2, ItemForm.OPEN_LESSON, "Открытые уроки молодых педагогов"),
    (4, ItemForm.ROUND_TABLE, "Круглый стол «Наставничество: итоги и перспективы»"),
]
DECISIONS = [
    "Принять информацию к сведению.",
    "Рекомендовать педагогам использовать представленный опыт в работе.",
    "Одобрить и рекомендовать к распространению.",
    "Руководителю объединения подготовить методические рекомендации до конца месяца.",
]
ABSENCE = ["болезнь", "курсы повышения квалификации", "командировка", "отпуск"]


def _day(year: SchoolYear, month: int, day: int) -> dt.date:
    return dt.date(year.start_year if month >= 9 else year.start_year + 1, month, day)


def plans_load(*, slugs: list[str], seed: int, today: dt.date) -> None:
    current = SchoolYear.of(today)
    for slug in slugs:
        rng = random.Random(f"{seed}-plans-{slug}")
        no_plan, unsigned = LAG.get(slug, (0.1, 0.1))
        venues = list(Organisation.objects.filter(municipality__slug=slug, is_venue=True))
        associations = (
            Association.objects.filter(municipality__slug=slug)
            .active()
            .exclude(kind=AssociationKind.SHMO)
            .select_related("municipality")
            .order_by("pk")
        )
        for index, association in enumerate(associations):
            # Spread evenly: the share of the municipality's passports, whatever the count.
            share = PASSPORTS.get(slug, 0.5)
            if int((index + 1) * share) > int(index * share):
                passport_publish(user=None, association=association)
            theme = rng.choice(THEMES)
            previous = _plan_year(
                rng,
                association,
                current.previous,
                today,
                theme=theme,
                slug=slug,
                unsigned=0,
                venues=venues,
            )
            if previous is None or rng.random() < no_plan:
                continue
            plan = plans.plan_copy_from_previous(
                user=None, association=association, school_year=current.start_year
            )
            # The head's next step after copying: the items name this year, not last year.
            for item in plan.items.filter(topic__contains=str(current.previous)):
                plans.plan_item_update(
                    user=None,
                    item=item,
                    data={"topic": item.topic.replace(str(current.previous), str(current))},
                )
            _hold_year(
                rng, association, plan, current, today, slug=slug, unsigned=unsigned, venues=venues
            )


def _plan_year(rng, association, year, today, *, theme, slug, unsigned, venues) -> Plan | None:
    if association.founded_on > year.starts_on:
        return None
    plan = plans.plan_create(
        user=None,
        association=association,
        school_year=year.start_year,
        theme=theme,
        goal=GOAL,
        priorities=PRIORITIES,
        tasks=TASKS,
    )
    for month, day, topic, _questions in MEETINGS:
        plans.plan_item_add(
            user=None,
            plan=plan,
            date=_day(year, month, day + rng.randint(-5, 5)),
            form=ItemForm.MEETING,
            topic=topic.format(year=year),
            responsible_note="руководитель объединения",
            expected_result="Протокол заседания",
        )
    for month, form, topic in OTHER_ITEMS:
        plans.plan_item_add(
            user=None,
            plan=plan,
            month=month,
            form=form,
            topic=topic,
            responsible_note="члены объединения",
            expected_result="Методические материалы",
        )
    _hold_year(rng, association, plan, year, today, slug=slug, unsigned=unsigned, venues=venues)
    return plan


def _hold_year(rng, association, plan, year, today, *, slug, unsigned, venues) -> None:
    """Hold the plan's meetings that are due, adopting the plan at the first one, and mark
    the other items of the months gone by."""
    for item in PlanItem.objects.filter(plan=plan, month__isnull=False, date__isnull=True):
        month_over = _day(year, item.month, 28) + dt.timedelta(days=4)
        if month_over >= today:
            continue
        roll = rng.random()
        if roll < 0.85:
            plans.plan_item_set_status(user=None, item=item, status=ItemStatus.DONE)
        elif roll < 0.95:
            plans.plan_item_set_status(
                user=None,
                item=item,
                status=ItemStatus.MOVED,
                reason="перенесено в связи с карантином",
            )
        else:
            plans.plan_item_set_status(
                user=None,
                item=item,
                status=ItemStatus.CANCELLED,
                reason="ведущий педагог на курсах повышения квалификации",
            )
    items = list(
        PlanItem.objects.filter(plan=plan, form=ItemForm.MEETING).order_by("sort_on", "pk")
    )
    for index, item in enumerate(items):
        _month, _day_of_month, _topic, questions = MEETINGS[index % len(MEETINGS)]
        if item.date is None or item.date >= today:
            continue
        chair = meetings.default_chair(association, item.date)
        if chair is None:  # no head that day: the longest-standing member chairs
            first = (
                Membership.objects.in_force(item.date)
                .filter(association=association)
                .select_related("teacher")
                .order_by("joined_on", "pk")
                .first()
            )
            if first is None:
                continue
            chair = first.teacher
        meeting = plans.plan_item_meeting_create(
            user=None,
            item=item,
            date=item.date,
            starts_at=dt.time(15, 0),
            chair=chair,
            venue=rng.choice(venues) if venues else None,
        )
        _minute(rng, meeting, questions)
        lagging = rng.random() < unsigned
        if lagging and rng.random() < 0.5:
            last = meeting.agenda.order_by("-position").first()
            meetings.agenda_item_update(user=None, item=last, data={"decision": ""})
        if not lagging:
            meetings.minutes_sign(user=None, meeting=meeting)
        if index == 0:
            _adopt(rng, plan, meeting, slug, full=year.ends_on < today)


def _minute(rng, meeting: Meeting, questions: list[str]) -> None:
    members = list(
        Membership.objects.in_force(meeting.date)
        .filter(association_id=meeting.association_id)
        .select_related("teacher")
        .order_by("teacher__last_name")
    )
    marks = {}
    for membership in members:
        # The chair is there; others miss a meeting now and then.
        present = membership.teacher_id == meeting.chair_id or rng.random() < 0.85
        marks[membership.teacher_id] = (present, "" if present else rng.choice(ABSENCE))
    meetings.attendance_record(user=None, meeting=meeting, marks=marks)
    present = [m.teacher for m in members if marks[m.teacher_id][0]]
    chair = meeting.chair
    if present and meeting.secretary is None:
        secretary = next((t for t in present if t != chair), None)
        if secretary is not None:
            meetings.meeting_update(user=None, meeting=meeting, data={"secretary": secretary})
    speaker = chair.short_name if chair else (present[0].short_name if present else "")

    def record(who: str) -> dict:
        return {
            "speakers": who,
            "discussion": f"{speaker}, члены объединения." if rng.random() < 0.6 else "",
            "decision": rng.choice(DECISIONS),
        }

    def someone() -> str:
        return rng.choice(present).short_name if present else speaker

    first = meeting.agenda.get()  # the plan item's topic
    data = record(speaker)
    if meeting.number == 1:  # the first meeting of the year adopts the plan
        data["decision"] = f"Принять план работы объединения на {meeting.year} учебный год."
    meetings.agenda_item_update(user=None, item=first, data=data)
    for title in questions:
        meetings.agenda_item_add(user=None, meeting=meeting, title=title, **record(someone()))


def _adopt(rng, plan: Plan, meeting: Meeting, slug: str, *, full: bool) -> None:
    decision = meeting.agenda.order_by("position").first()
    if not decision.decision:
        return
    plan = plans.plan_adopt(user=None, plan=plan, decision=decision)
    steps = STEPS.get(slug, ())
    # Last year's plans went through every step; this year's are on their way.
    for step in steps:
        if not full and rng.random() < 0.3:
            break
        if step == "agree":
            plans.plan_agree(user=None, plan=plan)
        elif step == "approve":
            plans.plan_approve(user=None, plan=plan)
        elif step == "publish":
            plans.plan_publish(user=None, plan=plan)
