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
