"""Consultation requests for the demo: in every municipality, one in every state — new from
the portal (a parent) and from the app (a teacher, to an association), with an appointment,
answered in writing, declined — and two consultations logged (in person, at an event).

Rows are written directly, not through the services: the demo sends no e-mail and no
notification about questions nobody asked.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from metodset.accounts.models import Role, User
from metodset.associations.models import Association
from metodset.consultations.models import Asker, ConsultationRequest, Source, Status, Way
from metodset.core.models import Municipality
from metodset.events.models import Event
from metodset.privacy.models import ConsentPurpose, ConsentText

PARENTS = ["Смирнова Ольга", "Кузнецов Андрей", "Попова Елена", "Васильева Ирина"]
TOPICS = [
    ("Адаптация первоклассника", "Ребёнок не хочет ходить в школу. К кому обратиться?"),
    ("Выбор профиля в 10 классе", "Как понять, какой профиль подходит сыну?"),
    ("Документы к аттестации", "Какие документы нужны на первую категорию?"),
    ("Рабочая программа по ФГОС", "Как оформить рабочую программу по обновлённому ФГОС?"),
    ("Подготовка к ОГЭ", "Где найти материалы для подготовки к ОГЭ по математике?"),
]


def _at(today: dt.date, days_ago: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour))
    )


def consultations_load(*, slugs: list[str], seed: int, today: dt.date) -> int:
    """Create the demo requests of the municipalities `slugs`; returns how many."""
    rng = random.Random(seed)  # noqa: S311 - made-up demo data, not a secret
    text = ConsentText.objects.current(ConsentPurpose.CONSULTATION)
    created = 0
    for municipality in Municipality.objects.filter(slug__in=slugs).order_by("pk"):
        methodist = User.objects.filter(role=Role.METHODIST, municipality=municipality).first()
        teacher = User.objects.filter(
            role=Role.TEACHER, municipality=municipality, email__startswith="teacher@"
        ).first()
        association = (
            Association.objects.active().filter(municipality=municipality).order_by("pk").first()
        )
        event = (
            Event.objects.filter(municipality=municipality, starts_at__date__lt=today)
            .order_by("-starts_at")
            .first()
        )
        domain = f"{municipality.slug}.example.org"
        topics = rng.sample(TOPICS, len(TOPICS))
        portal = {
            "source": Source.PORTAL,
            "asker": Asker.PARENT,
            "consent_text": text,
        }
        rows = [
            # new, from the portal
            dict(
                portal,
                name=PARENTS[0],
                email=f"parent1@{domain}",
                topic=topics[0][0],
                question=topics[0][1],
                consent_at=_at(today, 1),
            ),
            # new, from the app, to the association
            dict(
                source=Source.APP,
                asker=Asker.CANDIDATE,
                asked_by=teacher,
                association=association,
                name=teacher.get_full_name() if teacher else "",
                email=teacher.email if teacher else "",
                topic=topics[2][0],
                question=topics[2][1],
                consent_text=text,
                consent_at=_at(today, 2),
            ),
            # an appointment made
            dict(
                portal,
                name=PARENTS[1],
                email=f"parent2@{domain}",
                topic=topics[1][0],
                question=topics[1][1],
                consent_at=_at(today, 6),
                status=Status.APPOINTED,
                way=Way.APPOINTMENT,
                appointment_at=_at(today, -3, 15),
                place="Кабинет методиста",
                answered_at=_at(today, 5),
                answered_by=methodist,
            ),
            # answered in writing
            dict(
                portal,
                name=PARENTS[2],
                email=f"parent3@{domain}",
                topic=topics[3][0],
                question=topics[3][1],
                consent_at=_at(today, 20),
                status=Status.ANSWERED,
                way=Way.WRITTEN,
                answer="Образец рабочей программы — в банке методических материалов.",
                answered_at=_at(today, 18),
                answered_by=methodist,
            ),
            # declined
            dict(
                portal,
                name=PARENTS[3],
                email=f"parent4@{domain}",
                topic="Перевод в другую школу",
                question="Как перевести ребёнка в другую школу?",
                consent_at=_at(today, 12),
                status=Status.DECLINED,
                answer="Вопрос к администрации школы, не к методической службе.",
                answered_at=_at(today, 11),
                answered_by=methodist,
            ),
            # logged: given in person
            dict(
                source=Source.LOGGED,
                asker=Asker.TEACHER,
                topic=topics[4][0],
                status=Status.ANSWERED,
                way=Way.IN_PERSON,
                answered_at=_at(today, 9, 12),
                answered_by=methodist,
            ),
        ]
        if event is not None:
            rows.append(
                dict(
                    source=Source.LOGGED,
                    asker=Asker.HEAD,
                    topic="Организация заседаний ММО",
                    status=Status.ANSWERED,
                    way=Way.AT_EVENT,
                    event=event,
                    answered_at=_at(today, 30, 12),
                    answered_by=methodist,
                )
            )
        for fields in rows:
            consent_at = fields.get("consent_at")
            request = ConsultationRequest(municipality=municipality, **fields)
            request.save()
            # The request was received when it was asked, not when the demo was loaded.
            received = consent_at or fields["answered_at"]
            ConsultationRequest.objects.filter(pk=request.pk).update(created_at=received)
            created += 1
    return created
