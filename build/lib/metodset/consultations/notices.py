"""Who is told what about a consultation request (core.notifications).

A new request: the methodists of the municipality, or the heads of the association it is
routed to (kind `consultation_new`). The answer: the asker in the app when he asked there
(kind `consultation_answered`, e-mailed as he chose), else a letter to the e-mail he gave on
the portal, through the task queue (tasks.answer_email)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from metodset.consultations.models import ConsultationRequest
from metodset.core.notifications import notify

NEW = "consultation_new"
ANSWERED = "consultation_answered"


def handlers(request: ConsultationRequest) -> list:
    from metodset.accounts.models import Role, User
    from metodset.associations.models import HeadAppointment

    if request.association_id is not None:
        return [
            a.teacher.user
            for a in HeadAppointment.objects.current()
            .filter(association_id=request.association_id, teacher__user__is_active=True)
            .select_related("teacher__user")
        ]
    return list(
        User.objects.filter(
            role=Role.METHODIST, municipality_id=request.municipality_id, is_active=True
        )
    )


def request_received(request: ConsultationRequest) -> None:
    text = _("A new question: «%(topic)s»") % {"topic": request.topic}
    for user in handlers(request):
        notify(
            user=user,
            kind=NEW,
            key=f"{NEW}:{request.pk}",
            text=text,
            url=request.get_absolute_url(),
        )


def request_answered(request: ConsultationRequest) -> None:
    if request.asked_by_id is not None and request.asked_by.is_active:
        notify(
            user=request.asked_by,
            kind=ANSWERED,
            key=f"{ANSWERED}:{request.pk}:{request.status}:{request.answered_at:%Y%m%d%H%M%S}",
            text=reply_text(request)[:500],
            url=request.get_absolute_url(),
        )
    elif request.email:
        from metodset.consultations.tasks import answer_email

        answer_email.enqueue(request.pk)


def reply_text(request: ConsultationRequest) -> str:
    """The answer in words, as the asker reads it (the letter, the notification)."""
    lines = [_("Your question «%(topic)s»") % {"topic": request.topic}]
    if request.status == "declined":
        lines.append(_("The request is declined: %(reason)s") % {"reason": request.answer})
    elif request.way == "appointment":
        lines.append(
            _("You are invited to a consultation on %(when)s.")
            % {"when": f"{request.appointment_at:%d.%m.%Y %H:%M}"}
        )
        if request.place:
            lines.append(_("Place: %(place)s") % {"place": request.place})
        if request.link:
            lines.append(_("Link: %(link)s") % {"link": request.link})
        if request.answer:
            lines.append(request.answer)
    else:
        lines.append(request.answer)
    lines.append(_("Answered by: %(who)s") % {"who": request.handler_name})
    return "\n\n".join(lines)
