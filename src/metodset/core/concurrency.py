"""Optimistic locking of records two people edit: no edit silently overwrites another.

A form that edits a record carries a hidden `edit_token`: for each field it shows, a digest
of the value stored when the form was opened. `core.services.model_update` (the one path of
every service's update) compares it with the row as it is now, inside the service's
transaction; a field someone else changed in between refuses the save with `EditConflict`,
naming the field, the other person's value and this person's. The form is shown again
with what this person typed and a fresh token, so a second save is deliberate.

Digests, not a version column: no migration touches the models, and an edit that changes
a field the form does not show is no conflict.
"""

import hashlib
import json
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _

EDIT_TOKEN = "edit_token"  # noqa: S105  # a form field's name, no secret


def _plain(field: models.Field, value: Any) -> Any:
    if isinstance(field, models.ManyToManyField):
        return sorted(getattr(obj, "pk", obj) for obj in value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _digest(value: Any) -> str:
    text = json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _stored(instance: models.Model, field: models.Field) -> Any:
    if isinstance(field, models.ManyToManyField):
        return list(getattr(instance, field.name).all()) if instance.pk else []
    if field.many_to_one or field.one_to_one:  # the object, shown by name in a conflict
        return getattr(instance, field.name)
    return field.value_from_object(instance)


def edit_token(instance: models.Model, names) -> str:
    """«name=digest;…» of the stored values of `names` (model fields only).

    A foreign key is digested by its id, without fetching the row it points to."""
    parts = []
    for name in sorted(names):
        field = instance._meta.get_field(name)
        if isinstance(field, models.ManyToManyField):
            value = _plain(field, _stored(instance, field))
        else:
            value = field.value_from_object(instance)
        parts.append(f"{name}={_digest(value)}")
    return ";".join(parts)


def _parse(token: str) -> dict[str, str]:
    pairs = (part.partition("=") for part in token.split(";") if part)
    return {name: digest for name, _sep, digest in pairs}


def _shown(field: models.Field, value: Any) -> str:
    if isinstance(field, models.ManyToManyField):
        return ", ".join(str(v) for v in value) or "—"
    if field.choices and not isinstance(value, models.Model):
        value = dict(field.flatchoices).get(value, value)
    if value in (None, ""):
        return "—"
    if hasattr(value, "strftime") and not hasattr(value, "hour"):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    text = str(value)
    return text if len(text) <= 300 else text[:300] + "…"


class EditConflict(ValidationError):
    """Someone saved the record after this person opened the form."""

    def __init__(self, changes: list[tuple[str, str, str]], token: str, names=()):
        self.changes, self.token = changes, token
        self.names = list(names)  # the changed fields' names, in the order of `changes`
        lines = [
            _(
                "Someone else saved this record while you were editing it. Your text is kept "
                "in the form: compare it with theirs and save again."
            )
        ]
        lines += [
            _("«%(field)s»: they saved «%(theirs)s», you wrote «%(yours)s».")
            % {"field": label, "theirs": theirs, "yours": yours}
            for label, theirs, yours in changes
        ]
        super().__init__(lines, code="edit_conflict")


def check_edit_token(instance: models.Model, token: str, data: dict[str, Any]) -> None:
    """Refuse (EditConflict) if a field the token covers changed since the form was opened.
    Call inside the service's transaction, before saving `data`."""
    expected = _parse(token)
    if not expected or instance.pk is None:
        return
    model = type(instance)
    stored = model._default_manager.select_for_update().get(pk=instance.pk)
    changes, names = [], []
    for name, digest in expected.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a token from an older form: no such field any more
            continue
        theirs = _stored(stored, field)
        if _digest(_plain(field, theirs)) == digest:
            continue
        yours = data.get(name, theirs)
        if _plain(field, yours) == _plain(field, theirs):
            continue  # both wrote the same: no conflict
        label = str(field.verbose_name)
        changes.append((label[:1].upper() + label[1:], _shown(field, theirs), _shown(field, yours)))
        names.append(name)
    if changes:
        raise EditConflict(changes, edit_token(stored, expected.keys()), names)


class EditTokenMixin:
    """Put first in the bases of a ModelForm that edits a record two people may edit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance  # type: ignore[attr-defined]
        if instance.pk is None:
            return
        meta = instance._meta
        model_fields = {f.name for f in [*meta.fields, *meta.many_to_many]}
        names = [n for n in self.fields if n in model_fields]  # type: ignore[attr-defined]
        self.fields[EDIT_TOKEN] = forms.CharField(  # type: ignore[attr-defined]
            widget=forms.HiddenInput, required=False, initial=edit_token(instance, names)
        )

    def refresh_edit_token(self, token: str) -> None:
        """After a conflict: the form keeps what was typed and takes the stored version."""
        data = self.data.copy()  # type: ignore[attr-defined]
        data[self.add_prefix(EDIT_TOKEN)] = token  # type: ignore[attr-defined]
        self.data = data
