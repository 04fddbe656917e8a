from django import forms
from django.utils.translation import gettext_lazy as _

from metodset.acts.models import Order
from metodset.core.files import ORDER
from metodset.core.forms import PrivateFileInput, ScopedModelForm

ORDER_FILE_INPUT = PrivateFileInput(url_name="acts:file", extensions=ORDER.extensions)


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
        widgets = {"text": forms.Textarea(attrs={"rows": 6}), "file": ORDER_FILE_INPUT}
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
