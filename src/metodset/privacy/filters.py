from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from metodset.core.filters import FilterSet
from metodset.core.forms import DateInput
from metodset.privacy.models import AccessKind, AccessLogEntry


class AccessLogFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Whose data"), method="by_person")
    who = django_filters.CharFilter(label=_("Who"), method="by_user")
    kind = django_filters.ChoiceFilter(label=_("Access"), choices=AccessKind.choices)
    since = django_filters.DateFilter(
        label=_("Date from"), field_name="at", lookup_expr="date__gte", widget=DateInput()
    )
    until = django_filters.DateFilter(
        label=_("Date to"), field_name="at", lookup_expr="date__lte", widget=DateInput()
    )
    # The card's «who opened it» link narrows the log to one person.
    teacher = django_filters.NumberFilter(widget=forms.HiddenInput())

    class Meta:
        model = AccessLogEntry
        fields = ["q", "who", "kind", "since", "until", "teacher"]

    def by_person(self, queryset, name, value):
        return _every_word(queryset, value, "teacher", ("last_name", "first_name", "patronymic"))

    def by_user(self, queryset, name, value):
        return _every_word(queryset, value, "user", ("last_name", "first_name", "email"))


def _every_word(queryset, value: str, relation: str, fields: tuple[str, ...]):
    """Rows whose person has every word of `value` in one of `fields` («иванова мария»)."""
    for word in value.split():
        queryset = queryset.filter(
            reduce(or_, (Q(**{f"{relation}__{f}__icontains": word}) for f in fields))
        )
    return queryset
