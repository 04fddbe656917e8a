"""Fetch and check in one call, for the pages of the observed teacher."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from metodset.core.access import get_for_user
from metodset.schools.models import Observation
from metodset.schools.selectors import own_observations


def get_own_observation_for_user(user, pk: int) -> Observation:
    """The observation of the user's own lesson; anyone else's does not exist for him (404)."""
    return get_object_or_404(own_observations(user), pk=pk)


def get_observation_to_acknowledge_for_user(user, pk: int) -> Observation:
    """The observation the user may acquaint himself with. The service's staff see the
    municipality's observations and are refused the teacher's button (403); a teacher sees
    only his own (another's is 404), and another municipality's is 404 for everyone."""
    if user.has_perm("schools.view"):
        return get_for_user(
            Observation.objects.select_related("visit"),
            user,
            pk,
            perm="schools.acknowledge_observation",
        )
    return get_own_observation_for_user(user, pk)
