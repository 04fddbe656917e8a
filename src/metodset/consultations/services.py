"""Writes of consultation requests: asking, answering, declining, logging one given."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.associations.models import Association
from metodset.consultations import notices
from metodset.consultations.models import (
    OPEN,
    Asker,
    ConsultationRequest,
    Source,
    Status,
    Way,
)
from metodset.core.access import require_perm
from metodset.core.models import Municipality
from metodset.core.services import with_history_user
from metodset.privacy.models import ConsentPurpose, ConsentText


def _check_association(municipality: Municipality, association: Association | None) -> None:
    if association is not None and (
        association.municipality_id != municipality.pk or not association.is_active
    ):
        raise ValidationError({"association": _("Choose an active association of this place.")})


NO_CONSENT = gettext_lazy(
    "Without your consent to the processing of personal data the question cannot be accepted."
)


def _check_consent(consent_text: ConsentText | None) -> ConsentText:
    if consent_text is None or consent_text.purpose != ConsentPurpose.CONSULTATION:
        raise ValidationError({"consent": NO_CONSENT})
    return consent_text


def _create(*, user, **fields) -> ConsultationRequest:
    request = ConsultationRequest(**fields)
    request.full_clean()
    with_history_user(request, user).save()
    transaction.on_commit(lambda: notices.request_received(request))
    return request


@transaction.atomic
def request_submit_public(
    *,
    municipality: Municipality,
    association: Association | None,
    asker: str,
    name: str,
    email: str,
    phone: str = "",
    topic: str,
    question: str,
    consent_text: ConsentText | None,
    address: str | None = None,
) -> ConsultationRequest:
    """A question asked on the public portal, by anyone (no login): the contact is needed
    for the answer, and nothing is stored without the consent to process it. The form
    refuses bots before this is called (honeypot, too fast, too many)."""
    _check_consent(consent_text)
    _check_association(municipality, association)
    if not email:
        raise ValidationError({"email": _("Give an e-mail address for the answer.")})
    return _create(
        user=None,
        municipality=municipality,
        association=association,
        source=Source.PORTAL,
        asker=asker,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        topic=topic.strip(),
        question=question.strip(),
        consent_text=consent_text,
        consent_at=timezone.now(),
        address=address,
    )


@transaction.atomic
def request_submit(
    *,
    user,
    association: Association | None = None,
    asker: str = Asker.TEACHER,
    topic: str,
    question: str,
    phone: str = "",
    consent_text: ConsentText | None,
    address: str | None = None,
) -> ConsultationRequest:
    """A teacher asks in the app: his name and e-mail come from his account."""
    require_perm(user, "consultations.ask")
    if user is None or user.municipality_id is None:  # the system, a superuser: nobody asks
        raise PermissionDenied
    consent_text = _check_consent(consent_text)
    municipality = Municipality.objects.get(pk=user.municipality_id)
    _check_association(municipality, association)
    from metodset.privacy.services import consent_give

    consent_give(user=user, text=consent_text, address=address)
    return _create(
        user=user,
        municipality=municipality,
        association=association,
        source=Source.APP,
        asker=asker,
        asked_by=user,
        name=user.get_full_name() or user.get_username(),
        email=user.email,
        phone=phone.strip(),
        topic=topic.strip(),
        question=question.strip(),
        consent_text=consent_text,
        consent_at=timezone.now(),
        address=address,
    )


@transaction.atomic
def request_answer(
    *,
    user,
    request: ConsultationRequest,
    way: str,
    answer: str = "",
    appointment_at: dt.datetime | None = None,
    place: str = "",
    link: str = "",
) -> ConsultationRequest:
    """Answer in writing, or make an appointment (date and time, a place or a link); the
    asker is told by e-mail (and in the app if he asked there)."""
    require_perm(user, "consultations.answer", request)
    request = ConsultationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in OPEN:
        raise ValidationError(
            _("The request is already %(status)s.") % {"status": Status(request.status).label}
        )
    answer, place, link = answer.strip(), place.strip(), link.strip()
    if way == Way.WRITTEN:
        if not answer:
            raise ValidationError({"answer": _("Write the answer.")})
        request.status = Status.ANSWERED
        appointment_at, place, link = None, "", ""
    elif way == Way.APPOINTMENT:
        errors = {}
        if appointment_at is None:
            errors["appointment_at"] = _("Choose the date and time of the consultation.")
        if not (place or link):
            errors["place"] = _("Give the place or the link to the online meeting.")
        if errors:
            raise ValidationError(errors)
        request.status = Status.APPOINTED
    else:
        raise ValidationError({"way": _("Choose how to answer.")})
    request.way, request.answer = way, answer
    request.appointment_at, request.place, request.link = appointment_at, place, link
    request.answered_at, request.answered_by = timezone.now(), user
    request.full_clean()
    with_history_user(request, user).save()
    transaction.on_commit(lambda: notices.request_answered(request))
    return request


@transaction.atomic
def request_close(*, user, request: ConsultationRequest) -> ConsultationRequest:
    """The appointed consultation has been given: the request is answered."""
    require_perm(user, "consultations.answer", request)
    if request.status != Status.APPOINTED:
        raise ValidationError(_("Only a request with an appointment can be closed."))
    request.status = Status.ANSWERED
    with_history_user(request, user).save(update_fields=["status", "updated_at"])
    return request


@transaction.atomic
def request_decline(*, user, request: ConsultationRequest, reason: str) -> ConsultationRequest:
    """Decline a request (not a question for the service, a duplicate), saying why; the
    asker is told by e-mail."""
    require_perm(user, "consultations.answer", request)
    if request.status not in OPEN:
        raise ValidationError(
            _("The request is already %(status)s.") % {"status": Status(request.status).label}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the request is declined.")})
    request.status, request.answer = Status.DECLINED, reason
    request.answered_at, request.answered_by = timezone.now(), user
    with_history_user(request, user).save()
    transaction.on_commit(lambda: notices.request_answered(request))
    return request


@transaction.atomic
def consultation_log(
    *,
    user,
    municipality: Municipality,
    association: Association | None = None,
    asker: str,
    way: str,
    topic: str,
    given_on: dt.date,
    event=None,
    name: str = "",
    answer: str = "",
) -> ConsultationRequest:
    """Log a consultation given in person or at an event (the methodist, or the head for his
    association): it counts in the log and the monitoring report like an answered one."""
    require_perm(user, "consultations.log")
    if (
        user is not None
        and not (user.is_platform_admin or user.is_methodist)
        and (association is None or association.pk not in user.headed_association_ids)
    ):
        raise ValidationError({"association": _("Choose an association you head.")})
    if user is not None and user.is_methodist and municipality.pk != user.municipality_id:
        raise PermissionDenied(_("You log the consultations of your own municipality."))
    _check_association(municipality, association)
    if way not in (Way.IN_PERSON, Way.AT_EVENT):
        raise ValidationError({"way": _("Choose in person or at an event.")})
    if way == Way.AT_EVENT and event is None:
        raise ValidationError({"event": _("Choose the event.")})
    if event is not None and event.municipality_id != municipality.pk:
        raise ValidationError({"event": _("The event belongs to another municipality.")})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("A consultation is logged once it has been given.")})
    given_at = timezone.make_aware(dt.datetime.combine(given_on, dt.time(12)))
    return _create_logged(
        user=user,
        municipality=municipality,
        association=association,
        source=Source.LOGGED,
        asker=asker,
        name=name.strip(),
        topic=topic.strip(),
        answer=answer.strip(),
        way=way,
        event=event if way == Way.AT_EVENT else None,
        status=Status.ANSWERED,
        answered_at=given_at,
        answered_by=user if user is not None and user.is_authenticated else None,
    )


def _create_logged(*, user, **fields) -> ConsultationRequest:
    request = ConsultationRequest(**fields)
    request.full_clean()
    with_history_user(request, user).save()
    return request
