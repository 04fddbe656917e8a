"""The machinery of anonymisation (services.teacher_anonymise is the entry point).

A person's identifying values live in his card and account and their history rows,
which are rewritten field by field; but people also type names into other records:
an order appointing a head, the «выступили» of minutes, a plan item, a notification.
Those are found by a cheap probe (the surname in every case, the e-mail, the phone,
the birth date) in every text column of every table that belongs to a municipality,
then rewritten in Python by a precise pattern (his full name or surname with
initials in any case, the contacts, the date), so a namesake's «Иванова» stays.
Only his municipality's rows are searched for names; an e-mail is unique, so it is
searched in every table of the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import reduce
from operator import or_
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import pgettext

from metodset.core.models import Municipality
from metodset.core.scoping import ScopedQuerySet
from metodset.people.models import Teacher

# Apps whose tables belong to a municipality and may hold a typed name.
PROJECT_APP_PREFIX = "metodset."
_WORD_EDGE_BEFORE = r"(?<![\w.@-])"
_WORD_EDGE_AFTER = r"(?![\w@])"


def person_anonymise(teacher: Teacher) -> None:
    """Rewrite everything identifying about `teacher` (the service holds the transaction)."""
    user = teacher.user
    finder = Finder.for_people([teacher, *([user] if user else [])], teacher)
    neutral = teacher.neutral_values()
    for name, value in neutral.items():
        setattr(teacher, name, value)
    Teacher.objects.filter(pk=teacher.pk).update(**neutral)
    Teacher.history.filter(id=teacher.pk).update(**neutral)
    if user is not None:
        _user_anonymise(user)
    _growth_anonymise(teacher)
    label = teacher.full_name
    finder.label = label
    _scrub_municipality(finder, teacher.municipality_id)
    _scrub_everywhere(finder.emails_only())
    _scrub_admin_log(teacher, user, label)


def _user_anonymise(user) -> None:
    from metodset.api.models import ApiToken

    with translation.override(settings.LANGUAGE_CODE):
        last_name = pgettext("the last name of an anonymised user", "User")
    neutral = {
        "email": f"anonymised-{user.pk}@anonymised.invalid",
        "last_name": last_name,
        "first_name": f"№ {user.pk}",
        "patronymic": "",
    }
    user.set_unusable_password()
    type(user).objects.filter(pk=user.pk).update(**neutral, password=user.password, is_active=False)
    type(user).history.filter(id=user.pk).update(**neutral)
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    for name, value in neutral.items():
        setattr(user, name, value)


def _growth_anonymise(teacher: Teacher) -> None:
    """Certificates carry his name and a number the provider's registry maps to him; the
    title of a publication or a practice finds its author by a web search."""
    from metodset.growth.models import PDCourse, Practice, Publication

    for course in PDCourse.objects.filter(teacher=teacher).exclude(certificate=""):
        course.certificate.delete(save=False)
    cleared = {"certificate": "", "certificate_number": ""}
    PDCourse.objects.filter(teacher=teacher).update(**cleared)
    PDCourse.history.filter(teacher_id=teacher.pk).update(**cleared)
    with translation.override(settings.LANGUAGE_CODE):
        title = pgettext("the title of an anonymised person's work", "(anonymised)")
    for model, fields in ((Publication, {"url": ""}), (Practice, {"summary": ""})):
        model.objects.filter(teacher=teacher).update(title=title, **fields)
        model.history.filter(teacher_id=teacher.pk).update(title=title, **fields)


class Finder:
    """The probes that find candidate rows and the pattern that rewrites them."""

    def __init__(
        self,
        probes: Iterable[str],
        patterns: Iterable[str],
        *,
        emails: Iterable[str] = (),
        label: str = "",
    ):
        self.emails = list(emails)
        patterns = list(patterns)
        self.probes = sorted({p for p in probes if p}, key=len, reverse=True)
        self.pattern = (
            re.compile("|".join(sorted(set(patterns), key=len, reverse=True)), re.IGNORECASE)
            if patterns
            else None
        )
        self.label = label

    @classmethod
    def for_people(cls, people: list, teacher: Teacher) -> Finder:
        from metodset.core.declension import Case, decline

        probes: list[str] = []
        names: list[str] = []
        contacts: list[str] = []
        for person in people:
            gender = getattr(person, "gender", None) or teacher.gender
            shown = SimpleNamespace(
                last_name=person.last_name.strip(),
                first_name=person.first_name.strip(),
                patronymic=(person.patronymic or "").strip(),
                gender=gender,
            )
            if not shown.last_name:
                continue
            namesakes = _namesakes(shown, teacher)
            for case in Case:
                surname = (
                    decline(
                        SimpleNamespace(
                            last_name=shown.last_name, first_name="", patronymic="", gender=gender
                        ),
                        case,
                    )
                    or shown.last_name
                )
                probes.append(surname)
                if not namesakes["full"]:
                    names.extend(_full_name_patterns(decline(shown, case), shown))
                if not namesakes["initials"]:
                    names.extend(_initials_patterns(surname, shown))
            for contact in (getattr(person, "email", ""), getattr(person, "phone", "")):
                if contact and contact.strip():
                    contacts.append(contact.strip())
        birth = teacher.birth_date
        dates = [f"{birth:%d.%m.%Y}", birth.isoformat()] if birth else []
        return cls(
            [*probes, *contacts, *dates],
            [*names, *(_exact(c) for c in [*contacts, *dates])],
            emails=[c for c in contacts if "@" in c],
        )

    def emails_only(self) -> Finder:
        """E-mail addresses only: unique, so safe to look for in every table."""
        return Finder(
            self.emails, [_exact(e) for e in self.emails], emails=self.emails, label=self.label
        )

    def rewrite(self, value):
        """`value` with every match replaced; strings inside JSON values too."""
        if self.pattern is None:
            return value
        if isinstance(value, str):
            return self.pattern.sub(self.label, value)
        if isinstance(value, list):
            return [self.rewrite(v) for v in value]
        if isinstance(value, dict):
            return {k: self.rewrite(v) for k, v in value.items()}
        return value


def _exact(text: str) -> str:
    return _WORD_EDGE_BEFORE + re.escape(text) + _WORD_EDGE_AFTER


def _gap() -> str:
    return r"[\s\u00a0]+"


def _full_name_patterns(full: str, shown) -> list[str]:
    """«Иванова Мария Петровна» (in the case given) and «Мария Петровна Иванова»."""
    parts = full.split()
    count = len([p for p in (shown.first_name, shown.patronymic) if p]) + 1
    if len(parts) != count or count < 2:
        return []
    surname, rest = parts[0], parts[1:]
    forward = _gap().join(re.escape(p) for p in parts)
    backward = _gap().join(re.escape(p) for p in [*rest, surname])
    return [
        _WORD_EDGE_BEFORE + forward + _WORD_EDGE_AFTER,
        _WORD_EDGE_BEFORE + backward + _WORD_EDGE_AFTER,
    ]


def _initials_patterns(surname: str, shown) -> list[str]:
    """«Иванова М.П.», «Иванова М. П.», «М.П. Иванова» (an optional space or NBSP)."""
    letters = [p[0] for p in (shown.first_name, shown.patronymic) if p]
    if not letters:
        return []
    initials = r"[\s\u00a0]?".join(re.escape(f"{letter}.") for letter in letters)
    name = re.escape(surname)
    return [
        _WORD_EDGE_BEFORE + name + _gap() + initials,
        _WORD_EDGE_BEFORE + initials + r"[\s\u00a0]*" + name + _WORD_EDGE_AFTER,
    ]


def _namesakes(shown, teacher: Teacher) -> dict[str, bool]:
    """Whether another person of the municipality has the same full name or initials:
    then that form of the name cannot tell them apart and is left alone."""
    from metodset.accounts.models import User

    others = [
        *Teacher.objects.filter(
            municipality_id=teacher.municipality_id, last_name__iexact=shown.last_name
        )
        .exclude(pk=teacher.pk)
        .values_list("first_name", "patronymic"),
        *User.objects.filter(
            municipality_id=teacher.municipality_id, last_name__iexact=shown.last_name
        )
        .exclude(pk=teacher.user_id)
        .values_list("first_name", "patronymic"),
    ]

    def initials(first: str, patronymic: str) -> str:
        return "".join(p.strip()[:1].lower() for p in (first, patronymic) if p and p.strip())

    mine = (shown.first_name.lower(), shown.patronymic.lower())
    return {
        "full": any((f.strip().lower(), (p or "").strip().lower()) == mine for f, p in others),
        "initials": any(initials(f, p) == initials(*mine) for f, p in others),
    }


def _text_fields(model) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not f.primary_key
        and f.name != "history_type"
    ]


def _json_fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]


def municipality_path(model, depth: int = 3) -> str | None:
    """How rows of `model` reach their municipality (`municipality`, `meeting__municipality`…),
    or None for tables that belong to none (regions, subjects, Django's own)."""
    if model is Municipality:
        return None
    queryset = model._default_manager.get_queryset()
    if isinstance(queryset, ScopedQuerySet):
        return queryset.municipality_path
    fields = [f for f in model._meta.concrete_fields if f.many_to_one and f.related_model]
    for field in fields:
        if field.related_model is Municipality:
            return field.name
    if depth <= 1:
        return None
    for field in fields:
        target = field.related_model
        if target is model or not target.__module__.startswith(PROJECT_APP_PREFIX):
            continue
        path = municipality_path(target, depth - 1)
        if path:
            return f"{field.name}__{path}"
    return None


def _historical_base(model):
    """The model a simple-history table records, or None for any other table."""
    return getattr(model, "instance_type", None)


def _rewrite_rows(queryset, finder: Finder, fields: list[str], json_fields: list[str]) -> None:
    pk = queryset.model._meta.pk.attname
    if fields and finder.probes:
        probe = reduce(or_, (Q(**{f"{f}__icontains": p}) for f in fields for p in finder.probes))
        for row in queryset.filter(probe).values(pk, *fields):
            changed = {f: finder.rewrite(row[f]) for f in fields if row[f]}
            changed = {f: v for f, v in changed.items() if v != row[f]}
            if changed:
                queryset.model._base_manager.filter(**{pk: row[pk]}).update(**changed)
    for row in queryset.values(pk, *json_fields) if json_fields else ():
        changed = {f: finder.rewrite(row[f]) for f in json_fields}
        changed = {f: v for f, v in changed.items() if v != row[f]}
        if changed:
            queryset.model._base_manager.filter(**{pk: row[pk]}).update(**changed)


def _scrub_municipality(finder: Finder, municipality_id: int) -> None:
    for model in apps.get_models():
        if not model.__module__.startswith(PROJECT_APP_PREFIX):
            continue
        path = municipality_path(_historical_base(model) or model)
        fields, json_fields = _text_fields(model), _json_fields(model)
        if path is None or not (fields or json_fields):
            continue
        rows = model._base_manager.filter(**{f"{path}_id": municipality_id})
        _rewrite_rows(rows, finder, fields, json_fields)


def _scrub_everywhere(finder: Finder) -> None:
    if not finder.probes:
        return
    for model in apps.get_models():
        fields = _text_fields(model)
        if fields and model._meta.managed and not model._meta.proxy:
            _rewrite_rows(model._base_manager.all(), finder, fields, [])


def _scrub_admin_log(teacher: Teacher, user, label: str) -> None:
    """The admin's log keeps the name of what was edited there (object_repr)."""
    objects = [(Teacher, teacher.pk)] + ([(type(user), user.pk)] if user is not None else [])
    for model, pk in objects:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
        ).update(object_repr=label)
