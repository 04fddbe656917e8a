"""A school year of one association built by hand, with the numbers its analysis must show.

The year analysed is 2024/2025 (today is frozen at 20.11.2025), compared with 2023/2024.
Every expected number below is counted from the records made here, not computed by code.
"""

import datetime as dt

from django.utils import timezone

from metodset.associations.tests.factories import MembershipFactory
from metodset.core.dates import SchoolYear
from metodset.events.models import (
    CompetitionEntry,
    EventStatus,
    Nomination,
    Outcome,
    ParticipationRole,
    StudentResult,
)
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.growth.models import Attestation, Diagnostic, Need, Practice, Publication, TeacherNeed
from metodset.growth.tests.factories import PDCourseFactory
from metodset.meetings.tests.factories import AttendanceFactory, MeetingFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Category
from metodset.people.tests.factories import TeacherFactory
from metodset.plans.models import ItemStatus
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory
from metodset.regulations.services import regulation_import

YEAR = SchoolYear(2024)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), timezone.get_current_timezone())


def build_year(association) -> dict:
    municipality = association.municipality
    regulation_import(
        user=None,
        municipality=municipality,
        text=(
            "title: П\neffective_from: 2020-09-01\nrules:\n"
            "  - kind: min_meetings\n    clause: п. 5\n    count: 4\n"
        ),
    )
    # Five members all along; a sixth left before the year analysed (counts only last year).
    m = [
        MembershipFactory(
            association=association, teacher__organisation__municipality=municipality
        ).teacher
        for _ in range(5)
    ]
    gone = MembershipFactory(
        association=association,
        teacher__organisation__municipality=municipality,
        left_on=dt.date(2024, 6, 1),
    ).teacher
    outsider = TeacherFactory(organisation__municipality=municipality)

    # Plan 2024: 6 items — 3 done, 1 moved, 1 cancelled, 1 never marked; 2023: 4 done of 4.
    plan = PlanFactory(association=association, school_year=2024)
    for status, reason in [
        (ItemStatus.DONE, ""),
        (ItemStatus.DONE, ""),
        (ItemStatus.DONE, ""),
        (ItemStatus.MOVED, "болезнь докладчика"),
        (ItemStatus.CANCELLED, "карантин"),
        (ItemStatus.PLANNED, ""),
    ]:
        PlanItemFactory(
            plan=plan,
            date=dt.date(2024, 11, 15),
            status=status,
            status_reason=reason,
            moved_to=dt.date(2025, 4, 10) if status == ItemStatus.MOVED else None,
        )
    old_plan = PlanFactory(association=association, school_year=2023)
    for _ in range(4):
        PlanItemFactory(plan=old_plan, date=dt.date(2023, 11, 15), status=ItemStatus.DONE)

    # Meetings 2024: 3 held, 2 signed; attendance 9 present of 10 marked. 2023: 1 of 2.
    first = MeetingFactory(association=association, date=dt.date(2024, 10, 10))
    second = MeetingFactory(association=association, date=dt.date(2025, 1, 15))
    MeetingFactory(association=association, date=dt.date(2025, 4, 10))
    for meeting in (first, second):
        meeting.signed_at = at(meeting.date)
        meeting.save(update_fields=["signed_at"])
    for index, teacher in enumerate(m):
        AttendanceFactory(meeting=first, teacher=teacher, present=index != 4)
        AttendanceFactory(meeting=second, teacher=teacher, present=True)
    old_meeting = MeetingFactory(association=association, date=dt.date(2023, 10, 10))
    AttendanceFactory(meeting=old_meeting, teacher=m[0], present=True)
    AttendanceFactory(meeting=old_meeting, teacher=m[1], present=False)

    # Events 2024: two seminars of the association (a cancelled third does not count).
    seminar = EventFactory(
        municipality=municipality, association=association, starts_at=at(dt.date(2024, 10, 1))
    )
    workshop = EventFactory(
        municipality=municipality, association=association, starts_at=at(dt.date(2025, 3, 1))
    )
    EventFactory(
        municipality=municipality,
        association=association,
        starts_at=at(dt.date(2025, 2, 1)),
        status=EventStatus.CANCELLED,
    )
    service_event = EventFactory(municipality=municipality, starts_at=at(dt.date(2025, 1, 20)))
    came = {"attended": True}
    ParticipationFactory(event=seminar, teacher=m[0], **came)
    ParticipationFactory(event=seminar, teacher=m[1], **came)
    ParticipationFactory(event=seminar, teacher=m[2], role=ParticipationRole.SPEAKER, **came)
    ParticipationFactory(event=workshop, teacher=m[0], attended=False)  # did not come
    ParticipationFactory(event=workshop, teacher=m[4])  # registered, attendance not marked
    ParticipationFactory(event=workshop, teacher=outsider, **came)
    ParticipationFactory(event=service_event, teacher=m[3], role=ParticipationRole.MASTER, **came)
    old_event = EventFactory(
        municipality=municipality, association=association, starts_at=at(dt.date(2023, 11, 1))
    )
    ParticipationFactory(event=old_event, teacher=m[4], attended=True)

    # Practices and publications: 1 and 2 this year; last year 1 practice (of the one who left).
    Practice.objects.create(teacher=m[0], title="Кейс-метод", accepted_on=dt.date(2025, 2, 1))
    Publication.objects.create(
        teacher=m[1], title="Статья 1", venue="infourok.ru", published_on=dt.date(2024, 12, 1)
    )
    Publication.objects.create(
        teacher=m[1], title="Статья 2", venue="nsportal.ru", published_on=dt.date(2025, 5, 5)
    )
    Practice.objects.create(teacher=gone, title="Старый опыт", accepted_on=dt.date(2024, 3, 1))

    # Competitions: m0 wins, m1 takes part; students of the seminar's olympiad: 20 / 2 / 3.
    nomination = Nomination.objects.create(event=workshop, name="Лучший урок")
    CompetitionEntry.objects.create(nomination=nomination, teacher=m[0], outcome=Outcome.WINNER)
    CompetitionEntry.objects.create(
        nomination=nomination, teacher=m[1], outcome=Outcome.PARTICIPANT
    )
    StudentResult.objects.create(
        event=seminar,
        organisation=OrganisationFactory(municipality=municipality),
        grade=7,
        participants=20,
        winners=2,
        prize_winners=3,
    )

    # PD: 3 courses of 2 members, 124 hours; last year 1 course of 36 hours. Categories: 2.
    PDCourseFactory(
        teacher=m[0], hours=36, starts_on=dt.date(2024, 11, 1), ends_on=dt.date(2024, 11, 20)
    )
    PDCourseFactory(
        teacher=m[1], hours=72, starts_on=dt.date(2025, 3, 1), ends_on=dt.date(2025, 3, 10)
    )
    PDCourseFactory(
        teacher=m[0], hours=16, starts_on=dt.date(2025, 4, 20), ends_on=dt.date(2025, 5, 1)
    )
    PDCourseFactory(
        teacher=m[2], hours=36, starts_on=dt.date(2024, 1, 10), ends_on=dt.date(2024, 2, 1)
    )
    Attestation.objects.create(
        teacher=m[2],
        category=Category.HIGHEST,
        assigned_on=dt.date(2025, 2, 10),
        expires_on=dt.date(2030, 2, 10),
    )
    Attestation.objects.create(
        teacher=m[3],
        category=Category.FIRST,
        assigned_on=dt.date(2024, 12, 20),
        expires_on=dt.date(2029, 12, 20),
    )

    # Needs: 3 members named needs (ФГ twice); deficits found in 2 members (ИКТ twice).
    need = Need.objects.create(municipality=municipality, name="Функциональная грамотность")
    TeacherNeed.objects.create(teacher=m[0], school_year=2024, need=need)
    TeacherNeed.objects.create(teacher=m[1], school_year=2024, need=need)
    TeacherNeed.objects.create(teacher=m[2], school_year=2024, text="Цифровые ресурсы")
    Diagnostic.objects.create(
        teacher=m[3], date=dt.date(2024, 10, 10), instrument="ЕФС", deficits="ИКТ\nОценивание"
    )
    Diagnostic.objects.create(
        teacher=m[4], date=dt.date(2024, 10, 11), instrument="ЕФС", deficits="ИКТ"
    )
    return {"members": m, "plan": plan, "first_meeting": first}


# (label, value, previous) per section, as counted above.
EXPECTED = {
    "plan": [
        ("Пунктов плана", 6, 4),
        ("выполнено", 3, 4),
        ("перенесено", 1, 0),
        ("отменено", 1, 0),
        ("ещё не отмечено", 1, 0),
        ("Доля выполненных пунктов", 50.0, 100.0),
    ],
    "meetings": [
        ("Проведено заседаний", 3, 1),
        ("Подписано протоколов", 2, 0),
        ("Посещаемость заседаний", 90.0, 50.0),
    ],
    "events": [
        ("Проведено мероприятий", 2, 1),
        ("Педагогов приняли в них участие", 4, 1),
        ("Членов объединения участвовали в мероприятиях", 4, 1),
        ("Членов объединения выступили или провели мастер-класс", 2, 0),
    ],
    "practices": [
        ("Практик принято к распространению", 1, 1),
        ("Публикаций", 2, 0),
    ],
    "competitions": [
        ("Участий членов объединения в профессиональных конкурсах", 2, 0),
        ("победителей", 1, 0),
        ("призёров", 0, 0),
        ("Обучающихся в проведённых олимпиадах и конкурсах", 20, 0),
        ("победителей среди обучающихся", 2, 0),
        ("призёров среди обучающихся", 3, 0),
    ],
    "growth": [
        ("Педагогов прошли курсы ПК", 2, 1),
        ("Курсов ПК пройдено", 3, 1),
        ("Часов курсов ПК", 124, 36),
        ("Присвоено категорий", 2, 0),
        ("из них высшая", 1, 0),
        ("из них первая", 1, 0),
    ],
    "needs": [
        ("Педагогов назвали свои потребности", 3, 0),
        ("Педагогов с дефицитами по итогам диагностики", 2, None),
    ],
}
