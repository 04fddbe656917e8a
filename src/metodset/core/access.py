"""Fetch-and-check in one call: the base of every app's access helpers."""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
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


def require_perm(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied
