import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from metodset.acts.models import Order, OrderKind


class OrderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrderKind.choices)
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = Order
        fields = ["q", "kind", "year"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(title__icontains=value))
