from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.core.autocomplete import autocomplete
from metodset.core.files import EVENT_MATERIAL
from metodset.core.forms import ScopedModelForm
from metodset.events.models import Event, ParticipationRole
from metodset.events.models import EventForm as EventFormat  # the choices, not this form
from metodset.people.models import Teacher


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class EventForm(ScopedModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "form",
            "level",
            "association",
            "starts_at",
            "ends_at",
            "venue",
            "online_url",
            "capacity",
            "audience",
            "description",
            "stage_of",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["stage_of"].queryset = self.fields["stage_of"].queryset.filter(
            form__in=[
                EventFormat.COMPETITION,
                EventFormat.STUDENT_OLYMPIAD,
                EventFormat.STUDENT_COMPETITION,
            ]
        )
        for name in ("starts_at", "ends_at"):
            self.fields[name].widget = DateTimeInput()
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]
        self.fields["venue"].queryset = self.fields["venue"].queryset.filter(is_venue=True)
        municipality_id = self.instance.municipality_id or user.municipality_id
        autocomplete(
            self.fields["venue"],
            "organisations",
            filters={"municipality": municipality_id, "venue": 1},
        )
        if not (user.is_platform_admin or user.is_methodist):
            # A head announces events of the associations he heads.
            self.fields["association"].queryset = self.fields["association"].queryset.filter(
                pk__in=user.headed_association_ids
            )
            self.fields["association"].required = True


class RegisterMemberForm(forms.Form):
    teacher = forms.ModelChoiceField(Teacher.objects.none(), label=_("Teacher"))
    role = forms.ChoiceField(label=_("Role"), choices=ParticipationRole.choices)

    def __init__(self, *args, user, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = (
            Teacher.objects.working_in(event.municipality_id)
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )
        autocomplete(
            self.fields["teacher"], "teachers", filters={"municipality": event.municipality_id}
        )


class NominationForm(forms.Form):
    name = forms.CharField(label=_("Nomination"), max_length=300)


class EntryForm(forms.Form):
    nomination = forms.ModelChoiceField(queryset=None, label=_("Nomination"))
    teacher = forms.ModelChoiceField(Teacher.objects.none(), label=_("Teacher"))
    nominated_by = forms.ModelChoiceField(queryset=None, label=_("Put forward by"), required=False)

    def __init__(self, *args, user, event, own_only: bool = False, **kwargs):
        from metodset.associations.models import Association, Membership

        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = event.nominations.all()
        self.fields["teacher"].queryset = Teacher.objects.working_in(
            event.municipality_id
        ).order_by("last_name", "first_name")
        self.fields["nominated_by"].queryset = Association.objects.for_user(user).filter(
            municipality_id=event.municipality_id
        )
        if own_only:
            # A head puts forward members of the associations he heads, in their name.
            headed = Association.objects.filter(pk__in=user.headed_association_ids)
            self.fields["nominated_by"].queryset = headed
            self.fields["nominated_by"].required = True
            members = Membership.objects.current().filter(association__in=headed)
            self.fields["teacher"].queryset = self.fields["teacher"].queryset.filter(
                pk__in=members.values("teacher_id")
            )
        autocomplete(
            self.fields["teacher"], "teachers", filters={"municipality": event.municipality_id}
        )


class StudentResultForm(forms.ModelForm):
    class Meta:
        from metodset.events.models import StudentResult

        model = StudentResult
        fields = [
            "organisation",
            "grade",
            "participants",
            "winners",
            "prize_winners",
            "winner_names",
        ]

    def __init__(self, *args, event, **kwargs):
        from metodset.orgs.models import Organisation

        super().__init__(*args, **kwargs)
        self.instance.event = event
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality_id=event.municipality_id
        )
        autocomplete(
            self.fields["organisation"],
            "organisations",
            filters={"municipality": event.municipality_id},
        )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, PPTX, XLSX, ODT, ODP, JPG, PNG or ZIP, up to 20 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{e}" for e in EVENT_MATERIAL.extensions)}
        ),
    )
