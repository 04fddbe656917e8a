from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "metodset.core"
    verbose_name = _("Regions and municipalities")

    def ready(self):
        from django.core import checks

        from metodset.core import files, sqlite

        sqlite.install()
        checks.register(files.check_private_root)
        _load_permissions()


def _load_permissions() -> None:
    """Import every app's `permissions.py`, where it declares its django-rules permissions.

    Named `permissions`, not django-rules' default `rules`, so that "rules" means one thing
    in this code base: a regulation's rules (regulations/kinds/).
    """
    from importlib import import_module

    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    for config in apps.get_app_configs():
        if config.name.startswith("metodset.") and module_has_submodule(
            config.module, "permissions"
        ):
            import_module(f"{config.name}.permissions")
