import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from metodset.core.filters import FilterSet
from metodset.events.models import Event, EventForm, EventLevel


class EventFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    form = django_filters.ChoiceFilter(label=_("Form"), choices=EventForm.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=EventLevel.choices)
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("upcoming")), ("past", _("past"))],
        method="by_time",
        empty_label=_("all"),
    )

    class Meta:
        model = Event
        fields = ["q", "form", "level", "when"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def by_time(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now)
        if value == "past":
            return queryset.filter(ends_at__lt=now)
        return queryset
