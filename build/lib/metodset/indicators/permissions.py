import rules

from metodset.core.models import Municipality
from metodset.core.predicates import (
    is_methodist,
    is_own_municipality,
    is_platform_admin,
    municipality_id_of,
)


def _municipality_id(obj) -> int | None:
    return obj.pk if isinstance(obj, Municipality) else municipality_id_of(obj)


@rules.predicate
def is_methodist_there(user, obj) -> bool:
    """A methodist of the municipality (or of the association's municipality)."""
    return is_methodist(user) and obj is not None and _municipality_id(obj) == user.municipality_id


@rules.predicate
def is_coordinator_there(user, municipality) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_regional_coordinator
        and isinstance(municipality, Municipality)
        and municipality.region_id == user.region_id
    )


rules.add_perm("indicators.set_targets", is_methodist & is_own_municipality)
# The expert value of an indicator (the roadmap) is entered by the methodical service.
rules.add_perm("indicators.assess", is_platform_admin | is_methodist_there)
# The monitoring report and the teachers behind a municipality's values: the service and
# the region, not teachers.
rules.add_perm(
    "indicators.view_monitoring", is_platform_admin | is_methodist_there | is_coordinator_there
)
