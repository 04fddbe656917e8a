"""The four roles and what scoping and predicates may ask of a user.

The user model lives in `accounts`; `core` knows a user only by this protocol, so the
foundation depends on no domain app.
"""

from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
    METHODIST = "methodist", _("Methodist of the municipal service")
    TEACHER = "teacher", _("Teacher")


class RoleHolder(Protocol):
    """What `accounts.User` answers about its role and place."""

    pk: int | None
    is_authenticated: bool
    is_active: bool
    is_superuser: bool
    region_id: int | None
    municipality_id: int | None

    @property
    def is_platform_admin(self) -> bool: ...

    @property
    def is_regional_coordinator(self) -> bool: ...

    @property
    def is_methodist(self) -> bool: ...

    @property
    def is_teacher(self) -> bool: ...

    @property
    def headed_association_ids(self) -> frozenset[int]: ...
