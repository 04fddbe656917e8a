"""Writes of the personal-data app: the access log, consents, anonymisation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.core.access import require_perm
from metodset.core.listing import ListAudit
from metodset.core.network import client_ip
from metodset.core.services import with_history_user
from metodset.people.models import Teacher
from metodset.privacy import anonymise
from metodset.privacy.models import AccessKind, AccessLogEntry, Consent, ConsentText


def client_address(request: HttpRequest) -> str | None:
    """The client's address: X-Forwarded-For only behind the configured trusted proxies."""
    return client_ip(request) or None


class Person(NamedTuple):
    """What the log needs of a teacher whose data was shown."""

    teacher_id: int
    municipality_id: int
    user_id: int | None


def person_of(teacher: Teacher) -> Person:
    return Person(teacher.pk, teacher.municipality_id, teacher.user_id)


def access_record(*, request: HttpRequest, people: Iterable[Person | Teacher], kind: str) -> int:
    """Log that the request's user saw the personal data of `people`, in one bulk insert.

    One's own data is not logged, and a person shown twice in one request is one entry.
    Returns the number of entries written.
    """
    user = request.user
    user_id = user.pk if user.is_authenticated else None
    now, address, path = timezone.now(), client_address(request), request.path[:300]
    seen: set[int] = set()
    shown: list[Person] = []
    for item in people:
        person = item if isinstance(item, Person) else person_of(item)
        if person.teacher_id in seen or (user_id and person.user_id == user_id):
            continue
        seen.add(person.teacher_id)
        shown.append(person)
    if shown:
        _insert(shown, at=now, user_id=user_id, kind=kind, path=path, address=address)
    return len(shown)


def _insert(people: list[Person], **common) -> None:
    """One INSERT of the entries. On PostgreSQL the entries of one request differ only in the
    teacher and his municipality: two arrays unnested by the server, instead of the ORM
    building and preparing an entry per person (about 3 ms of a 50-row list page, issue #19).
    """
    connection = connections[router.db_for_write(AccessLogEntry)]
    if connection.vendor != "postgresql":
        AccessLogEntry.objects.bulk_create(
            [
                AccessLogEntry(teacher_id=p.teacher_id, municipality_id=p.municipality_id, **common)
                for p in people
            ],
            batch_size=1000,
        )
        return
    meta = AccessLogEntry._meta
    fields = ("at", "user", "teacher", "municipality", "kind", "path", "address")
    concrete = {f.name: str(f.column) for f in meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(concrete[f]) for f in fields)
    table = connection.ops.quote_name(meta.db_table)
    # The names come from the model's meta, every value is bound.
    sql = (
        f"INSERT INTO {table} ({columns}) SELECT %s::timestamptz, %s::bigint, u.teacher,"  # noqa: S608  # nosec B608
        " u.municipality, %s::varchar, %s::varchar, %s::inet"
        " FROM UNNEST(%s::bigint[], %s::bigint[]) AS u(teacher, municipality)"
    )
    params = [
        common["at"],
        common["user_id"],
        common["kind"],
        common["path"],
        common["address"],
        [p.teacher_id for p in people],
        [p.municipality_id for p in people],
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  # nosec B608 — names from the model's meta, values bound


def teachers_audit(path: str = "") -> ListAudit:
    """The audit of a list page whose rows are teachers, or reach one through `path`."""
    teacher_of = attrgetter(path) if path else (lambda row: row)

    def record(request: HttpRequest, people: list, exported: bool) -> int:
        kind = AccessKind.EXPORT if exported else AccessKind.LIST
        return access_record(request=request, people=people, kind=kind)

    return ListAudit(key=lambda row: person_of(teacher_of(row)), record=record)


def access_log_purge(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """Delete the entries older than the retention period (PD_ACCESS_LOG_DAYS days)."""
    days = settings.METODSET_PD_ACCESS_LOG_DAYS if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    deleted, _by_model = AccessLogEntry.objects.filter(at__lt=cutoff).delete()
    return deleted


def consent_give(*, user, text: ConsentText, address: str | None = None) -> Consent:
    """Record that `user` agreed to `text` now; agreeing again to the same text changes nothing."""
    consent, _created = Consent.objects.get_or_create(
        user=user,
        text=text,
        defaults={
            "teacher": Teacher.objects.filter(user=user).first(),
            "given_at": timezone.now(),
            "address": address,
        },
    )
    return consent


def consent_saving[T](request: HttpRequest, form, save: Callable[[], T]) -> Callable[[], T]:
    """`save`, followed in the same transaction by the consent the form asked for.

    When `form` is a privacy.forms.ConsentMixin form that showed the consent box, the box
    was required, so a valid form means the person agreed to `form.consent_text`; any
    other form records nothing.
    """

    def run() -> T:
        with transaction.atomic():
            result = save()
            text = getattr(form, "consent_text", None)
            if text is not None:
                consent_give(user=request.user, text=text, address=client_address(request))
            return result

    return run


@transaction.atomic
def teacher_anonymise(*, user, teacher: Teacher, address: str | None = None) -> Teacher:
    """Anonymise a person: nothing identifying stays, his records and their counts do.

    His card keeps its organisation, position, category, experience dates, subjects and
    the year of birth; name, birth date, contacts, education and awards are replaced in
    the card and in every history row of it, and so is his user account, which is
    closed. His PD certificate files and numbers, publication and practice titles go.
    Wherever his name, e-mail, phone or birth date was typed into another record of his
    municipality (orders, minutes, plans, notifications, their history), it is replaced
    by his new name. Memberships, participations, attendance and the rest stay, so
    every count and indicator is unchanged.
    """
    require_perm(user, "privacy.anonymise_teacher", teacher)
    teacher = (
        Teacher.objects.select_for_update(of=("self",)).select_related("user").get(pk=teacher.pk)
    )
    if teacher.anonymised_at:
        raise ValidationError(_("This person has already been anonymised."))
    anonymise.person_anonymise(teacher)
    teacher.anonymised_at = timezone.now()
    with_history_user(teacher, user).save(update_fields=["anonymised_at", "updated_at"])
    AccessLogEntry.objects.create(
        user_id=user.pk if user is not None and user.is_authenticated else None,
        teacher_id=teacher.pk,
        municipality_id=teacher.municipality_id,
        kind=AccessKind.ANONYMISED,
        address=address,
    )
    return teacher
