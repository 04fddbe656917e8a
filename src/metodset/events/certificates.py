"""Certificates of participation: an A4 PDF with a code anyone can verify on the site."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from metodset.events.models import Participation


def certificate_pdf(participation: Participation, *, base_url: str) -> bytes:
    from weasyprint import HTML  # imported here: it needs the system's Pango

    verify_url = (
        base_url.rstrip("/") + reverse("events:verify") + f"?code={participation.certificate_code}"
    )
    with translation.override("ru"):
        html = render_to_string(
            "events/certificate.html",
            {
                "participation": participation,
                "event": participation.event,
                "verify_url": verify_url,
            },
        )
    return HTML(string=html, base_url=base_url).write_pdf()
