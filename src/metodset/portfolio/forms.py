from django import forms
from django.utils.translation import gettext_lazy as _

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
        widgets = {"teachers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teachers"].queryset = (
            members if members is not None else Teacher.objects.none()
        )
