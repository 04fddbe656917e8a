"""The public question form on the portal: anyone asks, no login, a parent as much as a
teacher. Bots are refused with a clear message and nothing stored: the honeypot, the
too-fast sending (forms.PublicAskForm.check_human) and too many questions from one
address (METODSET_CONSULTATION_RATE)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.consultations import services
from metodset.consultations.forms import PublicAskForm, Refused
from metodset.core.forms import add_service_errors
from metodset.core.models import Municipality
from metodset.core.network import client_ip
from metodset.core.ratelimit import RateLimit
from metodset.privacy.models import ConsentPurpose, ConsentText


def _limit() -> RateLimit:
    return RateLimit.parse("consultation-ask", settings.METODSET_CONSULTATION_RATE)


@login_not_required
def ask(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Municipality.objects.select_related("region"), slug=slug)
    text = ConsentText.objects.current(ConsentPurpose.CONSULTATION)
    form = PublicAskForm(request.POST or None, municipality_id=place.pk)
    status = 200
    if request.method == "POST":
        ident, limit = client_ip(request) or "unknown", _limit()
        try:
            if limit.exceeded(ident):
                status = 429
                raise Refused(
                    _(
                        "Too many questions from your address. Try again after %(time)s. "
                        "Nothing is saved."
                    )
                    % {"time": f"{timezone.localtime(limit.retry_at(ident)):%d.%m.%Y %H:%M}"}
                )
            form.check_human()
        except Refused as refusal:
            form.add_error(None, str(refusal))
            status = status if status != 200 else 400
        else:
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.request_submit_public(
                        municipality=place,
                        association=data["association"],
                        asker=data["asker"],
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                        topic=data["topic"],
                        question=data["question"],
                        consent_text=text,
                        address=client_ip(request) or None,
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    limit.hit(ident)
                    return redirect("consultations_portal:sent", slug=place.slug)
            status = 400
    return render(
        request,
        "consultations/portal/ask.html",
        {"municipality": place, "form": form, "consent_text": text},
        status=status,
    )


@login_not_required
def sent(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Municipality.objects.select_related("region"), slug=slug)
    return render(request, "consultations/portal/sent.html", {"municipality": place})
