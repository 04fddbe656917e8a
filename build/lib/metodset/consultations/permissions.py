import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import is_methodist, is_methodist_of, is_platform_admin


@rules.predicate
def is_teacher_in_municipality(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_teacher
        and user.municipality_id is not None
    )


@rules.predicate
def is_any_head(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_head


@rules.predicate
def is_head_of_routed(user, request) -> bool:
    return request is not None and request.association_id is not None and is_head_of(user, request)


# A teacher (or head) asks in the app; on the public portal anyone asks, no login.
rules.add_perm("consultations.ask", is_teacher_in_municipality)
# The methodists answer every request of their municipality, the head those routed to his
# association. Object: the request.
rules.add_perm("consultations.answer", is_platform_admin | is_methodist_of | is_head_of_routed)
# A consultation given in person or at an event: the methodist logs it, or the head for his
# association (the form offers him only his own).
rules.add_perm("consultations.log", is_methodist | is_any_head)
