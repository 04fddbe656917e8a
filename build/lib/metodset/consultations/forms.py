"""Forms of consultation requests. The public one carries the bot guards that need no
third-party service: a honeypot field people do not see, a signed time of opening (a form
sent back faster than a person types is refused) and, in the view, a rate limit per address.
"""

from __future__ import annotations

import datetime as dt
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from metodset.associations.models import Association
from metodset.consultations.models import Asker, Way
from metodset.core.forms import DateInput
from metodset.events.models import Event

SALT = "consultations.ask"


class Refused(Exception):
    """A bot guard refused the form: the message says why, and nothing is stored."""


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _associations(municipality_id: int | None):
    return Association.objects.active().filter(municipality_id=municipality_id).order_by("name")


class QuestionFields(forms.Form):
    association = forms.ModelChoiceField(
        Association.objects.none(),
        label=_("Whom to ask"),
        required=False,
        empty_label=_("The methodical service"),
    )
    asker = forms.ChoiceField(label=_("I am"), choices=Asker.choices)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    question = forms.CharField(label=_("Question"), max_length=5000, widget=forms.Textarea)
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data given in this request"),
        error_messages={
            "required": _(
                "Without your consent to the processing of personal data the question "
                "cannot be accepted."
            )
        },
    )

    def __init__(self, *args, municipality_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = _associations(municipality_id)


class AskForm(QuestionFields):
    """A teacher asks in the app: his name and e-mail are his account's."""

    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    field_order = ["association", "asker", "topic", "question", "phone", "consent"]


class PublicAskForm(QuestionFields):
    """Anyone asks on the portal, a parent as much as a teacher."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail for the answer"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    # The honeypot: hidden from people (CSS and aria), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    field_order = [
        "association",
        "asker",
        "name",
        "email",
        "phone",
        "topic",
        "question",
        "consent",
        "website",
        "started",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=SALT)

    def check_human(self) -> None:
        """Raise Refused when the form looks sent by a bot (call before is_valid)."""
        data = self.data
        if data.get("website"):
            raise Refused(_("The form was refused as sent automatically. Nothing is saved."))
        try:
            started = float(signing.loads(data.get("started", ""), salt=SALT, max_age=24 * 3600))
        except (signing.BadSignature, TypeError, ValueError):
            raise Refused(
                _("The form has expired. Open it again and send the question. Nothing is saved.")
            ) from None
        if time.time() - started < settings.METODSET_CONSULTATION_MIN_SECONDS:
            raise Refused(
                _(
                    "The form was sent too fast for a person to fill in. Wait a few seconds "
                    "and send it again. Nothing is saved."
                )
            )


class AnswerForm(forms.Form):
    way = forms.ChoiceField(
        label=_("How to answer"),
        choices=[
            (Way.WRITTEN.value, Way.WRITTEN.label),
            (Way.APPOINTMENT.value, Way.APPOINTMENT.label),
        ],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer"),
        max_length=10000,
        widget=forms.Textarea,
        required=False,
        help_text=_("For an appointment, what to bring or prepare (may be left empty)."),
    )
    appointment_at = forms.DateTimeField(
        label=_("Date and time of the consultation"),
        required=False,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    link = forms.URLField(label=_("Link to the online meeting"), required=False)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why the request is declined"), widget=forms.Textarea)


class LogForm(forms.Form):
    """A consultation given in person or at an event."""

    association = forms.ModelChoiceField(
        Association.objects.none(),
        label=_("Association"),
        required=False,
        empty_label=_("The methodical service"),
    )
    given_on = forms.DateField(label=_("Date"), widget=DateInput())
    way = forms.ChoiceField(
        label=_("Form"),
        choices=[
            (Way.IN_PERSON.value, Way.IN_PERSON.label),
            (Way.AT_EVENT.value, Way.AT_EVENT.label),
        ],
    )
    event = forms.ModelChoiceField(Event.objects.none(), label=_("Event"), required=False)
    asker = forms.ChoiceField(label=_("Who was consulted"), choices=Asker.choices)
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("May be left empty: the log counts consultations, not people."),
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)
    answer = forms.CharField(
        label=_("What was advised"), max_length=10000, widget=forms.Textarea, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        associations = _associations(user.municipality_id)
        if not user.is_methodist:
            associations = associations.filter(pk__in=user.headed_association_ids)
            self.fields["association"].required = True
            self.fields["association"].empty_label = None
        self.fields["association"].queryset = associations
        since = timezone.now() - dt.timedelta(days=400)  # this school year and the last
        self.fields["event"].queryset = Event.objects.filter(
            municipality_id=user.municipality_id, starts_at__gte=since
        ).order_by("-starts_at")
