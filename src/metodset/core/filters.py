import django_filters
from django.utils.translation import gettext_lazy as _


class YesNoFilter(django_filters.TypedChoiceFilter):
    """A yes / no / all select ("Неизвестно" of BooleanFilter reads oddly in a filter bar)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("1", _("yes")), ("0", _("no"))])
        kwargs.setdefault("coerce", lambda value: value == "1")
        kwargs.setdefault("empty_label", _("all"))
        super().__init__(*args, **kwargs)
