from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.documents.services import check_template


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Template (.docx)"),
        help_text=_("A Word document with the fields of this kind in {{ double braces }}."),
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        check_template(uploaded, self.kind)
        return uploaded
