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
