"""Django's password views with the project's limits and their consequences."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.accounts.services import password_changed
from metodset.core.dates import time_label
from metodset.core.network import client_ip
from metodset.core.ratelimit import RateLimit

SIMPLE = "registration/simple.html"


class PasswordResetView(auth_views.PasswordResetView):
    """At most `PASSWORD_RESET_RATE` e-mails per typed address and
    `PASSWORD_RESET_ADDRESS_RATE` per client address. The refusal reads the same whether
    the account exists or not: it counts what was typed."""

    template_name = SIMPLE
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"title": gettext_lazy("Password reset")}

    def form_valid(self, form):
        counted = [
            (
                RateLimit.parse("password-reset", settings.METODSET_PASSWORD_RESET_RATE),
                form.cleaned_data["email"].strip().lower(),
            ),
            (
                RateLimit.parse(
                    "password-reset-address", settings.METODSET_PASSWORD_RESET_ADDRESS_RATE
                ),
                client_ip(self.request),
            ),
        ]
        waits = [limit.retry_at(ident) for limit, ident in counted if limit.exceeded(ident)]
        if waits:
            form.add_error(
                None,
                _("Too many password reset requests. Try again after %(time)s.")
                % {"time": time_label(max(waits))},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        for limit, ident in counted:
            limit.hit(ident)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = SIMPLE
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {"title": gettext_lazy("Choose a new password")}

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(user=form.user)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """«Сменить пароль»: this session stays, every other one and every API token ends."""

    template_name = SIMPLE
    success_url = reverse_lazy("home:home")
    extra_context = {
        "title": gettext_lazy("Change password"),
        "submit": gettext_lazy("Change password"),
    }

    def form_valid(self, form):
        response = super().form_valid(form)  # saves, then gives this session a new key
        password_changed(user=form.user, keep_session_key=self.request.session.session_key)
        messages.success(
            self.request,
            _("The password is changed. Other sessions and API tokens have ended."),
        )
        return response
