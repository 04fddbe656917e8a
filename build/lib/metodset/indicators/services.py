"""Writes of the indicators app: expert assessments (targets are saved by their view)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.associations.models import Association
from metodset.core.access import require_perm
from metodset.core.dates import SchoolYear
from metodset.core.services import with_history_user
from metodset.indicators.catalogue import CATALOGUE, Expert
from metodset.indicators.models import ExpertAssessment, IndicatorTarget


@transaction.atomic
def assessment_save(
    *,
    user,
    association: Association,
    code: str,
    year: SchoolYear,
    value: Decimal,
    comment: str,
) -> ExpertAssessment:
    """Enter (or replace) the expert value of an indicator for an association and school year.

    The user who enters it becomes its author; the previous value stays in the history.
    """
    require_perm(user, "indicators.assess", association)
    if not isinstance(CATALOGUE.get(code), Expert):
        raise ValidationError(_("This indicator is computed from the records, not assessed."))
    assessment = (
        ExpertAssessment.objects.select_for_update()
        .filter(association=association, code=code, school_year=year.start_year)
        .first()
    ) or ExpertAssessment(
        association=association,
        municipality_id=association.municipality_id,
        code=code,
        school_year=year.start_year,
    )
    assessment.value = value
    assessment.comment = comment
    assessment.author = user
    assessment.assessed_on = timezone.localdate()
    assessment.full_clean()
    with_history_user(assessment, user).save()
    return assessment


@transaction.atomic
def targets_save(*, user, municipality, values: dict[str, Decimal | None]) -> None:
    """Set the municipality's target of each indicator given; None removes a target."""
    require_perm(user, "indicators.set_targets", municipality)
    current = {t.code: t for t in IndicatorTarget.objects.filter(municipality=municipality)}
    for code, value in values.items():
        target = current.get(code)
        if value is None:
            if target is not None:
                with_history_user(target, user).delete()
            continue
        if target is None:
            target = IndicatorTarget(municipality=municipality, code=code)
        elif target.value == value:
            continue
        target.value = value
        target.full_clean()
        with_history_user(target, user).save()
