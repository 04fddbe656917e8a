from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


class AssessmentForm(forms.Form):
    value = forms.DecimalField(
        label=_("Value, %"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=4,
        decimal_places=1,
        localize=True,
    )
    comment = forms.CharField(
        label=_("Grounds"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the assessment rests on: items of the roadmap done, documents seen."),
    )


class _TargetField(forms.DecimalField):
    """A number with a comma or a point; empty means no target."""

    def to_python(self, value):
        return super().to_python(
            value.strip().replace(",", ".") if isinstance(value, str) else value
        )


class TargetsForm(forms.Form):
    """The municipality's target of each indicator of the catalogue (empty: none)."""

    def __init__(self, *args, current: dict[str, Decimal], **kwargs):
        from metodset.indicators.catalogue import CATALOGUE

        kwargs.setdefault("auto_id", "target-%s")
        super().__init__(*args, initial=current, **kwargs)
        self.indicators = CATALOGUE
        share = _("A share is from 0 to 100.")
        for code, indicator in CATALOGUE.items():
            percent = indicator.unit == "%"
            self.fields[code] = _TargetField(
                label=f"{indicator.name} ({indicator.unit})",
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(100) if percent else None,
                error_messages={"min_value": share, "max_value": share},
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )

    def values(self) -> dict[str, Decimal | None]:
        return {code: self.cleaned_data.get(code) for code in self.indicators}
