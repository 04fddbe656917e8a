import django_filters
from django.utils.translation import gettext_lazy as _

from metodset.core.dates import SchoolYear
from metodset.core.filters import FilterSet
from metodset.orgs.models import Organisation, OrganisationKind
from metodset.schools.models import Procedure, Result


def _year_choices():
    current = SchoolYear.current().start_year
    return [(str(y), str(SchoolYear(y))) for y in range(current, current - 6, -1)]


class ResultFilter(FilterSet):
    school_year = django_filters.ChoiceFilter(
        label=_("School year"), choices=_year_choices, empty_label=_("all")
    )
    procedure = django_filters.ChoiceFilter(
        label=_("Procedure"), choices=Procedure.choices, empty_label=_("all")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("School"), queryset=Organisation.objects.none()
    )

    class Meta:
        model = Result
        fields = ["school_year", "procedure", "organisation"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        schools = Organisation.objects.for_user(request.user).filter(kind=OrganisationKind.SCHOOL)
        self.filters["organisation"].queryset = schools
        self.form.fields["organisation"].queryset = schools
