"""Two school years of methodical activity for the demo: events with attendance, the
municipal competitions and olympiads of the orders with their results, PD courses (with the
region's own providers and federal ones), attestations, diagnostics, ИОМ, mentoring and
regional methodists.

Each municipality gets its own level of activity, rising from last year to this one in some
places and falling in others, so the indicator dashboards show different, plausible numbers
and dynamics. Written in bulk; every kind of row is validated with full_clean on a sample.
"""

from __future__ import annotations

import datetime as dt
import random
import re

from django.utils import timezone

from metodset.acts.models import Order, OrderKind
from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.core.dates import SchoolYear, years_ago, years_later
from metodset.events.attendance import attendance_recount
from metodset.events.models import (
    CompetitionEntry,
    Event,
    EventForm,
    EventLevel,
    Nomination,
    Outcome,
    Participation,
    StudentResult,
)
from metodset.growth.models import (
    Attestation,
    Diagnostic,
    Mentoring,
    PDCourse,
    RegionalMethodistStatus,
    Route,
    RouteStatus,
)
from metodset.orgs.models import Organisation, OrganisationKind
from metodset.people.models import Teacher

from . import data as D
from . import topics

# municipality slug -> (activity last year, activity this year): shares in 0..1
LEVELS = {
    "rubtsovsk": (0.55, 0.7),
    "biysk-rayon": (0.45, 0.4),
    "kuznetsk": (0.6, 0.75),
    "vesyegonsk": (0.35, 0.5),
    "choya": (0.5, 0.45),
}
TOPICS = [
    ("seminar", "Функциональная грамотность: задания нового формата"),
    ("master_class", "Приёмы смыслового чтения на уроке"),
    ("round_table", "Наставничество: первый год молодого педагога"),
    ("open_lesson", "Открытое занятие: проектная деятельность"),
    ("remote_seminar", "Цифровые образовательные ресурсы в работе педагога"),
    ("author_seminar", "Авторская программа дополнительного образования"),
    ("consultation", "Подготовка к аттестации: портфолио педагога"),
]
# municipal competitions of the orders (the name in «»): their nominations
CONTESTS = {
    "Учитель года России": ("Учитель года", "Педагогический дебют"),
    "Сердце отдаю детям": (
        "Техническая направленность",
        "Художественная направленность",
        "Социально-гуманитарная направленность",
    ),
    "Педагогический дебют": ("Молодой учитель", "Молодой воспитатель"),
    "Педагог года": ("Учитель года", "Воспитатель года"),
}
YOUNG = ("дебют", "Молодой")
PROGRAMS = [
    "Реализация требований обновлённых ФГОС",
    "Формирование функциональной грамотности обучающихся",
    "Школа современного учителя",
    "Наставничество в образовательной организации",
    "Цифровая трансформация образования",
]
INSTRUMENTS = [
    "ЕФОМ «Диагностика профессиональных компетенций»",
    "Региональная диагностика предметных компетенций",
]
DEFICITS = [
    "формирующее оценивание",
    "работа с детьми с ОВЗ",
    "цифровые инструменты",
    "проектная деятельность",
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _date_in(rng: random.Random, year: SchoolYear, until: dt.date) -> dt.date:
    end = min(year.ends_on, until)
    return year.starts_on + dt.timedelta(days=rng.randint(0, max((end - year.starts_on).days, 0)))


def _providers(slug: str) -> list[str]:
    """PD providers of the municipality's own region (twice as likely), and federal ones."""
    spec = next((m for m in D.MUNICIPALITIES if m.slug == slug), None)
    regional = list(D.REGIONS[spec.region].providers) if spec else []
    return regional * 2 + list(D.FEDERAL_PROVIDERS)


def activity_load(*, slugs: list[str], seed: int, today: dt.date) -> None:
    current = SchoolYear.of(today)
    years = [current.previous, current]
    for slug in slugs:
        rng = random.Random(f"{seed}-{slug}")
        providers = _providers(slug)
        levels = LEVELS.get(slug, (0.5, 0.5))
        associations = list(
            Association.objects.filter(municipality__slug=slug)
            .active()
            .select_related("municipality")
        )
        if not associations:
            continue
        municipality = associations[0].municipality
        teachers = list(Teacher.objects.working_in(municipality))
        events, participations = [], []
        courses, attestations, diagnostics, routes, mentoring, statuses = [], [], [], [], [], []
        for year, level in zip(years, levels, strict=True):
            for association in associations:
                members = list(
                    Membership.objects.during(year.starts_on, year.ends_on)
                    .filter(association=association)
                    .values_list("teacher_id", flat=True)
                )
                for _ in range(rng.randint(2, 3)):
                    form, topic = rng.choice(TOPICS)
                    day = _date_in(rng, year, today + dt.timedelta(days=40))
                    event = Event(
                        municipality=municipality,
                        association=association,
                        level=EventLevel.MUNICIPAL,
                        form=form,
                        title=f"{topic}",
                        starts_at=_at(day, 14),
                        ends_at=_at(day, 16),
                        online_url="https://example.org/webinar"
                        if form == "remote_seminar"
                        else "",
                        capacity=40,
                    )
                    events.append(event)
                    held = day < today
                    for teacher_id in members:
                        if rng.random() < level:
                            participations.append(
                                Participation(
                                    event=event,
                                    teacher_id=teacher_id,
                                    attended=(rng.random() < 0.85) if held else None,
                                )
                            )
            for teacher in teachers:
                if rng.random() < level * 0.6:
                    diagnostic_day = _date_in(rng, year, today)
                    diagnostics.append(
                        Diagnostic(
                            teacher=teacher,
                            date=diagnostic_day,
                            instrument=rng.choice(INSTRUMENTS),
                            result=f"{rng.randint(45, 95)} %",
                            deficits="\n".join(rng.sample(DEFICITS, 2)),
                        )
                    )
                    if rng.random() < 0.6:
                        start = diagnostic_day + dt.timedelta(days=rng.randint(10, 60))
                        if start < today:
                            courses.append(
                                PDCourse(
                                    teacher=teacher,
                                    program=rng.choice(PROGRAMS),
                                    provider=rng.choice(providers),
                                    hours=rng.choice([16, 24, 36, 72]),
                                    starts_on=start,
                                    ends_on=min(start + dt.timedelta(days=14), today),
                                    in_federal_registry=rng.random() < 0.7,
                                    after_diagnostics=True,
                                )
                            )
                    if rng.random() < 0.7:
                        done = year.ends_on < today and rng.random() < 0.75
                        routes.append(
                            Route(
                                teacher=teacher,
                                school_year=year.start_year,
                                title="ИОМ: устранение профессиональных дефицитов",
                                status=RouteStatus.COMPLETED if done else RouteStatus.ACTIVE,
                                completed_on=min(year.ends_on - dt.timedelta(days=30), today)
                                if done
                                else None,
                            )
                        )
        # Heads renew their qualification every three years (rule 000 §3.3) — most of them.
        for head in (
            HeadAppointment.objects.filter(association__in=associations)
            .select_related("teacher")
            .distinct()
        ):
            if rng.random() < 0.8:
                start = today - dt.timedelta(days=rng.randint(60, 900))
                courses.append(
                    PDCourse(
                        teacher=head.teacher,
                        program=rng.choice(PROGRAMS),
                        provider=rng.choice(providers),
                        hours=72,
                        starts_on=start,
                        ends_on=start + dt.timedelta(days=20),
                        in_federal_registry=True,
                        after_diagnostics=False,
                    )
                )
        for teacher in teachers:
            if teacher.category_assigned_on and teacher.category in ("highest", "first"):
                attestations.append(
                    Attestation(
                        teacher=teacher,
                        category=teacher.category,
                        assigned_on=teacher.category_assigned_on,
                        expires_on=years_later(teacher.category_assigned_on, 5),
                    )
                )
        young = [
            t
            for t in teachers
            if t.birth_date > years_ago(today, 35) or t.teaching_since > years_ago(today, 3)
        ]
        seniors = [t for t in teachers if t.category == "highest"]
        for teacher in young:
            if seniors and rng.random() < sum(levels) / 2 + 0.1:
                mentor = rng.choice([s for s in seniors if s.pk != teacher.pk] or seniors)
                if mentor.pk != teacher.pk:
                    mentoring.append(
                        Mentoring(
                            teacher=teacher, mentor=mentor, starts_on=current.previous.starts_on
                        )
                    )
        for teacher in rng.sample(seniors, min(len(seniors), max(1, len(teachers) // 40))):
            statuses.append(
                RegionalMethodistStatus(
                    teacher=teacher,
                    starts_on=current.previous.starts_on,
                    basis="приказ регионального института",
                )
            )

        for sample in (
            events[:1],
            participations[:1],
            courses[:1],
            attestations[:1],
            diagnostics[:1],
            routes[:1],
            mentoring[:1],
            statuses[:1],
        ):
            for obj in sample:
                obj.full_clean(
                    exclude=["event", "teacher", "mentor"],
                    validate_unique=False,
                    validate_constraints=False,
                )
        contests = Contests(random.Random(f"{seed}-contests-{slug}"), municipality, today)
        contests.plan(associations, teachers)
        events += contests.events
        Event.objects.bulk_create(events, batch_size=500)
        contests.save()
        Participation.objects.bulk_create(participations, batch_size=1000)
        attendance_recount({p.teacher_id for p in participations})  # bulk: no service saw it
        for model, rows in (
            (PDCourse, courses),
            (Attestation, attestations),
            (Diagnostic, diagnostics),
            (Route, routes),
            (Mentoring, mentoring),
            (RegionalMethodistStatus, statuses),
        ):
            model.objects.bulk_create(rows, batch_size=1000)


class Contests:
    """Professional competitions of the municipality's orders with nominations, entries and
    results; the municipal stage of the students' olympiad by subject association (student
    competitions where the association is one of additional education) with results by
    school and grade. Held ones have their results; those to come, entries only."""

    def __init__(self, rng: random.Random, municipality, today: dt.date):
        self.rng, self.municipality, self.today = rng, municipality, today
        self.events: list[Event] = []
        self.nominations: list[tuple[Event, str, list[tuple[Teacher, object]]]] = []
        self.results: list[tuple[Event, list[dict]]] = []

    def plan(self, associations, teachers) -> None:
        orders = Order.objects.filter(
            municipality=self.municipality, kind=OrderKind.OTHER
        ).order_by("date", "pk")
        membership = dict(
            Membership.objects.current()
            .filter(association__in=associations)
            .order_by("joined_on")
            .values_list("teacher_id", "association_id")
        )
        by_id = {a.pk: a for a in associations}
        for order in orders:
            if "конкурс" in order.title:
                self._competition(order, teachers, membership, by_id)
            elif order.title.startswith(D.OLYMPIAD_ORDER.split("{", 1)[0]):
                self._olympiads(order, associations)

    def _competition(self, order, teachers, membership, by_id) -> None:
        rng = self.rng
        found = re.search(r"«([^»]+)»", order.title)
        if not found:
            return
        name = found.group(1)
        stage = "этап" in order.title
        title = f"Муниципальный {'этап конкурса' if stage else 'конкурс'} «{name}»"
        day = order.date + dt.timedelta(days=rng.randint(21, 35))
        event = Event(
            municipality=self.municipality,
            level=EventLevel.MUNICIPAL,
            form=EventForm.COMPETITION,
            title=f"{title} — {day.year}",
            description=(
                f"Проводится в соответствии с приказом от {order.date:%d.%m.%Y} "
                f"№ {order.number} «{order.title}»."
            ),
            starts_at=_at(day, 10),
            ends_at=_at(day + dt.timedelta(days=2), 16),
        )
        self.events.append(event)
        taken: set[int] = set()
        for nomination in CONTESTS.get(name, ("Основная номинация",)):
            pool = [t for t in teachers if t.pk not in taken and _fits(t, nomination, day)]
            pool = pool or [t for t in teachers if t.pk not in taken]
            chosen = rng.sample(pool, min(len(pool), rng.randint(3, 6)))
            taken.update(t.pk for t in chosen)
            entries = [(t, by_id.get(membership.get(t.pk))) for t in chosen]
            self.nominations.append((event, nomination, entries))

    def _olympiads(self, order, associations) -> None:
        rng = self.rng
        year = SchoolYear.of(order.date)
        specs = topics.association_specs(self.municipality.slug)
        schools = list(
            Organisation.objects.filter(
                municipality=self.municipality, kind=OrganisationKind.SCHOOL
            )
        )
        houses = schools + list(
            Organisation.objects.filter(
                municipality=self.municipality, kind=OrganisationKind.ADDITIONAL
            )
        )
        for association in associations:
            spec = specs.get(association.name)
            tracks = spec.tracks if spec else frozenset()
            if tracks & set(topics.LESSONS) and schools:
                form, where = EventForm.STUDENT_OLYMPIAD, schools
                title = f"Муниципальный этап всероссийской олимпиады школьников: {association.area}"
                day = dt.date(year.start_year, 11, 8) + dt.timedelta(days=rng.randint(0, 34))
                grades = (4,) if tracks == {"primary"} else (7, 8, 9, 10, 11)
            elif any(t.startswith("do_") for t in tracks) and houses:
                form, where = EventForm.STUDENT_COMPETITION, houses
                title = f"Муниципальный конкурс творческих работ обучающихся: {association.area}"
                day = dt.date(year.start_year + 1, 2, 1) + dt.timedelta(days=rng.randint(0, 70))
                grades = (3, 5, 7, 9)
            else:
                continue
            event = Event(
                municipality=self.municipality,
                association=association,
                level=EventLevel.MUNICIPAL,
                form=form,
                title=title,
                description=f"Приказ от {order.date:%d.%m.%Y} № {order.number}.",
                starts_at=_at(day, 10),
                ends_at=_at(day, 15),
            )
            self.events.append(event)
            if day >= self.today:
                continue  # results come after the event
            rows = []
            for school in rng.sample(where, min(len(where), rng.randint(2, 5))):
                for grade in rng.sample(grades, min(len(grades), rng.randint(1, 3))):
                    participants = rng.randint(1, 12)
                    winners = int(rng.random() < 0.3)
                    prize = min(rng.randint(0, 3), participants - winners)
                    rows.append(
                        {
                            "organisation": school,
                            "grade": grade,
                            "participants": participants,
                            "winners": winners,
                            "prize_winners": prize,
                        }
                    )
            self.results.append((event, rows))

    def save(self) -> None:
        """After the events are saved: their nominations, entries and results."""
        nominations = [Nomination(event=e, name=name) for e, name, _entries in self.nominations]
        Nomination.objects.bulk_create(nominations)
        entries = []
        for nomination, (event, _name, chosen) in zip(nominations, self.nominations, strict=True):
            held = event.ends_at.date() < self.today
            for n, (teacher, association) in enumerate(chosen):
                outcome = ""
                if held:
                    outcome = (
                        Outcome.WINNER
                        if n == 0
                        else Outcome.PRIZE_WINNER
                        if n <= 2
                        else Outcome.PARTICIPANT
                    )
                entries.append(
                    CompetitionEntry(
                        nomination=nomination,
                        teacher=teacher,
                        nominated_by=association,
                        outcome=outcome,
                    )
                )
        results = [
            StudentResult(event=event, **row) for event, rows in self.results for row in rows
        ]
        for row in results[:3]:
            row.full_clean(exclude=["event"], validate_constraints=False)
        CompetitionEntry.objects.bulk_create(entries)
        StudentResult.objects.bulk_create(results)


def _fits(teacher: Teacher, nomination: str, day: dt.date) -> bool:
    position = teacher.position
    if any(word in nomination for word in YOUNG) and teacher.teaching_since < years_ago(day, 5):
        return False
    if "Воспитатель" in nomination:
        return "воспитатель" in position
    if "направленность" in nomination:
        return "дополнительного образования" in position
    if "учитель" in nomination.lower():
        return "учитель" in position
    return True
