from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from metodset.acts.models import Order
from metodset.core.access import require_perm
from metodset.core.models import Municipality
from metodset.core.services import with_history_user
from metodset.regulations.models import Regulation, RegulationVersion
from metodset.regulations.yaml_schema import DocumentError, parse


@transaction.atomic
def regulation_import(*, user, municipality: Municipality, text: str) -> RegulationVersion:
    """Load a regulation from YAML: a new regulation, or a new version of the one with its title.

    Nothing is saved if any line is wrong; the error names the line and the field.
    """
    require_perm(user, "regulations.add_regulation", municipality)
    try:
        document = parse(text)
    except DocumentError as error:
        raise ValidationError([str(p) for p in error.problems]) from error
    order = None
    if document.order:
        order = Order.objects.filter(
            municipality=municipality,
            number=str(document.order["number"]),
            date=document.order["date"],
        ).first()
    regulation = Regulation.objects.filter(municipality=municipality, title=document.title).first()
    if regulation is None:
        regulation = with_history_user(
            Regulation(
                municipality=municipality, title=document.title, applies_to=document.applies_to
            ),
            user,
        )
        regulation.full_clean()
        regulation.save()
        number = 1
    else:
        previous = regulation.versions.order_by("-number").first()
        if previous and document.effective_from <= previous.effective_from:
            raise ValidationError(
                _("A new version must come into force after %(date)s, when version %(n)s did.")
                % {"date": f"{previous.effective_from:%d.%m.%Y}", "n": previous.number}
            )
        if previous:
            previous.effective_to = document.effective_from - dt.timedelta(days=1)
            previous.save(update_fields=["effective_to"])
        if regulation.applies_to != document.applies_to:
            regulation.applies_to = document.applies_to
            with_history_user(regulation, user).save(update_fields=["applies_to", "updated_at"])
        number = (previous.number if previous else 0) + 1
    return RegulationVersion.objects.create(
        regulation=regulation,
        number=number,
        effective_from=document.effective_from,
        order=order,
        order_number=str(document.order["number"]) if document.order else "",
        order_date=document.order["date"] if document.order else None,
        source_text=document.source,
        rules=document.rules,
        document=text,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


PRESETS = Path(__file__).resolve().parent / "presets"


def presets_load(
    *, municipality_slugs: list[str] | None = None, user=None
) -> list[RegulationVersion]:
    """Load the regulation presets of the seed municipalities (presets/<slug>.yaml) once."""
    loaded = []
    for path in sorted(PRESETS.glob("*.yaml")):
        slug = path.stem
        if municipality_slugs is not None and slug not in municipality_slugs:
            continue
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None or Regulation.objects.filter(municipality=municipality).exists():
            continue
        loaded.append(
            regulation_import(user=user, municipality=municipality, text=path.read_text())
        )
    return loaded
