"""Invalidate cached indicator values when their source data changes.

The sources are what every app declares as INDICATOR_SOURCES in its extensions.py;
IndicatorsConfig.ready() connects them once the models are loaded.
"""

from django.db.models.signals import post_delete, post_save

from metodset.core.extensions import collect
from metodset.indicators.compute import bump_version


def sources() -> list[str]:
    return list(dict.fromkeys(collect("INDICATOR_SOURCES")))


def connect() -> None:
    from django.apps import apps

    for label in sources():
        model = apps.get_model(label)
        post_save.connect(bump_version, sender=model, dispatch_uid=f"indicators-save-{label}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"indicators-delete-{label}")
