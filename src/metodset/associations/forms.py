from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from metodset.acts.forms import OrderChoiceField
from metodset.acts.models import Order, OrderKind
from metodset.associations.models import (
    Association,
    HeadAppointment,
    Membership,
    NetworkSubtype,
)
from metodset.associations.services import HEAD_FIELDS
from metodset.core.autocomplete import autocomplete
from metodset.core.concurrency import EditTokenMixin
from metodset.core.forms import DateInput, ScopedModelForm
from metodset.orgs.models import Organisation
from metodset.people.models import Teacher


def _orders(municipality_id: int, kind: str):
    """The municipality's orders of this kind (or «other»), newest first."""
    return Order.objects.filter(
        municipality_id=municipality_id, kind__in=[kind, OrderKind.OTHER]
    ).order_by("-date", "-pk")


def _order_help(field: forms.Field, kind: OrderKind, *, user, back: str) -> None:
    """Say which orders are offered and why, and offer to register the missing one: the
    order form comes back here with it chosen."""
    text = gettext(
        "Only orders of the kinds «%(kind)s» and «%(other)s» are offered, newest first: "
        "an order's kind is chosen when it is registered."
    ) % {"kind": kind.label, "other": OrderKind.OTHER.label}
    if not user.has_perm("acts.add_order"):
        field.help_text = text
        return
    url = f"{reverse('acts:create')}?{urlencode({'kind': kind.value, 'next': back})}"
    field.help_text = format_html(
        '{} <a href="{}">{}</a>', text, url, gettext("Not in the list? Register the order")
    )


def _teachers(municipality_id: int):
    return (
        Teacher.objects.working_in(municipality_id)
        .select_related("organisation")
        .order_by("last_name", "first_name", "patronymic")
    )


def _teacher_label(teacher: Teacher) -> str:
    return f"{teacher.full_name}, {teacher.organisation}"


def _order_kinds(kind: str) -> str:
    """The `kinds` filter of the orders picker: what `_orders` offers."""
    return f"{kind},{OrderKind.OTHER}"


class AssociationForm(EditTokenMixin, ScopedModelForm):
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
        field_classes = {"creation_order": OrderChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )
        self.fields["creation_order"].queryset = self.fields["creation_order"].queryset.filter(
            Q(kind__in=[OrderKind.CREATION, OrderKind.OTHER])
            | Q(pk=self.instance.creation_order_id)
        )
        back = (
            reverse("associations:edit", args=[self.instance.pk])
            if self.instance.pk
            else reverse("associations:create")
        )
        _order_help(self.fields["creation_order"], OrderKind.CREATION, user=user, back=back)
        municipality_id = self.instance.municipality_id or user.municipality_id
        autocomplete(
            self.fields["organisation"], "organisations", filters={"municipality": municipality_id}
        )
        autocomplete(
            self.fields["creation_order"],
            "orders",
            filters={"municipality": municipality_id, "kinds": _order_kinds(OrderKind.CREATION)},
        )


class HeadAssociationForm(EditTokenMixin, ScopedModelForm):
    """What a head may change in his association: how it describes itself."""

    class Meta:
        model = Association
        fields = list(HEAD_FIELDS)


class MemberForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["teacher", "joined_on", "note"]
        widgets = {"joined_on": DateInput()}

    def __init__(self, *args, association: Association, user, **kwargs):
        kwargs.setdefault("initial", {"joined_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.instance.association = association
        current = association.memberships.filter(left_on__isnull=True).values("teacher_id")
        self.fields["teacher"].queryset = _teachers(association.municipality_id).exclude(
            pk__in=current
        )
        self.fields["teacher"].label_from_instance = _teacher_label
        autocomplete(
            self.fields["teacher"],
            "teachers",
            filters={
                "municipality": association.municipality_id,
                "not_members_of": association.pk,
            },
        )


class LeaveForm(forms.Form):
    left_on = forms.DateField(
        label=_("Removed from the association on"),
        widget=DateInput(),
        help_text=_("From this day the teacher is no longer a member."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"left_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class HeadForm(forms.ModelForm):
    class Meta:
        model = HeadAppointment
        fields = ["teacher", "order", "minutes", "starts_on", "ends_on"]
        field_classes = {"order": OrderChoiceField}
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {
            "ends_on": _("The last day of the term, as the order says."),
        }

    def __init__(self, *args, association: Association, user, **kwargs):
        # `initial` may name an order just registered for this form (acts:create?next=).
        kwargs["initial"] = {"starts_on": timezone.localdate(), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.instance.association = association
        self.fields["teacher"].queryset = _teachers(association.municipality_id)
        self.fields["teacher"].label_from_instance = _teacher_label
        self.fields["order"].queryset = _orders(association.municipality_id, OrderKind.APPOINTMENT)
        back = reverse("associations:head_appoint", args=[association.pk])
        _order_help(self.fields["order"], OrderKind.APPOINTMENT, user=user, back=back)
        autocomplete(
            self.fields["teacher"],
            "teachers",
            filters={"municipality": association.municipality_id},
        )
        autocomplete(
            self.fields["order"],
            "orders",
            filters={
                "municipality": association.municipality_id,
                "kinds": _order_kinds(OrderKind.APPOINTMENT),
            },
        )
        # integration: the minutes of an election (regulations' head_selection rule).
        self.fields["minutes"].queryset = association.meetings.signed().order_by("-date")


class LiquidationForm(forms.Form):
    on = forms.DateField(
        label=_("Liquidated on"),
        widget=DateInput(),
        help_text=_("From this day the association has no members and no head."),
    )
    order = OrderChoiceField(Order.objects.none(), label=_("Order of liquidation"), required=False)

    def __init__(self, *args, association: Association, user, **kwargs):
        kwargs["initial"] = {"on": timezone.localdate(), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = _orders(association.municipality_id, OrderKind.LIQUIDATION)
        back = reverse("associations:liquidate", args=[association.pk])
        _order_help(self.fields["order"], OrderKind.LIQUIDATION, user=user, back=back)
        autocomplete(
            self.fields["order"],
            "orders",
            filters={
                "municipality": association.municipality_id,
                "kinds": _order_kinds(OrderKind.LIQUIDATION),
            },
        )


class NetworkForm(forms.Form):
    """What a network group is (004 §3.3.2): its structure, schools, task and planned end."""

    network_subtype = forms.ChoiceField(
        label=_("Network structure"), choices=NetworkSubtype.choices
    )
    base_organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label=_("Base organisations"),
        help_text=_("The schools on whose base the group works."),
    )
    partner_organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.none(), label=_("Partner organisations"), required=False
    )
    task = forms.CharField(
        label=_("Task"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The pedagogical or managerial task the group is created for."),
    )
    planned_end = forms.DateField(label=_("Planned end"), widget=DateInput(), required=False)

    def __init__(self, *args, association: Association, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "network_subtype": association.network_subtype,
                "base_organisations": list(association.base_organisations.all()),
                "partner_organisations": list(association.partner_organisations.all()),
                "task": association.task,
                "planned_end": association.planned_end,
            },
        )
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(
            municipality_id=association.municipality_id
        ).order_by("name")
        for name in ("base_organisations", "partner_organisations"):
            self.fields[name].queryset = organisations
            autocomplete(
                self.fields[name],
                "organisations",
                filters={"municipality": association.municipality_id},
            )


class NetworkReportForm(forms.Form):
    result_report = forms.CharField(
        label=_("Result report"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the group achieved against its task: products, practices, numbers."),
    )
    result_file = forms.FileField(
        label=_("Report file"),
        required=False,
        help_text=_(
            "Optional; a new file replaces the previous one. PDF, DOCX, ODT, PPTX or "
            "an image, up to 20 MB."
        ),
    )


class CompositionForm(forms.Form):
    order = OrderChoiceField(Order.objects.none(), label=_("Approving order"))

    def __init__(self, *args, association: Association, user, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = association.composition_approvals.values("order")
        self.fields["order"].queryset = _orders(
            association.municipality_id, OrderKind.COUNCIL
        ).exclude(pk__in=recorded)
        back = reverse("associations:composition_approve", args=[association.pk])
        _order_help(self.fields["order"], OrderKind.COUNCIL, user=user, back=back)
        autocomplete(
            self.fields["order"],
            "orders",
            filters={
                "municipality": association.municipality_id,
                "kinds": _order_kinds(OrderKind.COUNCIL),
            },
        )
