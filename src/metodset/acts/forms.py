from django import forms

from metodset.acts.models import Order
from metodset.core.forms import ScopedModelForm


class OrderForm(ScopedModelForm):
    class Meta:
        model = Order
        fields = ["number", "date", "kind", "title", "issuer", "text", "file"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].required = False
