"""Certificates of participation: an A4 PDF with a code anyone can verify on the site."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from metodset.core.declension import Case, decline, decline_position, short_name
from metodset.events.models import Participation
from metodset.orgs.selectors import authority_head_on


def certificate_context(participation: Participation, *, verify_url: str = "") -> dict:
    """What the certificate prints: «выдан Горшковой Юлии Валерьевне, учителю …», the date
    of issue and the head of the education authority in office on it (the signatory; none
    when nobody is recorded, and the signature line stays blank)."""
    teacher = participation.teacher
    issued_on = participation.certificate_date
    return {
        "participation": participation,
        "event": participation.event,
        "recipient": decline(teacher, Case.DATIVE),
        # «учителю математики»; a position the app cannot decline is shown as it is.
        "recipient_position": decline_position(teacher.position, Case.DATIVE) or teacher.position,
        "issued_on": issued_on,
        "signer": authority_head_on(participation.event.municipality_id, issued_on)
        if issued_on
        else None,
        "verify_url": verify_url,
    }


def certificate_name(participation: Participation) -> str:
    """«Сертификат Горшковой Ю.В. ABCD234567», the file name (without extension)."""
    teacher = short_name(participation.teacher, Case.GENITIVE)
    return f"Сертификат {teacher} {participation.certificate_code}"


def certificate_pdf(participation: Participation, *, base_url: str) -> bytes:
    from weasyprint import HTML  # imported here: it needs the system's Pango

    verify_url = (
        base_url.rstrip("/") + reverse("events:verify") + f"?code={participation.certificate_code}"
    )
    with translation.override("ru"):
        html = render_to_string(
            "events/certificate.html", certificate_context(participation, verify_url=verify_url)
        )
    return HTML(string=html, base_url=base_url).write_pdf()
