import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from metodset.acts.models import Order, OrderKind
from metodset.acts.selectors import order_years
from metodset.core.filters import FilterSet


class OrderFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Number or title"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrderKind.choices, empty_label=_("all")
    )
    year = django_filters.ChoiceFilter(label=_("Year"), choices=[], empty_label=_("all"))

    class Meta:
        model = Order
        fields = ["q", "kind", "year"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Only the years that have orders in the user's scope (one query).
        years = order_years(user=request.user)
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in years]

    def search(self, queryset, name, value):
        value = value.strip().lstrip("№").strip()
        return queryset.filter(Q(number__icontains=value) | Q(title__icontains=value))
