from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.core.autocomplete import autocomplete
from metodset.people.models import Teacher
from metodset.portfolio.files import PORTFOLIO_FILE
from metodset.portfolio.models import Curriculum


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("%(types)s, up to %(mb)s MB")
        % {
            "types": ", ".join(e.upper() for e in PORTFOLIO_FILE.extensions),
            "mb": PORTFOLIO_FILE.max_mb,
        },
    )


class CurriculumForm(forms.ModelForm):
    class Meta:
        model = Curriculum
        fields = ["kind", "title", "authors", "grades", "teachers", "note"]

    def __init__(self, *args, members=None, association=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teachers"].queryset = (
            members if members is not None else Teacher.objects.none()
        )
        if association is not None:
            autocomplete(
                self.fields["teachers"],
                "teachers",
                filters={"municipality": association.municipality_id, "members_of": association.pk},
            )
        else:
            self.fields["teachers"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["teachers"].choices
            )
