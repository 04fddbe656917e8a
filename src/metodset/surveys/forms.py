import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from metodset.core.filters import FilterSet
from metodset.core.forms import ScopedModelForm
from metodset.privacy.forms import ConsentMixin
from metodset.privacy.models import ConsentPurpose
from metodset.surveys.models import Question, QuestionKind, Survey, SurveyKind, SurveyStatus


class SurveyForm(ScopedModelForm):
    blank = forms.BooleanField(
        label=_("Start from a blank survey"),
        required=False,
        help_text=_(
            "Otherwise the questionnaire shipped for the kind is filled in "
            "(satisfaction, professional needs, event feedback); it can be edited."
        ),
    )

    class Meta:
        model = Survey
        fields = [
            "kind",
            "title",
            "description",
            "audience",
            "association",
            "event",
            "anonymous",
            "opens_on",
            "closes_on",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Empty: the title of the shipped questionnaire.")
        associations = self.fields["association"].queryset.active().order_by("name")
        if not (user.is_platform_admin or user.is_methodist):
            # A head surveys the members of the associations he heads, nobody else.
            associations = associations.filter(pk__in=user.headed_association_ids)
            self.fields["audience"].choices = [("association", _("members of an association"))]
        self.fields["association"].queryset = associations
        self.fields["event"].queryset = (
            self.fields["event"].queryset.filter(
                Q(association__in=associations) | Q(association__isnull=True)
                if user.is_platform_admin or user.is_methodist
                else Q(association__in=associations)
            )
        ).order_by("-starts_at")
        if self.instance.pk:
            del self.fields["blank"]
            if self.instance.responses.exists():
                for name in ("kind", "audience", "association", "event", "anonymous"):
                    self.fields[name].disabled = True
        else:
            today = timezone.localdate()
            self.initial.setdefault("opens_on", today)
            self.initial.setdefault("closes_on", today + dt.timedelta(days=14))

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        if audience != "association":
            data["association"] = None
        if audience != "event":
            data["event"] = None
        return data

    def model_data(self) -> dict:
        data = super().model_data()
        data.pop("blank", None)
        return data

    def from_blueprint(self) -> bool:
        return not self.cleaned_data.get("blank")


class QuestionForm(forms.ModelForm):
    choice_lines = forms.CharField(
        label=_("Answer options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line; for the questions with one or several answers."),
    )

    class Meta:
        model = Question
        fields = ["text", "kind", "required", "is_overall"]

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.survey = survey
        if self.instance.pk:
            self.initial["choice_lines"] = "\n".join(c.text for c in self.instance.choices.all())
        if survey.kind != SurveyKind.SATISFACTION:
            del self.fields["is_overall"]

    def choices(self) -> list[str]:
        return self.cleaned_data.get("choice_lines", "").splitlines()

    def model_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("choice_lines", None)
        return data


class InvitationForm(forms.Form):
    teachers = forms.MultipleChoiceField(
        label=_("Addressees"), widget=forms.CheckboxSelectMultiple, required=True
    )
    fmt = forms.ChoiceField(
        label=_("Format"),
        choices=[("page", _("a page to print")), ("xlsx", _("an Excel file"))],
        initial="page",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, waiting: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teachers"].choices = [(t.pk, t.full_name) for t in waiting]
        self.initial.setdefault("teachers", [t.pk for t in waiting])


class AnswerForm(ConsentMixin, forms.Form):
    """The questionnaire as a form: one field per question, Russian messages on required ones.
    An identified answer keeps the person's name with it: given `consent_user`, he is asked
    for his consent (privacy.forms.ConsentMixin)."""

    consent_purpose = ConsentPurpose.SURVEY

    def __init__(self, *args, survey: Survey, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, 1):
            label = f"{number}. {question.text}"
            required = question.required
            messages = {"required": _("Please answer this question.")}
            if question.kind == QuestionKind.TEXT:
                field = forms.CharField(
                    label=label,
                    required=required,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    error_messages=messages,
                )
            elif question.scale:
                field = forms.TypedChoiceField(
                    label=label,
                    required=required,
                    coerce=int,
                    empty_value=None,
                    choices=[(n, str(n)) for n in question.scale],
                    widget=forms.RadioSelect(attrs={"class": "scale"}),
                    error_messages=messages,
                )
            else:
                choices = [(c.pk, c.text) for c in question.choices.all()]
                if question.kind == QuestionKind.MULTIPLE:
                    field = forms.TypedMultipleChoiceField(
                        label=label,
                        required=required,
                        coerce=int,
                        choices=choices,
                        widget=forms.CheckboxSelectMultiple,
                        error_messages=messages,
                    )
                else:
                    field = forms.TypedChoiceField(
                        label=label,
                        required=required,
                        coerce=int,
                        empty_value=None,
                        choices=choices,
                        widget=forms.RadioSelect,
                        error_messages=messages,
                    )
            field.question = question
            self.fields[f"q{question.pk}"] = field

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class SurveyFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=SurveyKind.choices, empty_label=_("all")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=SurveyStatus.choices, empty_label=_("all")
    )

    class Meta:
        model = Survey
        fields = ["q", "kind", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(association__name__icontains=value))
