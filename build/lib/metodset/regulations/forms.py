from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.associations.models import AssociationKind
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality

MAX_SIZE = 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("YAML file"),
        required=False,
        help_text=_(
            "Up to 1 MB. Start from the YAML of the version in force (the «Export YAML» "
            "button on the regulation's page) and change its rules."
        ),
    )
    text = forms.CharField(
        label=_("…or paste the YAML"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.is_platform_admin:
            self.fields["municipality"] = forms.ModelChoiceField(
                Municipality.objects.for_user(user), label=_("Municipality")
            )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if not upload.name.lower().endswith((".yaml", ".yml")):
                raise forms.ValidationError(_("Upload a .yaml file."))
            if upload.size > MAX_SIZE:
                raise forms.ValidationError(_("The file is larger than 1 MB."))
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise forms.ValidationError(_("The file is not UTF-8 text.")) from error
        if not data.get("text"):
            raise forms.ValidationError(_("Choose a file or paste the text."))
        return data

    def municipality(self):
        return self.cleaned_data.get("municipality") or self.user.municipality


def year_choices():
    current = SchoolYear.current().start_year
    return [(str(y), str(SchoolYear(y))) for y in range(current, current - 4, -1)]


class MatrixFilter(forms.Form):
    year = forms.ChoiceField(label=_("School year"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    problems = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("all associations")), ("1", _("only with violations or risks"))],
    )

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        self.fields["kind"].choices = [("", _("all")), *AssociationKind.choices]
        if municipalities is not None:
            self.fields["municipality"] = forms.ChoiceField(
                label=_("Municipality"),
                required=False,
                choices=[("", _("summary of the region"))]
                + [(str(m.pk), str(m)) for m in municipalities],
            )
