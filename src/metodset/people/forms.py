from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.core.autocomplete import autocomplete
from metodset.core.concurrency import EditTokenMixin
from metodset.core.dates import SchoolYear
from metodset.core.forms import ScopedModelForm
from metodset.people.models import Subject, Teacher
from metodset.people.services import PERSONAL_FIELDS
from metodset.privacy.forms import ConsentMixin
from metodset.privacy.models import ConsentPurpose

PERSONAL = list(PERSONAL_FIELDS)


class SubjectsInMunicipality:
    """Subjects offered to a card: the built-in ones and its municipality's own.

    A platform admin creating a card has no municipality yet: he sees every
    subject and the service refuses one of another municipality.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("subjects")
        municipality = self.instance.municipality if self.instance.pk else self.user.municipality
        if field is not None and municipality is not None:
            field.queryset = Subject.objects.available_in(municipality)


class TeacherForm(EditTokenMixin, SubjectsInMunicipality, ScopedModelForm):
    """The methodist's form: every field of the card."""

    class Meta:
        model = Teacher
        fields = [
            "last_name",
            "first_name",
            "patronymic",
            "gender",
            "birth_date",
            "organisation",
            "position",
            *PERSONAL,
            "teaching_since",
            "working_since",
            "category",
            "category_assigned_on",
            "is_active",
        ]
        widgets = {
            "awards": forms.Textarea(attrs={"rows": 3}),
            "honorary_titles": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        municipality_id = self.instance.municipality_id or self.user.municipality_id
        autocomplete(
            self.fields["organisation"], "organisations", filters={"municipality": municipality_id}
        )


class OwnProfileForm(EditTokenMixin, ConsentMixin, SubjectsInMunicipality, ScopedModelForm):
    """What a teacher keeps up to date himself; his post and category are the methodist's.
    He is asked for his consent to the text in force until he has given it."""

    consent_purpose = ConsentPurpose.PROFILE

    class Meta:
        model = Teacher
        fields = PERSONAL
        widgets = TeacherForm.Meta.widgets


class ThemeForm(forms.Form):
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int)
    theme = forms.CharField(label=_("Self-education theme"), max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = SchoolYear.current()
        years = [current.previous, current, SchoolYear(current.start_year + 1)]
        self.fields["school_year"].choices = [(y.start_year, str(y)) for y in years]
        self.fields["school_year"].initial = current.start_year
