from __future__ import annotations

from django.db import transaction

from metodset.core.access import require_perm
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update
from metodset.roadmaps.models import Roadmap, RoadmapMeasure


@transaction.atomic
def roadmap_create(*, user, municipality: Municipality, **fields) -> Roadmap:
    """Open the roadmap of the service (no association) or of an association for a year."""
    require_perm(user, "roadmaps.add_roadmap", municipality)
    return model_create(Roadmap, user=user, municipality=municipality, **fields)


@transaction.atomic
def roadmap_measure_add(*, user, roadmap: Roadmap, **fields) -> RoadmapMeasure:
    """Add a dated measure to a roadmap."""
    require_perm(user, "roadmaps.change_roadmap", roadmap)
    return model_create(RoadmapMeasure, user=user, roadmap=roadmap, **fields)


@transaction.atomic
def roadmap_measure_update(*, user, measure: RoadmapMeasure, data: dict) -> RoadmapMeasure:
    """Change a measure: its status (done with the date, not done, cancelled) above all."""
    require_perm(user, "roadmaps.change_roadmap", measure.roadmap)
    measure, _changed = model_update(measure, user=user, data=data)
    return measure
