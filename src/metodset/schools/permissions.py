import rules

from metodset.core.predicates import (
    can_create_in_municipality,
    can_manage_municipality,
    is_methodist,
    is_platform_admin,
)


@rules.predicate
def is_coordinator(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_regional_coordinator


# The results, the risk list and the support of schools are the methodical service's work;
# the regional coordinator reads them. Which municipality's records a user sees is scoping's.
rules.add_perm("schools.view", is_platform_admin | is_methodist | is_coordinator)
# A new record of one's own municipality (a menu asks without an object) …
rules.add_perm("schools.add_record", can_create_in_municipality)
# … and a record of the methodist's municipality.
rules.add_perm("schools.change_record", can_manage_municipality)


@rules.predicate
def is_observed_teacher(user, observation) -> bool:
    """The teacher whose lesson was observed, through his own account: row by row."""
    return (
        observation is not None
        and user.is_authenticated
        and user.is_active
        and user.teacher_id is not None
        and observation.teacher_id == user.teacher_id
    )


# Only the observed teacher acquaints himself with the observation online; the methodist
# records a signature on paper through the observation's form instead.
rules.add_perm("schools.acknowledge_observation", is_observed_teacher)
