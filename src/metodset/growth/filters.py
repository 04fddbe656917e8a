import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from metodset.associations.models import Association, Membership
from metodset.core.dates import SchoolYear
from metodset.core.filters import FilterSet, YesNoFilter
from metodset.growth.models import Attestation, PDCourse
from metodset.people.models import Teacher


def _year_choices():
    current = SchoolYear.current().start_year
    return [(str(y), str(SchoolYear(y))) for y in range(current + 4, current - 4, -1)]


class ScheduleFilter(FilterSet):
    association = django_filters.ModelChoiceFilter(
        label=_("Association"), queryset=Association.objects.none(), method="by_association"
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["association"].queryset = Association.objects.for_user(request.user).active()
        self.form.fields["association"].queryset = self.filters["association"].queryset

    def by_association(self, queryset, name, value):
        members = Membership.objects.current().filter(association=value).values("teacher_id")
        field = "pk" if queryset.model is Teacher else "teacher_id"
        return queryset.filter(**{f"{field}__in": members})


class AttestationFilter(ScheduleFilter):
    year = django_filters.ChoiceFilter(
        label=_("School year"), choices=_year_choices, method="by_year", empty_label=_("all")
    )

    class Meta:
        model = Attestation
        fields = ["association", "year"]

    def by_year(self, queryset, name, value):
        year = SchoolYear(int(value))
        return queryset.filter(expires_on__range=(year.starts_on, year.ends_on))


class CourseFilter(ScheduleFilter):
    year = django_filters.ChoiceFilter(
        label=_("School year"), choices=_year_choices, method="by_year", empty_label=_("all")
    )
    in_federal_registry = YesNoFilter(label=_("In the federal registry"))

    class Meta:
        model = PDCourse
        fields = ["association", "year", "in_federal_registry"]

    def by_year(self, queryset, name, value):
        year = SchoolYear(int(value))
        return queryset.filter(Q(starts_on__lte=year.ends_on) & Q(ends_on__gte=year.starts_on))


class YoungFilter(ScheduleFilter):
    class Meta:
        model = Teacher
        fields = ["association"]
