from django import forms

from metodset.core.forms import ScopedModelForm
from metodset.orgs.models import AuthorityHead, Organisation


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


class AuthorityHeadForm(ScopedModelForm):
    class Meta:
        model = AuthorityHead
        fields = ["position", "last_name", "first_name", "patronymic", "starts_on", "ends_on"]
