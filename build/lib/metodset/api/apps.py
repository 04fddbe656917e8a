from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "metodset.api"
    verbose_name = _("API")

    def ready(self):
        from metodset.accounts.signals import credentials_changed

        credentials_changed.connect(_revoke_tokens, dispatch_uid="api.revoke_tokens")


def _revoke_tokens(sender, *, user, **kwargs) -> None:
    from metodset.api.services import token_revoke_all

    token_revoke_all(user=user)
