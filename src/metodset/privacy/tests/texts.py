"""The consent texts the privacy migrations seed, for tests.

A transactional test (live server, backup round trip) empties every table when it ends,
the migrations' rows with them; tests that run after it on the same worker seed the texts
again through the migrations' own idempotent functions."""

from importlib import import_module

from django.apps import apps

from metodset.privacy.models import ConsentText

SEEDING = ("0002_consent_texts", "add_texts"), ("0003_consultation_consent_text", "add_text")


def consent_text(purpose: str) -> ConsentText:
    for module, function in SEEDING:  # get_or_create: nothing twice
        getattr(import_module(f"metodset.privacy.migrations.{module}"), function)(apps, None)
    return ConsentText.objects.get(purpose=purpose, version=1)
