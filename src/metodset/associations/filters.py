import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from metodset.associations.models import Association, AssociationKind, AssociationStatus


class AssociationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AssociationKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssociationStatus.choices)

    class Meta:
        model = Association
        fields = ["q", "kind", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(area__icontains=value))
