"""Demo data of the schools app: two school years of results in every demo municipality,
the municipality's risk criteria and observation form, a bias flag, the risk list's schools
under support plans with measures, a visit and an observed lesson. Through the services
(acting as the system); the results as the import would write them."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from metodset.accounts.models import Role, User
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.orgs.models import Organisation, OrganisationKind
from metodset.people.models import Subject, Teacher
from metodset.roadmaps import services as roadmaps
from metodset.roadmaps.models import Level
from metodset.roadmaps.models import MeasureStatus as RoadmapStatus
from metodset.schools import selectors, services
from metodset.schools.models import (
    BiasFlag,
    CriterionKind,
    MeasureStatus,
    ObservationCriterion,
    Procedure,
    Result,
    RiskCriterion,
    SupportPlan,
)

CRITERIA = [
    ("Доля «2» выше 15 % два года подряд", CriterionKind.FAIL_SHARE, "", Decimal(15), 2),
    ("Признаки необъективности результатов", CriterionKind.BIASED, "", None, 1),
    ("Снижение среднего балла ОГЭ", CriterionKind.DROP, Procedure.OGE, Decimal(3), 1),
]
FORM = [
    "Цель урока сформулирована и достигнута",
    "Организация самостоятельной работы обучающихся",
    "Формирование функциональной грамотности",
    "Обратная связь и оценивание",
    "Рефлексия",
]
# (procedure, grade, subject, mean score around, its spread)
PAPERS = [
    (Procedure.VPR, 5, "Математика", 3.6, 0.5),
    (Procedure.VPR, 5, "Русский язык", 3.5, 0.5),
    (Procedure.VPR, 7, "Математика", 3.4, 0.5),
    (Procedure.OGE, 9, "Математика", 14.0, 3.0),
    (Procedure.OGE, 9, "Русский язык", 26.0, 4.0),
    (Procedure.EGE, 11, "Русский язык", 68.0, 8.0),
]
MEASURES = [
    "Анализ результатов оценочных процедур с педагогическим коллективом",
    "Семинар-практикум по формированию функциональной грамотности",
    "Посещение уроков математики и русского языка, методические рекомендации",
    "Включение учителей в работу муниципального методического объединения",
]


def _results(municipality, schools, subjects, years, rng) -> None:
    rows = []
    for index, school in enumerate(schools):
        weak = index % 4 == 0  # every fourth school has low results two years running
        for year in years:
            for procedure, grade, subject, mean, spread in PAPERS:
                fail = rng.uniform(16, 28) if weak else rng.uniform(2, 12)
                top = rng.uniform(5, 20) if weak else rng.uniform(15, 40)
                drop = spread * 1.5 if weak and year == years[-1] else 0
                rows.append(
                    Result(
                        municipality=municipality,
                        organisation=school,
                        subject=subjects[subject],
                        grade=grade,
                        school_year=year,
                        procedure=procedure,
                        mean_score=Decimal(
                            str(round(mean + rng.uniform(-spread, spread) - drop, 2))
                        ),
                        fail_share=Decimal(str(round(fail, 2))),
                        top_share=Decimal(str(round(top, 2))),
                        participants=rng.randint(18, 75),
                    )
                )
    Result.objects.bulk_create(rows, ignore_conflicts=True)


def schools_load(*, slugs: list[str], seed: int, today: dt.date) -> None:
    rng = random.Random(seed + 17)  # noqa: S311  made-up demo data, no secret
    current = SchoolYear.of(today).start_year
    years = [current - 2, current - 1]  # the results of the last two finished years
    subjects = {
        name: Subject.objects.get_or_create(name=name, municipality=None)[0]
        for name in {p[2] for p in PAPERS}
    }
    for municipality in Municipality.objects.filter(slug__in=slugs).order_by("pk"):
        if RiskCriterion.objects.filter(municipality=municipality).exists():
            continue
        schools = list(
            Organisation.objects.filter(
                municipality=municipality, kind=OrganisationKind.SCHOOL
            ).order_by("pk")
        )
        if not schools:
            continue
        for name, kind, procedure, threshold, count in CRITERIA:
            services.risk_criterion_create(
                user=None,
                municipality=municipality,
                name=name,
                kind=kind,
                procedure=procedure,
                threshold=threshold,
                years=count,
            )
        for position, name in enumerate(FORM, start=1):
            services.observation_criterion_create(
                user=None, municipality=municipality, name=name, position=position, max_score=2
            )
        _results(municipality, schools, subjects, years, rng)
        flagged = schools[1 % len(schools)]
        BiasFlag.objects.create(
            municipality=municipality,
            organisation=flagged,
            school_year=years[-1],
            procedure=Procedure.VPR,
            subject=subjects["Математика"],
            source="Письмо министерства образования региона",
        )
        _support(municipality, years[-1], current, today, rng)
        _own_lessons(municipality, current, today)
        _roadmaps(municipality, current, today)


def _support(municipality, listed_year: int, year: int, today: dt.date, rng) -> None:
    methodists = list(
        User.objects.filter(municipality=municipality, role=Role.METHODIST, is_active=True)
    )
    if not methodists:
        return
    criteria = list(municipality_form(municipality))
    linked = False  # one measure of the municipality relies on a mentoring pair
    for entry in selectors.risk_list(municipality, listed_year)[:4]:
        school = entry.organisation
        if SupportPlan.objects.filter(organisation=school, school_year=year).exists():
            continue
        plan = services.support_plan_create(
            user=None,
            municipality=municipality,
            organisation=school,
            school_year=year,
            goal="Повышение качества подготовки обучающихся и объективности оценивания",
        )
        start = SchoolYear(year).starts_on
        for index, text in enumerate(MEASURES):
            deadline = start + dt.timedelta(days=45 * (index + 1))
            services.support_measure_add(
                user=None,
                plan=plan,
                text=text,
                methodist=methodists[index % len(methodists)],
                deadline=deadline,
                status=MeasureStatus.DONE if deadline < today else MeasureStatus.PLANNED,
            )
        pair = None if linked else selectors.mentoring_choices(plan).order_by("pk").first()
        if pair is not None:
            linked = True
            deadline = start + dt.timedelta(days=120)
            services.support_measure_add(
                user=None,
                plan=plan,
                text="Наставническое сопровождение молодого педагога",
                methodist=methodists[0],
                deadline=deadline,
                status=MeasureStatus.DONE if deadline < today else MeasureStatus.PLANNED,
                mentoring=pair,
            )
        visit_day = start + dt.timedelta(days=rng.randint(40, 60))
        if visit_day >= today:
            continue
        visit = services.visit_record(
            user=None,
            plan=plan,
            date=visit_day,
            visitor=methodists[0],
            purpose="Посещение уроков, анализ системы оценивания",
            findings="Учителя знакомы с результатами ВПР; анализ ошибок проводится не везде.",
        )
        teacher = Teacher.objects.filter(organisation=school).order_by("pk").first()
        if teacher is None or not criteria:
            continue
        services.observation_record(
            user=None,
            visit=visit,
            teacher=teacher,
            topic="Решение текстовых задач",
            recommendations="Планировать этап рефлексии.\nДавать развёрнутую обратную связь.",
            acknowledged_on=min(visit_day + dt.timedelta(days=2), today),
            scores={c.pk: rng.randint(1, 2) for c in criteria},
        )


def _own_lessons(municipality, year: int, today: dt.date) -> None:
    """The demo teacher's (a login, not a head) own lessons observed at his school: one he
    acknowledged in Metodset the day after, one still awaiting his «Ознакомлен(а)»."""
    methodist = (
        User.objects.filter(municipality=municipality, role=Role.METHODIST, is_active=True)
        .order_by("pk")
        .first()
    )
    criteria = list(municipality_form(municipality))
    candidates = Teacher.objects.filter(
        municipality=municipality,
        user__role=Role.TEACHER,
        user__is_active=True,
        organisation__kind=OrganisationKind.SCHOOL,
    ).select_related("user", "organisation")
    teacher = next((t for t in candidates.order_by("pk") if not t.user.is_head), None)
    visit_day = SchoolYear(year).starts_on + dt.timedelta(days=30)
    if methodist is None or teacher is None or not criteria or visit_day >= today:
        return
    plan = SupportPlan.objects.filter(organisation=teacher.organisation, school_year=year).first()
    if plan is None:
        plan = services.support_plan_create(
            user=None,
            municipality=municipality,
            organisation=teacher.organisation,
            school_year=year,
            goal="Методическая помощь по заявке школы: формирующее оценивание на уроке",
        )
    visit = services.visit_record(
        user=None,
        plan=plan,
        date=visit_day,
        visitor=methodist,
        purpose="Посещение уроков по заявке школы",
        findings="Учитель использует критериальное оценивание; рефлексия проводится не всегда.",
    )
    lessons = (
        ("Работа с текстом: главная мысль", True),
        ("Повторение и обобщение изученного", False),
    )
    for number, (topic, acknowledged) in enumerate(lessons):
        observation = services.observation_record(
            user=None,
            visit=visit,
            teacher=teacher,
            topic=topic,
            recommendations="Формулировать цель урока вместе с обучающимися.\n"
            "Оставлять время на рефлексию.",
            scores={c.pk: 1 + (c.position + number) % 2 for c in criteria},
        )
        if acknowledged:
            services.observation_acknowledge(
                user=teacher.user,
                observation=observation,
                now=timezone.make_aware(
                    dt.datetime.combine(visit_day + dt.timedelta(days=1), dt.time(15, 40))
                ),
            )


def municipality_form(municipality):
    return ObservationCriterion.objects.filter(municipality=municipality, is_active=True)


ROADMAP = [
    # (month of the deadline, level, measure, who answers)
    (10, Level.MUNICIPAL, "Анализ результатов ВПР и ОГЭ по школам муниципалитета", "РМК"),
    (11, Level.REGIONAL, "Участие в региональном семинаре по объективности оценивания", "РМК"),
    (12, Level.MUNICIPAL, "Методический десант в школы списка риска", "методисты РМК"),
    (2, Level.FEDERAL, "Курсы повышения квалификации по функциональной грамотности", "РМК"),
    (4, Level.MUNICIPAL, "Муниципальная конференция по итогам сопровождения школ", "РМК"),
]


def _roadmaps(municipality, year: int, today: dt.date) -> None:
    """The service's roadmap of the current school year and one association's."""
    from metodset.associations.models import Association

    first = Association.objects.filter(municipality=municipality).active().order_by("pk").first()
    for association in [None, first] if first else [None]:
        title = (
            f"Дорожная карта «{association}»"
            if association
            else "Дорожная карта методической службы"
        )
        roadmap = roadmaps.roadmap_create(
            user=None,
            municipality=municipality,
            association=association,
            school_year=year,
            title=f"{title} на {SchoolYear(year)} учебный год",
        )
        for index, (month, level, text, who) in enumerate(ROADMAP):
            due = dt.date(year if month >= 9 else year + 1, month, 25)
            done = due < today and index % 3 != 2  # one in three overdue is not done
            roadmaps.roadmap_measure_add(
                user=None,
                roadmap=roadmap,
                title=text,
                level=level,
                responsible=who,
                due_on=due,
                status=(
                    RoadmapStatus.DONE
                    if done
                    else RoadmapStatus.NOT_DONE
                    if due < today
                    else RoadmapStatus.PLANNED
                ),
                done_on=due if done else None,
            )
