from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from metodset.acts.files import EXTENSIONS
from metodset.acts.models import Order
from metodset.core.forms import ScopedModelForm


class OrderFileInput(forms.ClearableFileInput):
    """The attached file links to the download view: order files have no public URL."""

    template_name = "acts/widgets/order_file_input.html"
    initial_text = _("Attached")
    input_text = _("Replace")
    clear_checkbox_label = _("Remove the file")

    def __init__(self, attrs=None):
        super().__init__({"accept": ",".join(f".{e}" for e in EXTENSIONS), **(attrs or {})})

    def is_initial(self, value) -> bool:
        # A stored file of a saved order; ClearableFileInput would ask it for its URL.
        instance = getattr(value, "instance", None)
        return bool(value and getattr(value, "name", "") and instance and instance.pk)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["download_url"] = reverse("acts:file", args=[value.instance.pk])
            context["widget"]["download_name"] = value.instance.download_name()
        return context


def order_choice_label(order: Order) -> str:
    """«Приказ № 12 от 01.09.2025 «О назначении…» (Назначение руководителя)»: two orders
    of one day differ by their titles, and the kind says why the order is offered."""
    title = order.title if len(order.title) <= 80 else f"{order.title[:79]}…"
    return _("%(order)s «%(title)s» (%(kind)s)") % {
        "order": order,
        "title": title,
        "kind": order.get_kind_display(),
    }


class OrderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Order) -> str:
        return order_choice_label(obj)


class OrderForm(ScopedModelForm):
    class Meta:
        model = Order
        fields = ["number", "date", "kind", "title", "issuer", "text", "file"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6}), "file": OrderFileInput}
        help_texts = {
            "issuer": _("Leave empty for the municipality's education authority."),
            "number": _("As on the signed order, e.g. 157 or 45-од."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].required = False
        municipality = self.user.municipality
        if self.instance.pk is None and municipality is not None:
            self.fields["issuer"].widget.attrs["placeholder"] = municipality.authority_name

    def clean_text(self) -> str:
        # Browsers send CRLF: without this every edit would record the text as changed.
        return self.cleaned_data["text"].replace("\r\n", "\n")
