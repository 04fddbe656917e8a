import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from metodset.core.filters import FilterSet, YesNoFilter
from metodset.meetings.models import Meeting
from metodset.plans.filters import year_choices


class MeetingFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    school_year = django_filters.ChoiceFilter(
        label=_("School year"), choices=year_choices, empty_label=_("all")
    )
    signed = YesNoFilter(label=_("Minutes signed"), method="filter_signed")

    class Meta:
        model = Meeting
        fields = ["q", "school_year", "signed"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(association__name__icontains=value) | Q(agenda__title__icontains=value)
        ).distinct()

    def filter_signed(self, queryset, name, value):
        if value in ("1", "0"):
            return queryset.filter(signed_at__isnull=value == "0")
        return queryset


class AssociationMeetingFilter(MeetingFilter):
    class Meta:
        model = Meeting
        fields = ["school_year", "signed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("q", None)
