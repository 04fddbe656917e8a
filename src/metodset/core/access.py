"""Fetch-and-check in one call: the base of every app's access helpers.

Who may write is decided once, by the rules in each app's `permissions.py` (django-rules),
and enforced by the write service itself through `require_perm` or `require_fields`: the
page, the API, a task and the admin call the same service, so they cannot disagree. Pages
and the API may ask the same permission earlier (to answer 403 before showing a form) but
never another one.

`user=None` given to a service means the system itself (a task acting on its own, the demo
generator, a data migration, the preset loader): it holds every permission. A request always
has a user (AnonymousUser at least), so `None` never comes from a person.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404


def get_for_user[M: Model](queryset: QuerySet[M], user, pk, *, perm: str | None = None) -> M:
    """The object `pk` if the user may see it (else 404) and, given `perm`, holds it (else 403).

    404 for what is out of the user's scope keeps other municipalities' data
    invisible; 403 only tells a user that he may see but not change a record.
    """
    obj = get_object_or_404(queryset.for_user(user), pk=pk)
    if perm and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def pk_param(value: str | None) -> int | None:
    """A primary key from a query parameter: None for a word or a number beyond 64 bits,
    which the database would answer with an error instead of "no such row"."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and 0 < int(value) < 2**63:
        return int(value)
    return None


def get_from_param[M: Model](queryset: QuerySet[M], value: str | None) -> M:
    """The object a query parameter (`?municipality=`) names, within `queryset`; else 404."""
    pk = pk_param(value)
    if pk is None:
        raise Http404
    return get_object_or_404(queryset, pk=pk)


def require_perm(user, perm: str, obj=None, message: str | None = None) -> None:
    """Refuse (PermissionDenied) unless the user holds `perm` on `obj`; `None` is the system."""
    if user is not None and not user.has_perm(perm, obj):
        raise PermissionDenied(message) if message else PermissionDenied


def require_fields(
    user,
    data: dict,
    *,
    perm: str,
    obj,
    full_perm: str,
    allowed: Iterable[str],
    message: str | None = None,
) -> None:
    """`perm` lets a user change `allowed` fields of `obj`; only `full_perm` lets him change more.

    The head edits how his association describes itself, a teacher the personal part of his
    card: the page shows them a smaller form, the API refuses the other fields.
    """
    require_perm(user, perm, obj, message)
    if user is None or user.has_perm(full_perm, obj):
        return
    from metodset.core.services import changed_fields

    # A whole record sent back (an API PUT) is fine as long as only `allowed` fields change.
    if set(changed_fields(obj, data)) - set(allowed):
        raise PermissionDenied(message) if message else PermissionDenied


def chosen_municipality(user, value: str | None):
    """The municipality a page is about: the one chosen (`?municipality=`) among those the
    user sees, else his own, else the first he sees (the platform admin, a coordinator);
    another one does not exist for him (404)."""
    from metodset.core.models import Municipality

    visible = Municipality.objects.for_user(user)
    chosen = pk_param(value)
    if chosen:
        found = visible.filter(pk=chosen).first()
    elif user.municipality_id:
        found = visible.filter(pk=user.municipality_id).first()
    else:
        found = visible.first()
    if found is None:
        raise Http404
    return found
