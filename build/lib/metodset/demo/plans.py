"""Work plans, meetings and minutes of two school years, and passports on the portal, for
the demo.

Every active association gets a plan for last year (adopted at its first meeting and taken
through the steps its municipality's regulation names) with five minuted meetings; its theme
and items are in the words of the association's area. This year's plan is mostly copied
from last year's (which stays as it was: the copy gets this year's meeting topics and other
items of its own), sometimes composed anew, and its first meetings are held. Some associations
lag behind (no plan yet, unsigned minutes, a question without a decision) so the compliance
matrix shows the statuses a methodist meets in real life. Everything goes through the
plans and meetings services (a new plan's items in one insert), so the demo obeys the same
rules as the users; demo/chronology.py then dates each step on its day.
"""

from __future__ import annotations

import datetime as dt
import random

from simple_history.utils import bulk_create_with_history

from metodset.associations.models import Association, AssociationKind, Membership
from metodset.core.dates import SchoolYear
from metodset.meetings import services as meetings
from metodset.meetings.models import Meeting
from metodset.orgs.models import Organisation
from metodset.plans import services as plans
from metodset.plans.models import ItemForm, ItemStatus, Plan, PlanItem
from metodset.portal.services import passport_publish

from . import topics

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
GOAL = "Создание условий для непрерывного профессионального развития педагогов."
PRIORITIES = "Реализация обновлённых ФГОС\nФункциональная грамотность\nНаставничество"
TASKS = (
    "Изучить нормативные документы и методические рекомендации\n"
    "Обобщить и распространить опыт работы педагогов\n"
    "Оказать методическую помощь молодым педагогам\n"
    "Организовать участие педагогов в профессиональных конкурсах"
)
FIRST_MEETING = "Об утверждении плана работы на {year} учебный год"
LAST_MEETING = "Об итогах работы за {year} учебный год и задачах на следующий"
# (month, day) of the five meetings and the further questions of each
MEETINGS = [
    (9, 10, ["О нормативных документах нового учебного года", "О темах самообразования педагогов"]),
    (11, 12, ["Об участии в муниципальном этапе конкурса «Педагог года»"]),
    (1, 21, ["О ходе аттестации педагогических работников", "О наставничестве"]),
    (3, 18, ["О подготовке к государственной итоговой аттестации"]),
    (5, 20, ["О портфолио руководителя объединения", "О плане работы на следующий учебный год"]),
]
OTHER_MONTHS = [10, 12, 2, 4]
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
        specs = topics.association_specs(slug)
        themes: dict[int, set[str]] = {
            current.previous.start_year: set(),
            current.start_year: set(),
        }
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
            spec = specs.get(association.name)
            theme = topics.plan_theme(
                rng, association.name, spec, themes[current.previous.start_year]
            )
            previous = _plan_year(rng, association, current.previous, today, theme=theme, spec=spec)
            if previous is not None:
                _hold_year(
                    rng,
                    association,
                    previous,
                    current.previous,
                    today,
                    slug=slug,
                    unsigned=0,
                    venues=venues,
                )
            if previous is None or rng.random() < no_plan:
                continue
            used = themes[current.start_year]
            if rng.random() < 0.7:
                plan = _copy(rng, association, previous, current, spec, used)
            else:  # a new theme and a plan of its own, not a copy
                theme = topics.plan_theme(rng, association.name, spec, used)
                plan = _plan_year(rng, association, current, today, theme=theme, spec=spec)
            _hold_year(
                rng, association, plan, current, today, slug=slug, unsigned=unsigned, venues=venues
            )


def _topics(rng, year: SchoolYear, spec, avoid: set[str] = frozenset()) -> list[tuple]:
    """(date, month, form, topic, meeting questions) of a year's plan: five meetings and four
    other items, in the words of the association's area; `avoid` are last year's topics."""
    themes = topics.area_themes(spec)
    taken = set(avoid)

    def pick(templates: list) -> tuple:
        """A template with one of the area's themes, giving a topic not taken yet."""
        rng.shuffle(templates)
        for template in templates:
            text = template[-1] if isinstance(template, tuple) else template
            for theme in rng.sample(themes, len(themes)):
                topic = text.replace("{theme}", topics.lower_first(theme))
                if topic not in taken:
                    taken.add(topic)
                    templates.remove(template)
                    return template, topic
        template = templates.pop()  # every combination taken: repeat one
        return template, (template[-1] if isinstance(template, tuple) else template)

    middle = list(topics.MEETING_TOPICS)
    rows = []
    for n, (month, day, questions) in enumerate(MEETINGS):
        if n == 0:
            topic = FIRST_MEETING.format(year=year)
        elif n == len(MEETINGS) - 1:
            topic = LAST_MEETING.format(year=year)
        else:
            _template, topic = pick(middle)
        date = _day(year, month, day + rng.randint(-5, 5))
        rows.append((date, None, ItemForm.MEETING, topic, questions))
    others = list(topics.OTHER_TOPICS)
    for month in OTHER_MONTHS:
        (form, _text), topic = pick(others)
        rows.append((None, month, form, topic, None))
    return rows


def _plan_year(rng, association, year, today, *, theme, spec) -> Plan | None:
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
    items = []
    for date, month, form, topic, _questions in _topics(rng, year, spec):
        meeting = form == ItemForm.MEETING
        item = PlanItem(
            plan=plan,
            date=date,
            month=month,
            form=form,
            topic=topic,
            responsible_note="руководитель объединения" if meeting else "члены объединения",
            expected_result="Протокол заседания" if meeting else "Методические материалы",
        )
        item.full_clean()
        items.append(item)
    # One INSERT for the items of a draft, and one for their history (plan_item_add each).
    bulk_create_with_history(items, PlanItem)
    return plan


def _copy(rng, association, previous: Plan, year: SchoolYear, spec, used: set[str]) -> Plan:
    """This year's plan started from last year's, which stays as it was: the head gives the
    meetings this year's topics, replaces the other items by new ones, and may change the
    theme."""
    plan = plans.plan_copy_from_previous(
        user=None, association=association, school_year=year.start_year
    )
    if rng.random() < 0.4 or plan.theme in used:
        theme = topics.plan_theme(rng, association.name, spec, used)
        plans.plan_update(user=None, plan=plan, data={"theme": theme})
    else:
        used.add(plan.theme)  # a theme of several years
    avoid = set(previous.items.values_list("topic", flat=True))
    own = _topics(rng, year, spec, avoid=avoid)
    own_meetings = [row for row in own if row[2] == ItemForm.MEETING]
    copied = list(plan.items.order_by("sort_on", "pk"))
    copied_meetings = [i for i in copied if i.form == ItemForm.MEETING]
    for item, (_date, _month, _form, topic, _q) in zip(copied_meetings, own_meetings, strict=False):
        plans.plan_item_update(user=None, item=item, data={"topic": topic})
    for item in copied:
        if item.form != ItemForm.MEETING:
            plans.plan_item_delete(user=None, item=item)
    for _date, month, form, topic, _q in own:
        if form != ItemForm.MEETING:
            plans.plan_item_add(
                user=None,
                plan=plan,
                month=month,
                form=form,
                topic=topic,
                responsible_note="члены объединения",
                expected_result="Методические материалы",
            )
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
        _month, _day_of_month, questions = MEETINGS[index % len(MEETINGS)]
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
