import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from metodset.associations.models import AssociationKind
from metodset.core.dates import SchoolYear
from metodset.core.filters import FilterSet
from metodset.plans.models import Plan, PlanStatus


def year_choices() -> list[tuple[int, str]]:
    current = SchoolYear.current().start_year
    return [(y, str(SchoolYear(y))) for y in range(current + 1, current - 6, -1)]


class PlanFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    school_year = django_filters.ChoiceFilter(
        label=_("School year"), choices=year_choices, empty_label=_("all")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PlanStatus.choices, empty_label=_("all")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        field_name="association__kind",
        choices=AssociationKind.choices,
        empty_label=_("all"),
    )

    class Meta:
        model = Plan
        fields = ["q", "school_year", "status", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(association__name__icontains=value) | Q(theme__icontains=value))


class AssociationPlanFilter(PlanFilter):
    """The plans of one association: no search by association or kind."""

    class Meta:
        model = Plan
        fields = ["school_year", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("q", None)
        self.filters.pop("kind", None)
