from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from metodset.privacy import selectors


class ConsentMixin:
    """Asks for consent where a person enters his own data (152-ФЗ art. 9).

    Until the user has agreed to the text in force for `consent_purpose`, the form has
    a required, unticked «I agree» box with a link to that text; `consent_text` is then
    the text to record on saving (privacy.services.consent_saving), None otherwise.
    """

    consent_purpose: str

    def __init__(self, *args, consent_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # No user (an anonymous answer, someone else's data): nothing to agree to.
        self.consent_text = (
            selectors.consent_needed(user=consent_user, purpose=self.consent_purpose)
            if consent_user is not None
            else None
        )
        if self.consent_text is not None:
            text = self.consent_text
            self.fields["consent"] = forms.BooleanField(
                label=_("I agree to the processing of the personal data I enter"),
                required=True,
                error_messages={
                    "required": _("Without your consent the data cannot be saved."),
                },
                help_text=format_html(
                    '<a href="{}" target="_blank" rel="noopener">{}</a>',
                    text.get_absolute_url(),
                    _("The text of the consent, version %(version)s of %(date)s")
                    % {"version": text.version, "date": text.effective_from.strftime("%d.%m.%Y")},
                ),
            )

    def model_data(self) -> dict:
        data = super().model_data()
        data.pop("consent", None)
        return data


class AnonymiseForm(forms.Form):
    """Anonymisation cannot be undone: the user types the person's last name to confirm."""

    last_name = forms.CharField(label=_("Last name"), max_length=100)

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher = teacher
        self.fields["last_name"].help_text = _(
            "To confirm, type the last name of the person: %(name)s."
        ) % {"name": teacher.last_name}

    def clean_last_name(self) -> str:
        value = self.cleaned_data["last_name"].strip()
        if value.casefold() != self.teacher.last_name.strip().casefold():
            raise forms.ValidationError(_("The last name does not match."))
        return value
