import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from metodset.associations.models import Association
from metodset.calendars.selectors import KINDS
from metodset.core.models import Municipality

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthInput(forms.TextInput):
    input_type = "month"


class CalendarForm(forms.Form):
    """The month and the filters of a calendar page, read from the query string.

    A value that cannot be read is an error shown above the calendar; the page then shows
    the current month (or everything for a filter) instead of failing.
    """

    month = forms.CharField(label=_("Month"), required=False, widget=MonthInput)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *KINDS.items()]
    )

    def __init__(self, data, *, user, association: Association | None = None):
        if data is not None and not data.get("month"):
            # The month field names the month on show, also when the address gives none.
            data = data.copy()
            data["month"] = f"{timezone.localdate():%Y-%m}"
        super().__init__(data, initial={"month": f"{timezone.localdate():%Y-%m}"})
        self.association = association
        if association is not None:
            self.municipality = association.municipality
            return
        municipalities = Municipality.objects.for_user(user)
        own = user.municipality_id
        if own is None:
            # A coordinator or an administrator oversees several municipalities: he picks one.
            self.fields["municipality"] = forms.ModelChoiceField(
                municipalities, label=_("Municipality"), required=False, empty_label=None
            )
        self.municipality = self._chosen_municipality(municipalities, own)
        self.fields["association"] = forms.ModelChoiceField(
            Association.objects.for_user(user)
            .filter(municipality=self.municipality)
            .order_by("name"),
            label=_("Association"),
            required=False,
            empty_label=_("All associations"),
        )

    def _chosen_municipality(self, municipalities, own: int | None) -> Municipality | None:
        if own is not None:
            return municipalities.filter(pk=own).first()
        raw = (self.data or {}).get("municipality")
        if raw and raw.isdigit():
            chosen = municipalities.filter(pk=raw).first()
            if chosen is not None:
                return chosen
        return municipalities.first()

    def clean_month(self) -> dt.date:
        value = self.cleaned_data["month"].strip()
        if not value:
            return timezone.localdate().replace(day=1)
        match = MONTH.match(value)
        if match:
            year, month = int(match[1]), int(match[2])
            if 1 <= month <= 12 and 1900 < year < 2200:
                return dt.date(year, month, 1)
        raise forms.ValidationError(_("Give the month as YYYY-MM, e.g. 2025-11."))

    def value(self, name: str, default=None):
        """A valid filter value, or the default when it is missing or wrong."""
        if not self.is_bound or name not in self.fields:
            return default
        self.is_valid()
        return self.cleaned_data.get(name) or default

    @property
    def first_day(self) -> dt.date:
        return self.value("month", timezone.localdate().replace(day=1))
