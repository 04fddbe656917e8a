from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext_lazy as _

from metodset.accounts import views
from metodset.accounts.forms import LoginForm

app_name = "accounts"

simple = views.SIMPLE

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name=simple,
            extra_context={
                "title": _("Check your e-mail"),
                "text": _(
                    "If an account with this e-mail exists, "
                    "we have sent a link to reset the password."
                ),
            },
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=simple,
            extra_context={
                "title": _("Password changed"),
                "text": _("You can now log in with the new password."),
            },
        ),
        name="password_reset_complete",
    ),
]
