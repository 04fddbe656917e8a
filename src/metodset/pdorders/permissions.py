import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import (
    can_create_in_municipality,
    can_manage_municipality,
    is_methodist,
    is_platform_admin,
)


@rules.predicate
def is_coordinator(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_regional_coordinator


@rules.predicate
def heads_an_association(user) -> bool:
    return user.is_authenticated and user.is_active and bool(user.headed_association_ids)


@rules.predicate
def is_head_of_association(user, obj) -> bool:
    """`obj` is an association the user heads, or a request (or its line) of one."""
    return obj is not None and is_head_of(user, obj)


service = is_platform_admin | is_methodist | is_coordinator
# The PD order is the methodical service's (the coordinator reads it); the head of an
# association writes his association's request. Which municipality is scoping's.
rules.add_perm("pdorders.view", service | heads_an_association)
rules.add_perm("pdorders.view_request", service | is_head_of_association)
rules.add_perm("pdorders.add_request", can_create_in_municipality | heads_an_association)
rules.add_perm("pdorders.change_request", can_manage_municipality | is_head_of_association)
# Planned courses, their enrolment (names of teachers) and the competence list: the service.
rules.add_perm("pdorders.view_courses", service)
rules.add_perm("pdorders.add_course", can_create_in_municipality)
rules.add_perm("pdorders.change_course", can_manage_municipality)
