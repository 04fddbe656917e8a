from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.core.models import Municipality
from metodset.imports.models import ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to import"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("Excel (.xlsx) or CSV in UTF-8 or Windows-1251 with «;» or «,», up to 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.is_platform_admin:
            self.fields["municipality"] = forms.ModelChoiceField(
                Municipality.objects.for_user(user), label=_("Municipality")
            )

    def municipality(self) -> Municipality:
        return self.cleaned_data.get("municipality") or self.user.municipality
