"""Write helpers shared by every app's services."""

from collections.abc import Iterable
from typing import Any

from django.db import models

from metodset.core.concurrency import EDIT_TOKEN, check_edit_token


def with_history_user[M: models.Model](instance: M, user) -> M:
    """Record `user` as the author of the next history entry of `instance`."""
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user  # type: ignore[attr-defined]  # django-simple-history
    return instance


def model_create[M: models.Model](model: type[M], *, user, **fields: Any) -> M:
    """Validate and save a new row; many-to-many values are set after saving."""
    m2m = {
        name: fields.pop(name)
        for name in list(fields)
        if isinstance(model._meta.get_field(name), models.ManyToManyField)
    }
    instance = model(**fields)
    instance.full_clean()
    with_history_user(instance, user)
    instance.save()
    for name, values in m2m.items():
        getattr(instance, name).set(values)
    return instance


def changed_fields(instance: models.Model, data: dict[str, Any]) -> list[str]:
    """The names in `data` whose values differ from the stored row of `instance`.

    Judged against the database, not the instance: a ModelForm has already copied its
    data onto the instance by the time a view calls a service.
    """
    stored = type(instance)._default_manager.get(pk=instance.pk)
    changed = []
    for name, value in data.items():
        if name == EDIT_TOKEN:  # the form's version of the row, not a field
            continue
        field = instance._meta.get_field(name)
        if isinstance(field, models.ManyToManyField):
            if {obj.pk for obj in getattr(stored, name).all()} != {obj.pk for obj in value}:
                changed.append(name)
            continue
        new = value.pk if field.is_relation and value is not None else value
        if getattr(stored, field.attname) != new:  # type: ignore[union-attr]
            changed.append(name)
    return changed


def model_update[M: models.Model](instance: M, *, user, data: dict[str, Any]) -> tuple[M, bool]:
    """Apply `data`, validate, and save only the fields that changed.

    Changes are judged against the stored row, not the instance: a ModelForm has
    already copied its data onto the instance by the time a view calls this.
    Returns the instance and whether anything changed, so that an edit that
    changes nothing leaves no history entry.
    """
    data = dict(data)
    token = data.pop(EDIT_TOKEN, None)
    if token:  # the form's version of the row: someone else's save in between is refused
        check_edit_token(instance, token, data)
    changed: list[str] = []
    m2m: dict[str, Iterable] = {}
    for name in changed_fields(instance, data):
        if isinstance(instance._meta.get_field(name), models.ManyToManyField):
            m2m[name] = data[name]
        else:
            changed.append(name)
    for name, value in data.items():
        if not isinstance(instance._meta.get_field(name), models.ManyToManyField):
            setattr(instance, name, value)
    if not changed and not m2m:
        return instance, False
    instance.full_clean()
    with_history_user(instance, user)
    if changed:
        update_fields = [*changed]
        if any(f.name == "updated_at" for f in instance._meta.fields):
            update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
    for name, values in m2m.items():
        getattr(instance, name).set(values)
    return instance, True
