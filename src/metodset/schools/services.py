"""Writes of the schools app: the municipality's criteria, support plans, visits and
observations. Results and bias flags come in through the imports app (all or nothing)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
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
from metodset.schools.permissions import is_observed_teacher


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
    """Correct an observation, its scores, or record the date the teacher acquainted on
    paper; the date the teacher confirmed online is his own and stays."""
    require_perm(user, "schools.change_record", observation)
    if {"acknowledged_by", "acknowledged_at"} & set(data):
        raise PermissionDenied  # the teacher's own confirmation: observation_acknowledge
    # Against the stored row: a form has already copied its data onto the instance.
    stored_on, online = (
        Observation._default_manager.filter(pk=observation.pk)
        .values_list("acknowledged_on", "acknowledged_by")
        .get()
    )
    if online and "acknowledged_on" in data and data["acknowledged_on"] != stored_on:
        raise ValidationError(
            {
                "acknowledged_on": _(
                    "The teacher acquainted himself online on %(date)s; the date stays."
                )
                % {"date": f"{stored_on:%d.%m.%Y}"}
            }
        )
    observation, _changed = model_update(observation, user=user, data=data)
    _save_scores(observation, scores or {}, user)
    return observation


@transaction.atomic
def observation_acknowledge(
    *, user, observation: Observation, now: dt.datetime | None = None
) -> Observation:
    """The observed teacher confirms in Metodset that he has read the observation («Ознакомлен(а)»):
    today's date and that he did it himself. Once only: a second press, or one after a
    signature on paper, changes nothing."""
    # Only the teacher himself: never the system on his behalf, nor a superuser, whom
    # has_perm lets do anything.
    if user is None or not is_observed_teacher(user, observation):
        raise PermissionDenied
    now = now or timezone.now()
    today = timezone.localdate(now)
    locked = Observation.objects.select_for_update().select_related("visit").get(pk=observation.pk)
    if locked.acknowledged_on is not None:
        return locked
    if today < locked.visit.date:
        raise ValidationError(
            _("The observation can be acknowledged after the lesson, from %(date)s.")
            % {"date": f"{locked.visit.date:%d.%m.%Y}"}
        )
    locked, _changed = model_update(
        locked,
        user=user,
        data={"acknowledged_on": today, "acknowledged_by": user, "acknowledged_at": now},
    )
    return locked
