from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.core.models import Municipality
from metodset.imports.engine import IMPORTERS
from metodset.imports.layout import ColumnUse
from metodset.imports.models import ImportKind
from metodset.imports.synonyms import SKIP


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


class ColumnMappingForm(forms.Form):
    """The preview's «how each column was understood», editable: a field per column."""

    header_row = forms.IntegerField(
        label=_("Header row"),
        min_value=1,
        required=False,
        help_text=_("The number of the row with the column headers, as in the spreadsheet."),
    )

    def __init__(self, *args, job, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        self.importer = IMPORTERS[job.kind]
        choices = [("", _("— do not import —"))] + [
            (c.field, c.header) for c in self.importer.columns
        ]
        self.names = dict(choices)
        layout = job.layout or {}
        self.fields["header_row"].initial = (layout.get("header_rows") or [None])[0]
        self.uses = [ColumnUse(*entry) for entry in layout.get("columns", [])]
        for use in self.uses:
            self.fields[f"column_{use.index}"] = forms.ChoiceField(
                label=use.title,
                choices=choices,
                required=False,
                initial="" if use.field == SKIP else use.field,
                disabled=not job.can_remap,
            )
        self.fields["header_row"].disabled = not job.can_remap

    def rows(self):
        """(column use, its bound field, the name of its field) for the template's table."""
        return [
            (use, field, self.names.get(field.initial, ""))
            for use in self.uses
            for field in [self[f"column_{use.index}"]]
        ]

    def columns(self) -> dict[int, str]:
        return {use.index: self.cleaned_data.get(f"column_{use.index}", "") for use in self.uses}

    def clean(self):
        cleaned = super().clean()
        by_field: dict[str, list[str]] = {}
        provides = {c.field: (c.field, *c.provides) for c in self.importer.columns}
        headers = {c.field: c.header for c in self.importer.columns}
        for use in self.uses:
            chosen = cleaned.get(f"column_{use.index}")
            for name in provides.get(chosen, ()):
                by_field.setdefault(name, []).append(f"«{use.title}»")
        for name, titles in by_field.items():
            if len(titles) > 1:
                raise forms.ValidationError(
                    _("Columns %(columns)s are all mapped to «%(field)s»: keep one of them.")
                    % {"columns": ", ".join(titles), "field": headers[name]}
                )
        return cleaned
