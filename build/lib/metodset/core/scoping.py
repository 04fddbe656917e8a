"""Tenancy: which municipalities a user may see.

This is the one place that decides it. Every domain queryset inherits
`ScopedQuerySet.for_user()`, and every access helper starts from it, so a view
never filters by municipality by hand. Objects outside the scope answer 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from django.db import models

from metodset.core.roles import RoleHolder


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    region_id: int | None = None
    municipality_id: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.everything or self.region_id or self.municipality_id)


def scope_for(user: RoleHolder) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope()
    if user.is_superuser or user.is_platform_admin:
        return Scope(everything=True)
    if user.is_regional_coordinator:
        return Scope(region_id=user.region_id)
    return Scope(municipality_id=user.municipality_id)


class ScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to a municipality reached by `municipality_path`."""

    municipality_path = "municipality"

    def for_user(self, user: RoleHolder) -> Self:
        return self.in_scope(scope_for(user))

    def in_scope(self, scope: Scope) -> Self:
        if scope.everything:
            return self
        if scope.region_id:
            return self.filter(**{f"{self.municipality_path}__region_id": scope.region_id})
        if scope.municipality_id:
            return self.filter(**{f"{self.municipality_path}_id": scope.municipality_id})
        return self.none()


def scoped_queryset(path: str) -> type[ScopedQuerySet]:
    """A ScopedQuerySet subclass for rows that reach their municipality through `path`."""
    return type(f"ScopedQuerySet_{path}", (ScopedQuerySet,), {"municipality_path": path})
