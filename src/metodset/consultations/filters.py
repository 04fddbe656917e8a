import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from metodset.associations.models import Association
from metodset.consultations.models import Asker, ConsultationRequest, Source, Status
from metodset.core.filters import FilterSet, YesNoFilter


class RequestFilter(FilterSet):
    """The log: per association, per methodist who answered, by status and source."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=Source.choices)
    asker = django_filters.ChoiceFilter(label=_("Who asks"), choices=Asker.choices)
    association = django_filters.ModelChoiceFilter(
        label=_("Association"), queryset=Association.objects.none()
    )
    service = YesNoFilter(
        label=_("Addressed to the methodical service"),
        field_name="association",
        lookup_expr="isnull",
    )
    answered_by = django_filters.NumberFilter(label=_("Answered by"), widget=forms.HiddenInput)

    class Meta:
        model = ConsultationRequest
        fields = ["q", "status", "source", "asker", "association", "service", "answered_by"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        self.filters["association"].queryset = Association.objects.for_user(user).order_by("name")

    def search(self, queryset, name, value):
        return queryset.filter(Q(topic__icontains=value) | Q(question__icontains=value))
