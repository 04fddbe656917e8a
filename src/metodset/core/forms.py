from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from metodset.core.models import Municipality

# Django 6.1's label of the empty choice; its Russian catalogue has no translation yet.
BLANK_CHOICE = gettext_noop("- Select an option -")


class DateInput(forms.DateInput):
    """A native date picker; the browser shows ДД.ММ.ГГГГ in a Russian locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_widgets(model: type[models.Model]) -> dict[str, forms.Widget]:
    return {f.name: DateInput() for f in model._meta.fields if isinstance(f, models.DateField)}


class PrivateFileInput(forms.ClearableFileInput):
    """The input of a private file: a stored file links to its checked download view.

    ClearableFileInput would ask the stored file for its URL, which a private
    file has not (metodset.core.files). `url_name` takes the record's pk.
    """

    template_name = "core/widgets/private_file_input.html"
    initial_text = _("Attached")
    input_text = _("Replace")
    clear_checkbox_label = _("Remove the file")

    def __init__(self, attrs=None, *, url_name: str, extensions: tuple[str, ...] = ()):
        accept = {"accept": ",".join(f".{e}" for e in extensions)} if extensions else {}
        super().__init__({**accept, **(attrs or {})})
        self.url_name = url_name

    def is_initial(self, value) -> bool:
        instance = getattr(value, "instance", None)
        return bool(value and getattr(value, "name", "") and instance and instance.pk)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            instance = value.instance
            download_name = getattr(instance, "download_name", None)
            context["widget"]["download_url"] = reverse(self.url_name, args=[instance.pk])
            context["widget"]["download_name"] = (
                download_name() if callable(download_name) else str(instance)
            )
        return context


class ScopedModelForm(forms.ModelForm):
    """A ModelForm that knows its user: related choices are limited to what he may see,
    and a platform admin creating a record picks its municipality."""

    scoped_fields: dict[str, str] = {}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "for_user"):
                field.queryset = queryset.for_user(user)
        if self.instance.pk is None and user.is_platform_admin:
            self.fields = {
                "municipality": forms.ModelChoiceField(
                    Municipality.objects.for_user(user).select_related("region"),
                    label=_("Municipality"),
                ),
                **self.fields,
            }

    def _post_clean(self):
        # The model's clean() compares related records' municipalities with its own:
        # give a new record its municipality before the form validates the model.
        if self.instance.pk is None and hasattr(self.instance, "municipality_id"):
            municipality = self.municipality()
            if municipality is not None:
                self.instance.municipality = municipality
        super()._post_clean()

    def municipality(self) -> Municipality:
        if self.instance.pk:
            return self.instance.municipality
        return getattr(self, "cleaned_data", {}).get("municipality") or self.user.municipality

    def model_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("municipality", None)
        return data


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError next to the field it concerns (on the form as a
    whole when the form has no such field)."""
    token = getattr(error, "token", None)
    if token and hasattr(form, "refresh_edit_token"):  # an EditConflict (core/concurrency.py)
        form.refresh_edit_token(token)
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
