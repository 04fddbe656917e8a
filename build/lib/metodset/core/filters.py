import django_filters
from django.utils.translation import gettext_lazy as _


class YesNoFilter(django_filters.ChoiceFilter):
    """A yes / no / all select ("Неизвестно" of BooleanFilter reads oddly in a filter bar)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("1", _("yes")), ("0", _("no"))])
        kwargs.setdefault("empty_label", _("all"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in ("1", "0"):
            return super().filter(qs, value == "1")
        return qs
