from django import forms

from metodset.core.forms import ScopedModelForm
from metodset.orgs.models import Organisation


class OrganisationForm(ScopedModelForm):
    class Meta:
        model = Organisation
        fields = [
            "kind",
            "name",
            "short_name",
            "director",
            "address",
            "phone",
            "email",
            "website",
            "is_venue",
            "venue_capacity",
        ]
        widgets = {"address": forms.TextInput()}
