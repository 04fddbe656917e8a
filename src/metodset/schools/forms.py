from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.accounts.models import Role, User
from metodset.associations.models import Association
from metodset.core.forms import DateInput
from metodset.orgs.models import Organisation, OrganisationKind
from metodset.pdorders.models import PlannedCourse
from metodset.people.models import Subject, Teacher
from metodset.schools.models import (
    Observation,
    ObservationCriterion,
    RiskCriterion,
    SupportMeasure,
    SupportPlan,
    Visit,
)
from metodset.schools.selectors import mentoring_choices


class RiskCriterionForm(forms.ModelForm):
    class Meta:
        model = RiskCriterion
        fields = ["name", "kind", "procedure", "threshold", "years", "is_active"]


class ObservationCriterionForm(forms.ModelForm):
    class Meta:
        model = ObservationCriterion
        fields = ["position", "name", "max_score", "is_active"]


class SupportPlanForm(forms.ModelForm):
    class Meta:
        model = SupportPlan
        fields = ["organisation", "school_year", "goal"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality=municipality, kind=OrganisationKind.SCHOOL
        )


class SupportMeasureForm(forms.ModelForm):
    class Meta:
        model = SupportMeasure
        fields = ["text", "methodist", "association", "deadline", "status", "mentoring", "course"]
        widgets = {"deadline": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["methodist"].queryset = User.objects.filter(
            municipality_id=plan.municipality_id, role=Role.METHODIST, is_active=True
        ).order_by("last_name", "first_name")
        self.fields["association"].queryset = Association.objects.filter(
            municipality_id=plan.municipality_id
        ).active()
        # Records of the plan's school year: the school's pairs, the municipality's courses.
        year = plan.year
        self.fields["mentoring"].queryset = mentoring_choices(plan)
        self.fields["course"].queryset = PlannedCourse.objects.filter(
            municipality_id=plan.municipality_id,
            starts_on__lte=year.ends_on,
            ends_on__gte=year.starts_on,
        )


class VisitForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["date", "visitor", "purpose", "findings"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.instance.municipality_id = plan.municipality_id
        self.fields["visitor"].queryset = User.objects.filter(
            municipality_id=plan.municipality_id, role=Role.METHODIST, is_active=True
        ).order_by("last_name", "first_name")


class ObservationForm(forms.ModelForm):
    """The lesson and, for each line of the municipality's form, a score."""

    class Meta:
        model = Observation
        fields = ["teacher", "subject", "grade", "topic", "recommendations", "acknowledged_on"]
        widgets = {"acknowledged_on": DateInput()}

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.visit = visit
        self.instance.municipality_id = visit.municipality_id
        self.fields["teacher"].queryset = Teacher.objects.filter(
            municipality_id=visit.municipality_id, organisation_id=visit.plan.organisation_id
        ).order_by("last_name", "first_name")
        self.fields["subject"].queryset = Subject.objects.available_in(visit.municipality)
        if self.instance.acknowledged_online:
            # The teacher's own confirmation in Metodset: not the methodist's to change.
            field = self.fields["acknowledged_on"]
            field.disabled = True
            field.help_text = _("The teacher acquainted himself in Metodset.")
        self.criteria = list(
            ObservationCriterion.objects.filter(
                municipality_id=visit.municipality_id, is_active=True
            )
        )
        current = {}
        if self.instance.pk:
            current = {s.criterion_id: s.score for s in self.instance.scores.all()}
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                initial=current.get(criterion.pk),
                help_text=_("From 0 to %(max)s.") % {"max": criterion.max_score},
            )

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}

    def model_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
