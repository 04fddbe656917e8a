from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.associations.models import Association
from metodset.core.autocomplete import autocomplete
from metodset.core.concurrency import EditTokenMixin
from metodset.core.forms import DateInput
from metodset.core.models import Municipality
from metodset.meetings.models import AgendaItem, Attachment, Guest, Meeting
from metodset.orgs.models import Organisation
from metodset.people.models import Teacher


class ReasonMixin:
    """After sign-off every correction states its reason (kept in the history)."""

    def add_reason(self, meeting: Meeting | None) -> None:
        if meeting is not None and meeting.is_signed:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the correction"),
                help_text=_("The minutes are signed: the reason is kept with the change."),
                max_length=1000,
            )

    def reason(self) -> str:
        return self.cleaned_data.get("reason", "")

    def model_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        data.pop("agenda", None)
        return data


class MeetingForm(EditTokenMixin, ReasonMixin, forms.ModelForm):
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question per line; you can add and edit them later."),
    )

    class Meta:
        model = Meeting
        fields = ["date", "starts_at", "venue", "place_note", "online_url", "chair", "secretary"]
        widgets = {"date": DateInput(), "starts_at": forms.TimeInput(attrs={"type": "time"})}

    def __init__(self, *args, user, association: Association, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.instance
        meeting.association = association
        meeting.municipality_id = association.municipality_id
        self.fields["venue"].queryset = Organisation.objects.for_user(user).filter(
            municipality_id=association.municipality_id
        )
        teachers = Teacher.objects.working_in(association.municipality_id).order_by(
            "last_name", "first_name", "patronymic"
        )
        self.fields["chair"].queryset = teachers
        self.fields["secretary"].queryset = teachers
        municipality = {"municipality": association.municipality_id}
        autocomplete(self.fields["venue"], "organisations", filters=municipality)
        autocomplete(self.fields["chair"], "teachers", filters=municipality)
        autocomplete(self.fields["secretary"], "teachers", filters=municipality)
        if meeting.pk:
            del self.fields["agenda"]
            self.add_reason(meeting)
        else:
            self.fields["chair"].help_text = _("Empty: the head in office on the date.")

    def _post_clean(self):
        # A new meeting's school year follows its date; the service numbers it.
        if self.instance.pk is None and self.cleaned_data.get("date"):
            from metodset.core.dates import SchoolYear

            self.instance.school_year = SchoolYear.of(self.cleaned_data["date"]).start_year
            self.instance.number = 1
        super()._post_clean()

    def agenda_lines(self) -> list[str]:
        text = self.cleaned_data.get("agenda", "")
        return [line.strip() for line in text.splitlines() if line.strip()]


class AgendaItemForm(EditTokenMixin, ReasonMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "speakers", "discussion", "decision"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "speakers": forms.Textarea(attrs={"rows": 3}),
            "discussion": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_reason(meeting)


class DecisionForm(forms.ModelForm):
    """Who carries a decision out, by when, and where it stands."""

    class Meta:
        model = AgendaItem
        fields = ["responsible", "due_on", "decision_status"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = Teacher.objects.working_in(
            meeting.municipality_id
        ).order_by("last_name", "first_name", "patronymic")


class GuestForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Guest
        fields = ["name", "position"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_reason(meeting)


class ReasonForm(ReasonMixin, forms.Form):
    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_reason(meeting)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file"]
        help_texts = {
            "file": _("PDF, Word, Excel, PowerPoint, OpenDocument, JPEG or PNG, up to 20 MB.")
        }


class MinutesSettingsForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["absence_reasons_in_minutes"]
        widgets = {"absence_reasons_in_minutes": forms.RadioSelect}
