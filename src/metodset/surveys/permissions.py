import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import is_methodist_of, is_platform_admin, municipality_id_of


@rules.predicate
def is_coordinator(user) -> bool:
    # Scoping already limits a coordinator to his region's surveys.
    return user.is_authenticated and user.is_active and user.is_regional_coordinator


@rules.predicate
def may_build(user, municipality) -> bool:
    """A methodist builds surveys for his municipality, a head for his association: in their
    own municipality (asked without one, by a menu, in general)."""
    if not (user.is_authenticated and user.is_active and (user.is_methodist or user.is_head)):
        return False
    return municipality is None or municipality_id_of(municipality) == user.municipality_id


# The methodical service surveys teachers (000 §3.5, 004 §1.4); a head asks his own members.
builds = is_platform_admin | is_methodist_of | is_head_of

rules.add_perm("surveys.add_survey", is_platform_admin | may_build)
rules.add_perm("surveys.change_survey", builds)
rules.add_perm("surveys.view_results", builds | is_coordinator)
