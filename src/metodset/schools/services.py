"""Writes of the schools app: the municipality's criteria, support plans, visits and
observations. Results and bias flags come in through the imports app (all or nothing)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from metodset.core.access import require_perm
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user
from metodset.schools.models import (
    Observation,
    ObservationCriterion,
    RiskCriterion,
    Score,
    SupportMeasure,
    SupportPlan,
    Visit,
)


@transaction.atomic
def risk_criterion_create(*, user, municipality: Municipality, **fields) -> RiskCriterion:
    """Add one of the municipality's own reasons to put a school on the risk list."""
    require_perm(user, "schools.add_record", municipality)
    return model_create(RiskCriterion, user=user, municipality=municipality, **fields)


@transaction.atomic
def risk_criterion_update(*, user, criterion: RiskCriterion, data: dict) -> RiskCriterion:
    require_perm(user, "schools.change_record", criterion)
    criterion, _changed = model_update(criterion, user=user, data=data)
    return criterion


@transaction.atomic
def observation_criterion_create(
    *, user, municipality: Municipality, **fields
) -> ObservationCriterion:
    """Add a line to the municipality's lesson observation form."""
    require_perm(user, "schools.add_record", municipality)
    return model_create(ObservationCriterion, user=user, municipality=municipality, **fields)


@transaction.atomic
def observation_criterion_update(
    *, user, criterion: ObservationCriterion, data: dict
) -> ObservationCriterion:
    require_perm(user, "schools.change_record", criterion)
    criterion, _changed = model_update(criterion, user=user, data=data)
    return criterion


@transaction.atomic
def support_plan_create(*, user, municipality: Municipality, **fields) -> SupportPlan:
    """Open the support plan of a school for a school year."""
    require_perm(user, "schools.add_record", municipality)
    return model_create(SupportPlan, user=user, municipality=municipality, **fields)


@transaction.atomic
def support_plan_update(*, user, plan: SupportPlan, data: dict) -> SupportPlan:
    require_perm(user, "schools.change_record", plan)
    plan, _changed = model_update(plan, user=user, data=data)
    return plan


@transaction.atomic
def support_measure_add(*, user, plan: SupportPlan, **fields) -> SupportMeasure:
    """Add a measure to a support plan: what, who answers for it, by when."""
    require_perm(user, "schools.change_record", plan)
    return model_create(SupportMeasure, user=user, plan=plan, **fields)


@transaction.atomic
def support_measure_update(*, user, measure: SupportMeasure, data: dict) -> SupportMeasure:
    """Change a measure, its status included (done, not done)."""
    require_perm(user, "schools.change_record", measure.plan)
    measure, _changed = model_update(measure, user=user, data=data)
    return measure


@transaction.atomic
def visit_record(*, user, plan: SupportPlan, **fields) -> Visit:
    """Record a visit to the school of a support plan."""
    require_perm(user, "schools.change_record", plan)
    return model_create(Visit, user=user, municipality_id=plan.municipality_id, plan=plan, **fields)


@transaction.atomic
def visit_update(*, user, visit: Visit, data: dict) -> Visit:
    require_perm(user, "schools.change_record", visit)
    visit, _changed = model_update(visit, user=user, data=data)
    return visit


def _save_scores(observation: Observation, scores: dict[int, int], user) -> None:
    criteria = {
        c.pk: c
        for c in ObservationCriterion.objects.filter(
            municipality_id=observation.municipality_id, pk__in=list(scores)
        )
    }
    unknown = set(scores) - set(criteria)
    if unknown:
        raise ValidationError(_("A criterion is not in the municipality's observation form."))
    existing = {s.criterion_id: s for s in Score._default_manager.filter(observation=observation)}
    for criterion_id, value in scores.items():
        score = existing.get(criterion_id) or Score(
            observation=observation, criterion=criteria[criterion_id]
        )
        if score.pk and score.score == value:
            continue
        score.score = value
        score.criterion = criteria[criterion_id]
        score.full_clean()
        with_history_user(score, user).save()


@transaction.atomic
def observation_record(
    *, user, visit: Visit, scores: dict[int, int] | None = None, **fields
) -> Observation:
    """Record a lesson observed during a visit with its scores on the municipality's form."""
    require_perm(user, "schools.change_record", visit)
    observation = model_create(
        Observation, user=user, municipality_id=visit.municipality_id, visit=visit, **fields
    )
    _save_scores(observation, scores or {}, user)
    return observation


@transaction.atomic
def observation_update(
    *, user, observation: Observation, data: dict, scores: dict[int, int] | None = None
) -> Observation:
    """Correct an observation, its scores, or record the date the teacher acquainted."""
    require_perm(user, "schools.change_record", observation)
    observation, _changed = model_update(observation, user=user, data=data)
    _save_scores(observation, scores or {}, user)
    return observation
