from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.acts.models import Order
from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.core.forms import DateInput, ScopedModelForm
from metodset.people.models import Teacher


class AssociationForm(ScopedModelForm):
    class Meta:
        model = Association
        fields = [
            "kind",
            "name",
            "area",
            "teacher_category",
            "parent",
            "organisation",
            "founded_on",
            "creation_order",
            "description",
        ]


class HeadAssociationForm(ScopedModelForm):
    """What a head may change in his association: how it describes itself."""

    class Meta:
        model = Association
        fields = ["area", "teacher_category", "description"]


class MemberForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["teacher", "joined_on", "note"]
        widgets = {"joined_on": DateInput()}

    def __init__(self, *args, association: Association, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.association = association
        current = association.memberships.filter(left_on__isnull=True).values("teacher_id")
        # Choosing a colleague to add is not reading his personal data: the whole
        # municipality's working teachers are offered, names and schools only.
        self.fields["teacher"].queryset = (
            Teacher.objects.filter(municipality_id=association.municipality_id, is_active=True)
            .exclude(pk__in=current)
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )
        self.fields["teacher"].label_from_instance = lambda t: f"{t.full_name}, {t.organisation}"


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput())


class HeadForm(forms.ModelForm):
    class Meta:
        model = HeadAppointment
        fields = ["teacher", "order", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, association: Association, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.association = association
        self.fields["teacher"].queryset = Teacher.objects.filter(
            municipality_id=association.municipality_id, is_active=True
        ).order_by("last_name", "first_name")
        self.fields["order"].queryset = Order.objects.filter(
            municipality_id=association.municipality_id
        ).order_by("-date")


class LiquidationForm(forms.Form):
    on = forms.DateField(label=_("Liquidated on"), widget=DateInput())
    order = forms.ModelChoiceField(
        Order.objects.none(), label=_("Order of liquidation"), required=False
    )

    def __init__(self, *args, association: Association, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = Order.objects.filter(
            municipality_id=association.municipality_id
        ).order_by("-date")
