"""Two school years of methodical activity for the demo: events with attendance, PD courses,
attestations, diagnostics, ИОМ, mentoring and regional methodists.

Each municipality gets its own level of activity, rising from last year to this one in some
places and falling in others, so the indicator dashboards show different, plausible numbers
and dynamics. Written in bulk; every kind of row is validated with full_clean on a sample.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.core.dates import SchoolYear, years_ago, years_later
from metodset.events.models import Event, EventLevel, Participation
from metodset.growth.models import (
    Attestation,
    Diagnostic,
    Mentoring,
    PDCourse,
    RegionalMethodistStatus,
    Route,
    RouteStatus,
)
from metodset.people.models import Teacher

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
PROVIDERS = [
    "АИРО",
    "ФГАОУ ДПО «Академия Минпросвещения России»",
    "ИРР Пензенской области",
    "ТОИУУ",
]
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


def activity_load(*, slugs: list[str], seed: int, today: dt.date) -> None:
    current = SchoolYear.of(today)
    years = [current.previous, current]
    for slug in slugs:
        rng = random.Random(f"{seed}-{slug}")
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
                                    provider=rng.choice(PROVIDERS),
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
                        provider=rng.choice(PROVIDERS),
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
        Event.objects.bulk_create(events, batch_size=500)
        Participation.objects.bulk_create(participations, batch_size=1000)
        for model, rows in (
            (PDCourse, courses),
            (Attestation, attestations),
            (Diagnostic, diagnostics),
            (Route, routes),
            (Mentoring, mentoring),
            (RegionalMethodistStatus, statuses),
        ):
            model.objects.bulk_create(rows, batch_size=1000)
