import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from metodset.core.autocomplete import autocomplete
from metodset.core.filters import FilterSet, YesNoFilter
from metodset.orgs.models import Organisation
from metodset.people.models import Category, EducationLevel, Subject, Teacher


class TeacherFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices)
    subject = django_filters.ModelChoiceFilter(
        label=_("Subject"), queryset=Subject.objects.none(), field_name="subjects"
    )
    education_level = django_filters.ChoiceFilter(
        label=_("Education"), choices=EducationLevel.choices
    )
    young = YesNoFilter(label=_("Young teacher"), method="by_young")
    is_active = YesNoFilter(label=_("Works now"))

    class Meta:
        model = Teacher
        fields = [
            "q",
            "organisation",
            "category",
            "subject",
            "education_level",
            "young",
            "is_active",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["organisation"].queryset = Organisation.objects.for_user(request.user)
        self.form.fields["organisation"].queryset = self.filters["organisation"].queryset
        # A search box, not a select of every school of the municipality (issue #19).
        autocomplete(self.form.fields["organisation"], "organisations")
        self.filters["subject"].queryset = Subject.objects.for_user(request.user)
        self.form.fields["subject"].queryset = self.filters["subject"].queryset

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(last_name__icontains=value)
            | Q(first_name__icontains=value)
            | Q(patronymic__icontains=value)
            | Q(email__icontains=value)
            | Q(position__icontains=value)
        )

    def by_young(self, queryset, name, value):
        young = Teacher.objects.young().values("pk")
        return queryset.filter(pk__in=young) if value == "1" else queryset.exclude(pk__in=young)
