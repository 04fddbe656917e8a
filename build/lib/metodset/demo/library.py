"""Demo work products and judgements for the indicators and the monitoring report.

Two school years of experience units accepted for dissemination and publications of
members (000 §3.5), the methodist's assessment of each association's roadmap (001 §4.1.1)
and the professional needs teachers state (004 §2.1). Deterministic with the seed; each
municipality has its own level, so the five dashboards differ and move between the years.
"""

from __future__ import annotations

import datetime as dt
import random

from metodset.accounts.models import Role, User
from metodset.associations.models import Association, Membership
from metodset.core.dates import SchoolYear
from metodset.demo.activity import LEVELS
from metodset.growth.models import Need, Practice, PracticeLevel, Publication, TeacherNeed
from metodset.indicators.models import ExpertAssessment
from metodset.people.models import Teacher

from . import topics


def _track(teacher: Teacher) -> str | None:
    return topics.track_of_position(teacher.position)


VENUES = [
    ("nsportal.ru", "https://nsportal.ru/"),
    ("infourok.ru", "https://infourok.ru/"),
    ("Сборник муниципальной педагогической конференции", ""),
    ("журнал «Педагогический вестник»", ""),
    ("multiurok.ru", "https://multiurok.ru/"),
]
NEEDS = [
    "Формирующее оценивание",
    "Работа с детьми с ОВЗ",
    "Цифровые образовательные ресурсы",
    "Функциональная грамотность",
    "Работа с родителями",
    "Подготовка к аттестации",
]
COUNCILS = ["методический совет", "муниципальная экспертная группа", "совет ММО"]


def _day(rng: random.Random, year: SchoolYear, today: dt.date) -> dt.date:
    end = min(year.ends_on, today)
    return year.starts_on + dt.timedelta(days=rng.randint(0, max((end - year.starts_on).days, 0)))


def library_load(*, slugs: list[str], seed: int, today: dt.date) -> None:
    current = SchoolYear.of(today)
    years = [current.previous, current]
    # No two experience units (nor two publications) of the demo share a title.
    used: set[str] = set()
    published: set[str] = set()
    for slug in slugs:
        rng = random.Random(f"{seed}-library-{slug}")
        levels = LEVELS.get(slug, (0.5, 0.5))
        associations = list(Association.objects.filter(municipality__slug=slug).active())
        if not associations:
            continue
        municipality_id = associations[0].municipality_id
        methodist = (
            User.objects.filter(municipality_id=municipality_id, role=Role.METHODIST)
            .order_by("pk")
            .first()
        )
        teachers = list(
            Teacher.objects.working_in(municipality_id)
            .select_related("organisation")
            .order_by("pk")
        )

        def practice(teacher: Teacher, rng=rng) -> str:
            org = teacher.organisation
            place = (org.short_name or org.name) if org else teacher.short_name
            return topics.practice_title(rng, _track(teacher), used, place)

        def publication(teacher: Teacher, rng=rng) -> str:
            candidates = topics.practice_candidates(_track(teacher))
            for _attempt in range(20):
                kind = rng.choice(topics.PUBLICATION_KINDS)
                title = f"{kind} «{rng.choice(candidates)}»"
                if title not in published:
                    break
            else:
                title = f"{title}, {teacher.short_name}"
            published.add(title)
            return title

        members = set(
            Membership.objects.filter(
                association__in=associations, left_on__isnull=True
            ).values_list("teacher_id", flat=True)
        )
        needs = [
            Need.objects.get_or_create(municipality_id=municipality_id, name=name)[0]
            for name in NEEDS
        ]
        practices, publications, assessments, stated = [], [], [], []
        for year, level in zip(years, levels, strict=True):
            # the current year is young (today is in November): fewer records so far
            share = level * (0.35 if year == current else 1)
            for teacher in teachers:
                active = teacher.pk in members
                if rng.random() < share * (0.25 if active else 0.05):
                    practices.append(
                        Practice(
                            teacher=teacher,
                            title=practice(teacher),
                            level=rng.choice(
                                [PracticeLevel.SCHOOL, PracticeLevel.MUNICIPAL]
                                + [PracticeLevel.REGIONAL] * (level > 0.5)
                            ),
                            accepted_on=_day(rng, year, today),
                            accepted_by=rng.choice(COUNCILS),
                        )
                    )
                for _n in range(2):
                    if rng.random() < share * (0.3 if active else 0.08):
                        venue, url = rng.choice(VENUES)
                        publications.append(
                            Publication(
                                teacher=teacher,
                                title=publication(teacher),
                                venue=venue,
                                url=url,
                                published_on=_day(rng, year, today),
                            )
                        )
                if rng.random() < 0.3 + level / 2:
                    for need in rng.sample(needs, rng.randint(1, 2)):
                        stated.append(
                            TeacherNeed(teacher=teacher, school_year=year.start_year, need=need)
                        )
            # a small demo still shows both kinds in both years
            if teachers and not any(p.accepted_on in year for p in practices):
                teacher = rng.choice(teachers)
                practices.append(
                    Practice(
                        teacher=teacher,
                        title=practice(teacher),
                        accepted_on=_day(rng, year, today),
                        accepted_by=COUNCILS[0],
                    )
                )
            if teachers and not any(p.published_on in year for p in publications):
                venue, url = VENUES[0]
                teacher = rng.choice(teachers)
                publications.append(
                    Publication(
                        teacher=teacher,
                        title=publication(teacher),
                        venue=venue,
                        url=url,
                        published_on=_day(rng, year, today),
                    )
                )
            if methodist is None:
                continue
            for association in associations:
                if year == current and rng.random() < 0.4:
                    continue  # not every roadmap is assessed by November
                value = min(100, max(20, round(100 * level + rng.randint(-25, 20))))
                assessments.append(
                    ExpertAssessment(
                        municipality_id=municipality_id,
                        association=association,
                        code="roadmap",
                        school_year=year.start_year,
                        value=value,
                        comment=f"Выполнено мероприятий «дорожной карты»: {value // 10} из 10.",
                        author=methodist,
                        assessed_on=min(year.ends_on, today),
                    )
                )
        Practice.objects.bulk_create(practices)
        Publication.objects.bulk_create(publications)
        TeacherNeed.objects.bulk_create(stated)
        ExpertAssessment.objects.bulk_create(assessments, ignore_conflicts=True)
