import copy

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.filters import FilterMethod


def _fresh(filter_):
    """A request's own copy of a declared filter, as django-filter's deep copy would give
    for everything a request changes: its attributes (a queryset or a label assigned in
    `__init__`), its `extra` (the field's arguments: choices assigned there), its field
    (built again from them) and its `method` (bound to the copy, so to this filter set).
    The values themselves (a choices list, a queryset, lazy labels) are the declared ones,
    shared: reassign them, never change them in place. A queryset is not evaluated by
    a filter (the form field takes a clone of it)."""
    fresh = copy.copy(filter_)
    fresh.extra = filter_.extra.copy()
    fresh.__dict__.pop("_field", None)
    if isinstance(filter_.__dict__.get("filter"), FilterMethod):
        fresh.method = filter_.method  # a FilterMethod of the copy, not of the declared one
    return fresh


class _DeclaredFilters(dict):
    """A filter set class's `base_filters`: django-filter deep-copies them for every
    instance (every list page); this gives the same isolation with shallow copies."""

    def __deepcopy__(self, memo):
        return {name: _fresh(filter_) for name, filter_ in self.items()}


class _OwnFields(dict):
    """The `base_fields` of a filter set's form class, made for one filter set instance:
    the form takes its filters' fields, new for this instance, instead of deep copies."""

    def __init__(self, fields, own):
        super().__init__(fields)
        self.own = frozenset(own)

    def __deepcopy__(self, memo):
        return {
            name: field if name in self.own else copy.deepcopy(field, memo)
            for name, field in self.items()
        }


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet without its two deep copies per request (issue #19): of
    the declared filters, and of the form's fields, which are built anew for each
    instance anyway. Each instance still has its own filters, fields and form."""

    @classmethod
    def get_filters(cls):
        return _DeclaredFilters(super().get_filters())

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields = _OwnFields(form_class.base_fields, own=self.filters)
        return form_class


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
