"""Demo bank of pedagogical information: materials of every kind with small real files,
best practices in every review state with scored reviews, and news, in every municipality.

Most experience units the teachers recorded (demo/library.py) went through expert review
and are accepted (some published on the portal); the rest stay «not reviewed», as the
migration left the self-declared records of before. The current year also has practices
submitted, under review and returned with comments. Deterministic with the seed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from metodset.accounts.models import Role, User
from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.growth.models import Practice as Declared
from metodset.library import indexing, services
from metodset.library.models import (
    Audience,
    Material,
    MaterialFile,
    MaterialKind,
    News,
    Practice,
    PracticeStatus,
    Review,
    ReviewScore,
    ReviewStatus,
    Verdict,
    Visibility,
)
from metodset.people.models import Teacher

from . import topics

MATERIALS = {
    MaterialKind.NORMATIVE_ACT: (
        "Положение о муниципальной методической службе",
        "Цели, задачи, структура и порядок работы службы; права и обязанности методистов.",
    ),
    MaterialKind.RECOMMENDATION: (
        "Методические рекомендации по формированию функциональной грамотности",
        "Приёмы работы с текстами и задачами в контексте реальной жизни для 5–9 классов.",
    ),
    MaterialKind.LESSON_PLAN: (
        "Конспект урока «Объединения и союзы в истории России»",
        "Урок-исследование с работой по историческим источникам и картам.",
    ),
    MaterialKind.PROGRAMME: (
        "Программа наставничества «Учитель — учитель»",
        "Этапы адаптации молодого педагога, формы работы наставнической пары, результаты.",
    ),
    MaterialKind.PRESENTATION: (
        "Презентация «Формирующее оценивание: с чего начать»",
        "Слайды семинара методического объединения о критериальном оценивании.",
    ),
    MaterialKind.VIDEO: (
        "Запись мастер-класса «Смысловое чтение»",
        "Видеозапись открытого занятия победителя муниципального конкурса.",
    ),
    MaterialKind.ARTICLE: (
        "Статья «Проектная задача как форма итоговой работы»",
        "Опыт применения проектных задач в начальной школе; критерии оценивания.",
    ),
    MaterialKind.DIAGNOSTIC: (
        "Диагностика профессиональных дефицитов педагогов",
        "Анкета самооценки и карта наблюдения урока для планирования ИОМ.",
    ),
    MaterialKind.OTHER: (
        "Памятка для родителей о подготовке к олимпиадам",
        "Как помочь ребёнку готовиться к школьному и муниципальному этапам олимпиады.",
    ),
}
NEWS = [
    (
        "Открыт приём материалов в банк педагогической информации",
        "Педагоги могут подать опыт на экспертизу через раздел «Банк». Эксперты назначаются "
        "методистом, решение о принятии — на заседании методического совета.",
        Audience.PUBLIC,
        False,
    ),
    (
        "Заседание методического объединения",
        "Напоминаем о заседании объединения: повестка и материалы — в разделе «Заседания».",
        Audience.MEMBERS,
        True,
    ),
    (
        "Итоги муниципального конкурса методических разработок",
        "Подведены итоги конкурса; работы победителей опубликованы в банке.",
        Audience.MUNICIPALITY,
        False,
    ),
]
OPINIONS_ACCEPT = [
    "Опыт актуален, результаты подтверждены данными мониторинга; рекомендую к распространению.",
    "Материалы оформлены полно, опыт воспроизводим в других школах.",
]
OPINION_RETURN = (
    "Не описаны условия реализации и не подтверждены результаты: добавьте данные за два года "
    "и описание ресурсов."
)


def pdf_bytes(title: str) -> bytes:
    """A small real PDF of one page with an ASCII title (Helvetica has no Cyrillic)."""
    text = "".join(c for c in title if c.isascii() and c not in "()\\") or "Metodset"
    stream = f"BT /F1 14 Tf 60 780 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _attach(material: Material, name: str) -> None:
    content = pdf_bytes(f"Metodset demo: material {material.pk}")
    row = MaterialFile(material=material, original_name=name, size=len(content))
    row.file.save(name, ContentFile(content), save=False)
    row.save()


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), timezone.get_current_timezone())


def _reviews(rng, practice, experts, round_, verdicts, criteria, day) -> None:
    for expert, verdict in zip(experts, verdicts, strict=False):
        done = verdict is not None
        review = Review.objects.create(
            practice=practice,
            expert=expert,
            round=round_,
            appointed_by=None,
            status=ReviewStatus.DONE if done else ReviewStatus.PENDING,
            verdict=verdict or "",
            opinion=(OPINION_RETURN if verdict == Verdict.RETURN else rng.choice(OPINIONS_ACCEPT))
            if done
            else "",
            done_at=_moment(day) if done else None,
        )
        if done:
            top = verdict == Verdict.ACCEPT
            ReviewScore.objects.bulk_create(
                ReviewScore(
                    review=review,
                    criterion=c,
                    score=rng.randint(2, c.max_score) if top else rng.randint(0, 1),
                )
                for c in criteria
            )


def bank_load(*, slugs: list[str], seed: int, today: dt.date) -> None:
    current = SchoolYear.of(today)
    for slug in slugs:
        rng = random.Random(f"{seed}-bank-{slug}")
        associations = list(Association.objects.filter(municipality__slug=slug).active())
        if not associations:
            continue
        municipality = associations[0].municipality
        methodist = (
            User.objects.filter(municipality=municipality, role=Role.METHODIST)
            .order_by("pk")
            .first()
        )
        # The demo's logins (methodist, head, teacher) form the expert group.
        experts = list(User.objects.filter(municipality=municipality).order_by("pk"))
        teachers = list(Teacher.objects.filter(municipality=municipality, is_active=True)[:80])
        if methodist is None or len(experts) < 3 or not teachers:
            continue
        # The practices in the open states are the demo teacher's, so his login shows them.
        login = Teacher.objects.filter(
            municipality=municipality, user__email__startswith="teacher@"
        ).first()
        criteria = services.criteria_for(municipality)
        # Materials of every kind, each with a small PDF (the video: a link).
        for n, (kind, (title, summary)) in enumerate(MATERIALS.items()):
            association = associations[n % len(associations)]
            material = Material.objects.create(
                municipality=municipality,
                kind=kind,
                title=title,
                summary=summary,
                association=association if n % 3 else None,
                school_year=(current if n % 2 else current.previous).start_year,
                visibility=Visibility.PUBLIC
                if kind == MaterialKind.RECOMMENDATION
                else [Visibility.PUBLIC, Visibility.MUNICIPALITY, Visibility.ASSOCIATION][n % 3],
                link="https://rutube.ru/" if kind == MaterialKind.VIDEO else "",
                adopted_by="протокол методического совета № 2"
                if kind == MaterialKind.RECOMMENDATION
                else "",
                adopted_on=current.starts_on + dt.timedelta(days=40)
                if kind == MaterialKind.RECOMMENDATION
                else None,
                created_by=methodist,
                tags="ФГОС, методическое объединение",
            )
            material.authors.set(rng.sample(teachers, 2))
            if kind != MaterialKind.VIDEO:
                _attach(material, f"{title[:60]}.pdf")
        # The experience units teachers recorded: most reviewed and accepted, some not.
        declared = Declared.objects.filter(teacher__municipality=municipality).select_related(
            "teacher"
        )
        shown: set[int] = set()  # school years with a published unit already
        for old in declared.order_by("accepted_on", "pk"):
            year = SchoolYear.of(old.accepted_on).start_year
            first = year not in shown
            reviewed = first or rng.random() < 0.8
            author_user = old.teacher.user_id
            pool = [e for e in experts if e.pk != author_user]
            practice = Practice.objects.create(
                municipality=municipality,
                kind=MaterialKind.PRACTICE,
                title=old.title,
                summary=old.summary,
                description=(
                    f"{old.title}: система приёмов, апробированная в течение двух лет "
                    "в работе методического объединения."
                ),
                conditions="Урочная и внеурочная деятельность; кабинет с проектором.",
                results="Рост качества выполнения диагностических работ на 10–15 %.",
                where_to_see=str(old.teacher.organisation or ""),
                contact="через методический кабинет",
                school_year=SchoolYear.of(old.accepted_on).start_year,
                visibility=Visibility.PUBLIC
                if first or rng.random() < 0.7
                else Visibility.MUNICIPALITY,
                status=PracticeStatus.NOT_REVIEWED,
                reviewers_required=2,
                submitted_at=_moment(old.accepted_on - dt.timedelta(days=30)),
                created_by=methodist,
            )
            practice.authors.set([old.teacher])
            if not reviewed:
                practice.legacy_record = old
                practice.declared = f"Указано педагогом: принята {old.accepted_on:%d.%m.%Y}"
                practice.save(update_fields=["legacy_record", "declared"])
                continue
            _reviews(
                rng,
                practice,
                rng.sample(pool, 2),
                1,
                [Verdict.ACCEPT, Verdict.ACCEPT],
                criteria,
                old.accepted_on - dt.timedelta(days=5),
            )
            # Each year has one accepted unit; this year's first awaits its publication.
            published = (year != current.start_year) if first else rng.random() < 0.6
            shown.add(year)
            Practice.objects.filter(pk=practice.pk).update(
                status=PracticeStatus.PUBLISHED if published else PracticeStatus.ACCEPTED,
                acceptance_level=old.level,
                accepted_on=old.accepted_on,
                accepted_by=methodist,
                decision=old.accepted_by,
                published_at=_moment(old.accepted_on) if published else None,
            )
        # The current year's practices in the other states of the flow, under titles no
        # other unit of the demo has.
        used = set(Practice.objects.values_list("title", flat=True))
        states = [
            (PracticeStatus.SUBMITTED, []),
            (PracticeStatus.UNDER_REVIEW, [Verdict.ACCEPT, None]),
            (PracticeStatus.RETURNED, [Verdict.RETURN, None]),
            (PracticeStatus.NOT_REVIEWED, []),
        ]
        for n, (status, verdicts) in enumerate(states):
            teacher = login or teachers[(n * 7) % len(teachers)]
            practice = Practice.objects.create(
                municipality=municipality,
                kind=MaterialKind.PRACTICE,
                title=topics.practice_title(
                    rng, topics.track_of_position(teacher.position), used, str(municipality)
                ),
                description="Описание опыта, условия и результаты его применения в школе.",
                school_year=current.start_year,
                visibility=Visibility.PUBLIC,
                status=status,
                reviewers_required=2,
                submitted_at=_moment(today - dt.timedelta(days=20 - n)),
                association=associations[n % len(associations)],
                created_by=teacher.user or methodist,
                submitted_by=teacher.user,
                declared="Указано педагогом: принята на заседании ШМО"
                if status == PracticeStatus.NOT_REVIEWED
                else "",
            )
            practice.authors.set([teacher])
            pool = [e for e in experts if e.pk != teacher.user_id]
            if verdicts:
                _reviews(rng, practice, pool[:2], 1, verdicts, criteria, today)
                if status == PracticeStatus.RETURNED:
                    practice.reviews.filter(status=ReviewStatus.PENDING).update(
                        status=ReviewStatus.CANCELLED
                    )
        # News: public, for the members of an association (a draft), for the municipality.
        for n, (title, text, audience, draft) in enumerate(NEWS):
            News.objects.create(
                municipality=municipality,
                title=title,
                text=text,
                audience=audience,
                association=associations[0] if audience == Audience.MEMBERS else None,
                is_announcement=n == 1,
                is_draft=draft,
                publish_at=None if draft else _moment(today - dt.timedelta(days=3 + n)),
                author=methodist,
            )
    # The demo writes plans and events in bulk: index everything once at the end.
    indexing.reindex_all()
