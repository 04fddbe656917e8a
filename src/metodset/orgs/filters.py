import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from metodset.core.filters import FilterSet, YesNoFilter
from metodset.orgs.models import Organisation, OrganisationKind


class OrganisationFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    is_venue = YesNoFilter(label=_("Can host events"))

    class Meta:
        model = Organisation
        fields = ["q", "kind", "is_venue"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(short_name__icontains=value) | Q(address__icontains=value)
        )
