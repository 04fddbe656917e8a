"""Predicates shared by every app's permissions.py (django-rules).

Permissions are deny by default: a rule grants only what a predicate says.
Reading is governed by scoping (core.scoping); these predicates govern writes.
"""

import rules


def municipality_id_of(obj) -> int | None:
    """The municipality an object belongs to, directly or through its association."""
    if obj is None:
        return None
    if getattr(getattr(obj, "_meta", None), "label", "") == "core.Municipality":
        return obj.pk
    if hasattr(obj, "municipality_id"):
        return obj.municipality_id
    association = getattr(obj, "association", None)
    return association.municipality_id if association else None


@rules.predicate
def is_platform_admin(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_platform_admin


@rules.predicate
def is_methodist(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_methodist


@rules.predicate
def is_methodist_of(user, obj) -> bool:
    return is_methodist(user) and municipality_id_of(obj) == user.municipality_id


@rules.predicate
def is_own_profile(user, teacher) -> bool:
    return teacher is not None and user.is_authenticated and teacher.user_id == user.pk


@rules.predicate
def is_methodist_in(user, municipality) -> bool:
    """A methodist, creating in his own municipality; asked without one (a menu, a button),
    in general. Create services always pass the municipality the row goes to."""
    if municipality is None:
        return is_methodist(user)
    return is_methodist_of(user, municipality)


can_manage_municipality = is_platform_admin | is_methodist_of
can_create_in_municipality = is_platform_admin | is_methodist_in


@rules.predicate
def is_own_municipality(user, obj) -> bool:
    """No object (a menu asks in general), or the object is the user's municipality's.

    For permissions granted to a role within its municipality: the municipality's settings,
    targets and the like, which templates ask about without an object.
    """
    if obj is None:
        return True
    from metodset.core.models import Municipality

    municipality_id = obj.pk if isinstance(obj, Municipality) else municipality_id_of(obj)
    return municipality_id == getattr(user, "municipality_id", None)
