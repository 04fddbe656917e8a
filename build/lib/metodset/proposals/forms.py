from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.associations.models import Association, Membership
from metodset.core.forms import DateInput
from metodset.events.models import EventForm, EventStatus, Nomination
from metodset.people.models import Teacher
from metodset.proposals.files import DRAFT_ACT_FILE
from metodset.proposals.models import DraftAct, DraftComment, Proposal, ProposalKind


class ProposalForm(forms.ModelForm):
    """The head's proposal: for one member of one of his associations."""

    records = forms.MultipleChoiceField(
        label=_("Records from the teacher's card"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick what the grounds cite: results, events, PD courses, practices."),
    )

    class Meta:
        model = Proposal
        fields = ["kind", "award", "nomination", "category", "grounds"]
        widgets = {"grounds": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, association: Association, teacher: Teacher, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["records"].choices = [(line, line) for line in lines]
        self.fields["nomination"].queryset = (
            Nomination.objects.filter(
                event__municipality_id=association.municipality_id,
                event__form=EventForm.COMPETITION,
                event__status=EventStatus.PLANNED,
            )
            .select_related("event")
            .order_by("event__starts_at", "name")
        )
        self.fields["nomination"].label_from_instance = lambda n: f"{n.event.title} — {n.name}"
        self.fields["award"].help_text = _("For a petition to reward.")
        self.fields["nomination"].help_text = _("For a nomination for a competition.")
        self.fields["category"].help_text = _("For a proposal on attestation.")
        self.instance.association = association
        self.instance.teacher = teacher
        self.instance.municipality_id = association.municipality_id


class TeacherChoiceForm(forms.Form):
    """Which association and which of its members the proposal is about."""

    association = forms.ModelChoiceField(Association.objects.none(), label=_("Association"))
    teacher = forms.ModelChoiceField(Teacher.objects.none(), label=_("Member"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        headed = Association.objects.filter(pk__in=user.headed_association_ids).order_by("name")
        if user.is_platform_admin:
            headed = Association.objects.active().order_by("name")
        self.fields["association"].queryset = headed
        members = Membership.objects.current().filter(association__in=headed)
        self.fields["teacher"].queryset = Teacher.objects.filter(
            pk__in=members.values("teacher_id")
        ).order_by("last_name", "first_name", "patronymic")


class DecisionForm(forms.Form):
    granted = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("grant")), ("0", _("refuse"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a refusal."),
    )


class DraftForm(forms.ModelForm):
    class Meta:
        model = DraftAct
        fields = ["title", "level", "summary", "file", "deadline", "associations"]
        widgets = {
            "deadline": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "associations": forms.CheckboxSelectMultiple,
        }
        help_texts = {"file": _("PDF or Word, up to 20 MB.")}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["associations"].queryset = (
            Association.objects.filter(municipality=municipality).active().order_by("name")
        )
        self.fields["file"].widget.attrs["accept"] = ",".join(
            f".{e}" for e in DRAFT_ACT_FILE.extensions
        )


class CommentForm(forms.ModelForm):
    association = forms.ModelChoiceField(Association.objects.none(), label=_("Association"))

    class Meta:
        model = DraftComment
        fields = ["association", "clause", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
        if len(associations) == 1:
            self.fields["association"].initial = associations[0].pk


class PositionForm(forms.Form):
    text = forms.CharField(
        label=_("Position of the association"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Compiled from the members' comments, clause by clause."),
    )


class AdoptForm(forms.Form):
    decision = forms.ModelChoiceField(queryset=None, label=_("Decision of the meeting"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = choices
        self.fields["decision"].label_from_instance = lambda q: (
            f"{q.meeting} — {q.position}. {q.title[:80]}"
        )


KIND_CHOICES = ProposalKind.choices
