from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from metodset.accounts.models import User
from metodset.accounts.services import password_changed


class PasswordSetForm(AdminPasswordChangeForm):
    """A password set by an administrator ends the user's sessions and API tokens too."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            password_changed(user=user)
        return user


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    change_password_form = PasswordSetForm
    ordering = ["last_name", "first_name"]
    list_display = [
        "email",
        "last_name",
        "first_name",
        "role",
        "municipality",
        "region",
        "is_active",
    ]
    list_filter = ["role", "is_active", "region", "municipality"]
    search_fields = ["email", "last_name", "first_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["last_name", "first_name", "patronymic"]}),
        (_("Role and scope"), {"fields": ["role", "region", "municipality"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "fields": [
                    "email",
                    "last_name",
                    "first_name",
                    "role",
                    "region",
                    "municipality",
                    "password1",
                    "password2",
                ]
            },
        ),
    ]
