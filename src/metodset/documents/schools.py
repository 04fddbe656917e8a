"""The lesson observation form (kind `observation`) of the schools app, as DOCX and PDF.

The schools app sits below documents in the layers, so its document is declared here, as
the plan and the minutes are; the values come from the observation and its scores.
"""

from __future__ import annotations

from django.utils import timezone

from metodset.core.access import get_for_user, require_perm
from metodset.documents import context as ctx
from metodset.documents.models import DocumentKind
from metodset.documents.services import Generated, _fill, _safe
from metodset.schools.models import Observation
from metodset.schools.selectors import number


def get_observation_for_user(user, pk: int) -> Observation:
    """404 outside the user's scope; 403 for those who may not see the support of schools."""
    require_perm(user, "schools.view")
    return get_for_user(
        Observation.objects.select_related(
            "visit__plan__organisation",
            "visit__visitor",
            "teacher__organisation",
            "subject",
            "municipality__region",
        ),
        user,
        pk,
    )


def _signature(user) -> str:
    """«М.П. Иванова» (ГОСТ Р 7.0.97: initials before the surname under a signature)."""
    initials = "".join(f"{p[0]}." for p in (user.first_name, user.patronymic) if p)
    return f"{initials}\u00a0{user.last_name}".strip() if initials else user.last_name


def observation_context(observation: Observation) -> dict:
    """The placeholders of the form (documents.context.PLACEHOLDERS["observation"])."""
    municipality = observation.municipality
    visit = observation.visit
    scores = list(observation.scores.select_related("criterion"))
    total = sum(s.score for s in scores)
    maximum = sum(s.criterion.max_score for s in scores)
    return {
        "authority": municipality.authority_name,
        "service": municipality.service_name,
        "municipality": municipality.name,
        "place_city": municipality.place,
        "region": municipality.region.name,
        "today": ctx.fmt(timezone.localdate()),
        "school": visit.plan.organisation.name,
        "date": ctx.fmt(visit.date),
        "purpose": visit.purpose,
        "observer": _signature(visit.visitor),
        "teacher": ctx.person(observation.teacher),
        "subject": observation.subject.name if observation.subject_id else "",
        "grade": str(observation.grade or ""),
        "topic": observation.topic,
        "scores": [
            {
                "number": index,
                "criterion": s.criterion.name,
                "score": str(s.score),
                "max_score": str(s.criterion.max_score),
                "comment": s.comment,
            }
            for index, s in enumerate(scores, start=1)
        ],
        "total": str(total),
        "maximum": str(maximum),
        "percent": number(100 * total / maximum) if maximum else "",
        "recommendations": [
            line.strip() for line in observation.recommendations.splitlines() if line.strip()
        ],
        "acknowledged_date": ctx.fmt(observation.acknowledged_on),
        "acknowledged_note": _acknowledged_note(observation),
    }


def _acknowledged_note(observation: Observation) -> str:
    """How the teacher acquainted himself, when he did it in Metodset (blank for a
    signature on paper or none yet): the form shows the record as it was made."""
    if not observation.acknowledged_online or observation.acknowledged_at is None:
        return ""
    at = timezone.localtime(observation.acknowledged_at)
    return (
        f"Ознакомление подтверждено учителем лично в электронной форме (Методсеть) "
        f"{ctx.fmt(observation.acknowledged_on)} в {at:%H:%M}."
    )


def observation_document(observation: Observation) -> Generated:
    """The filled lesson observation form as DOCX."""
    content = _fill(
        DocumentKind.OBSERVATION, observation.municipality_id, observation_context(observation)
    )
    teacher = observation.teacher
    return Generated(
        content,
        _safe(f"Лист наблюдения урока {teacher.short_name} от {ctx.fmt(observation.visit.date)}"),
    )
