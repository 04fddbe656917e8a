"""Reads of the personal-data app: the access log, consents, one person's data."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from dataclasses import dataclass, field

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from metodset.people.models import Teacher
from metodset.privacy.models import AccessLogEntry, Consent, ConsentText

# Secrets are not personal data to hand out: a token's hash would only help an attacker.
SECRET_FIELDS = {"password", "key_hash", "token", "token_hash"}
# Records of people: in one person's data another one appears by number only.
PEOPLE = {"people.teacher", "accounts.user"}
PROJECT_APP_PREFIX = "metodset."


def access_log_list(*, user) -> QuerySet[AccessLogEntry]:
    """The access log as the user may read it: everything for the platform admin, his
    municipality's people for a methodist (the view checks who may read it at all)."""
    return AccessLogEntry.objects.for_user(user).select_related("user", "teacher", "municipality")


def consent_needed(*, user, purpose: str) -> ConsentText | None:
    """The text in force for `purpose` if the user has not agreed to it yet."""
    text = ConsentText.objects.current(purpose)
    if text is None or Consent.objects.filter(user=user, text=text).exists():
        return None
    return text


def consents_of(teacher: Teacher) -> list[Consent]:
    return list(
        Consent.objects.filter(teacher=teacher).select_related("text").order_by("-given_at")
    )


@dataclass
class Section:
    """One kind of record held about the person: a title, its columns and rows."""

    title: str
    model: str
    columns: list[tuple[str, str]]  # (field name, its human name)
    rows: list[list] = field(default_factory=list)

    def as_json(self) -> dict:
        names = [name for name, _label in self.columns]
        return {
            "title": self.title,
            "model": self.model,
            "columns": dict(self.columns),
            "rows": [dict(zip(names, [_json(v) for v in row], strict=True)) for row in self.rows],
        }


def _json(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _title(related, own: set[tuple[str, int]]) -> str:
    """A related record by its title; another person only by his number (art. 14 part 2:
    the answer to a person holds no one else's personal data)."""
    meta = related._meta
    if meta.label_lower in PEOPLE and (meta.label_lower, related.pk) not in own:
        return f"{meta.verbose_name} № {related.pk}"
    return str(related)


def _value(obj, model_field: models.Field, own: set[tuple[str, int]]):
    """A field's value as a reader wants it: choices by name, relations by title, local time."""
    if model_field.many_to_many:
        return ", ".join(_title(o, own) for o in getattr(obj, model_field.name).all())
    if model_field.is_relation:
        related = getattr(obj, model_field.name)
        return _title(related, own) if related is not None else None
    value = getattr(obj, model_field.attname)
    if value is None:
        return None
    if model_field.choices:
        return str(getattr(obj, f"get_{model_field.name}_display")())
    if isinstance(model_field, models.FileField):
        return value.name if value else ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(model_field, models.JSONField):
        return json.dumps(value, ensure_ascii=False)
    return value


def _label(model_field: models.Field) -> str:
    """A field's human name; a relation declared without one is named by what it points at
    («объединение», not «association»)."""
    label = str(model_field.verbose_name)
    related = model_field.related_model
    if related is not None and label == model_field.name.replace("_", " "):
        return str(related._meta.verbose_name)
    return label


def _section(
    queryset: QuerySet, *, title: str, skip: set[str], own: set[tuple[str, int]]
) -> Section:
    model = queryset.model
    fields = [
        f
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if not f.primary_key and f.name not in skip and f.name not in SECRET_FIELDS
    ]
    relations = [f.name for f in fields if f.many_to_one or f.one_to_one]
    many = [f.name for f in fields if f.many_to_many]
    rows = queryset.select_related(*relations) if relations else queryset
    rows = rows.prefetch_related(*many)
    return Section(
        title=title,
        model=model._meta.label_lower,
        columns=[(f.name, _label(f)) for f in fields],
        rows=[[_value(obj, f, own) for f in fields] for obj in rows],
    )


def _related_sections(
    owner, *, own: set[tuple[str, int]], exclude: frozenset[str] | set[str] = frozenset()
) -> list[Section]:
    """Every kind of record of the project that points at `owner`, and the records owned
    by those (the steps of a route, the answers of a response)."""
    sections = []
    for relation in owner._meta.related_objects:
        related = relation.related_model
        if (
            not related.__module__.startswith(PROJECT_APP_PREFIX)
            or relation.one_to_one
            or related._meta.label_lower in exclude
        ):
            continue
        link = relation.field.name
        rows = related._base_manager.filter(**{link: owner})
        section = _section(rows, title=str(related._meta.verbose_name_plural), skip={link}, own=own)
        if not section.rows:
            continue
        sections.append(section)
        if relation.many_to_many or relation.on_delete is not models.CASCADE:
            continue  # a shared record (an event, a plan item): its other parts are not his
        for child in related._meta.related_objects:
            if child.one_to_one or child.many_to_many or child.on_delete is not models.CASCADE:
                continue
            if not child.related_model.__module__.startswith(PROJECT_APP_PREFIX):
                continue
            children = child.related_model._base_manager.filter(
                **{f"{child.field.name}__{link}": owner}
            )
            section = _section(
                children,
                title=str(child.related_model._meta.verbose_name_plural),
                skip=set(),
                own=own,
            )
            if section.rows:
                sections.append(section)
    return sections


def teacher_personal_data(teacher: Teacher) -> list[Section]:
    """Everything held about one teacher (152-ФЗ art. 14): his card, his user account and
    every record that refers to him or to his account, in readable values."""
    user = teacher.user
    own = {("people.teacher", teacher.pk)} | ({("accounts.user", user.pk)} if user else set())
    card = Teacher.objects.filter(pk=teacher.pk)
    sections = [_section(card, title=str(Teacher._meta.verbose_name), skip=set(), own=own)]
    sections += _related_sections(teacher, own=own)
    if user is not None:
        account = type(user)._base_manager.filter(pk=user.pk)
        sections.append(
            _section(
                account,
                title=str(type(user)._meta.verbose_name),
                skip={"is_superuser", "is_staff", "groups", "user_permissions"},
                own=own,
            )
        )
        sections += _related_sections(user, own=own, exclude={"privacy.consent"})
    return sections
