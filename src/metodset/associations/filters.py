import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from metodset.associations.models import (
    Association,
    AssociationKind,
    AssociationStatus,
    NetworkSubtype,
)
from metodset.core.filters import FilterSet


def _parents(request):
    """Associations that include others (an РМО with its ШМО), among those the user sees."""
    if request is None:
        return Association.objects.none()
    return (
        Association.objects.for_user(request.user)
        .filter(pk__in=Association.objects.filter(parent__isnull=False).values("parent"))
        .order_by("name")
    )


class AssociationFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AssociationKind.choices)
    network_subtype = django_filters.ChoiceFilter(
        label=_("Network structure"), choices=NetworkSubtype.choices
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssociationStatus.choices)
    area = django_filters.CharFilter(label=_("Subject or area"), lookup_expr="icontains")
    parent = django_filters.ModelChoiceFilter(label=_("Part of"), queryset=_parents)

    class Meta:
        model = Association
        fields = ["q", "kind", "network_subtype", "status", "area", "parent"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(area__icontains=value)
            | Q(teacher_category__icontains=value)
        )
