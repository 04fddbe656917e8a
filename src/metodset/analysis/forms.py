from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.analysis.models import Analysis, ExternalEvaluation, Section
from metodset.analysis.selectors import adoption_choices
from metodset.core.concurrency import EditTokenMixin
from metodset.core.dates import SchoolYear
from metodset.core.forms import DateInput
from metodset.meetings.models import AgendaItem
from metodset.plans.forms import decision_label


def year_choices() -> list[tuple[int, str]]:
    """The current school year and the two before it: an analysis looks back."""
    current = SchoolYear.current().start_year
    return [(y, str(SchoolYear(y))) for y in range(current, current - 3, -1)]


class GenerateForm(forms.Form):
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].choices = year_choices()
        self.fields["school_year"].initial = SchoolYear.current().start_year


class SectionForm(EditTokenMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["conclusions", "tasks"]
        widgets = {
            "conclusions": forms.Textarea(attrs={"rows": 6}),
            "tasks": forms.Textarea(attrs={"rows": 4}),
        }


class AdoptForm(forms.Form):
    decision = forms.ModelChoiceField(
        AgendaItem.objects.none(),
        label=_("Decision of the meeting"),
        help_text=_(
            "A question of a meeting already held, with its decision, e.g. "
            "«Принять анализ работы за учебный год»."
        ),
    )

    def __init__(self, *args, analysis: Analysis, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        field.queryset = adoption_choices(analysis)
        field.label_from_instance = decision_label


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should be reworked?"), widget=forms.Textarea(attrs={"rows": 4})
    )


class AcceptForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = ExternalEvaluation
        fields = ["evaluated_on", "evaluator", "result", "summary"]
        widgets = {
            "evaluated_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
