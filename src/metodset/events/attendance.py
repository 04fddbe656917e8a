"""The attendance summary (AttendanceSummary): who attended how many events of a school year,
per organising association, kept exact from the participations; and its sum per teacher and
school year (YearAttendance), kept by the same functions from the summary.

`attendance_recount` recounts some teachers from scratch: receivers after any save or delete
of a participation and after an event is saved (moved to another date or association) or
deleted (its attendees once, not one recount per participation of its cascade), the
attendance service after its bulk update, which sends no signal;
`attendance_rebuild` recounts everybody in one INSERT … SELECT (the nightly indicators job and
`manage.py attendance_rebuild`: bulk writes no service sees, such as the demo's or an import's).
Both are idempotent: the rows of whom they recount are deleted and counted again.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F, QuerySet

from metodset.core.dates import SchoolYear
from metodset.events.models import AttendanceSummary, Event, Participation, YearAttendance

# The school year (its starting year) of an event, in local time (the indicators' year
# bounds are local midnights too, catalogue.year_bounds).
SCHOOL_YEAR = SchoolYear.of_field("event__starts_at")

CHUNK = 500  # teachers a statement (SQLite's limit of parameters)


def _counted(participations: QuerySet[Participation]) -> QuerySet:
    return (
        participations.filter(attended=True)
        .order_by()
        .values(t=F("teacher_id"), y=SCHOOL_YEAR, a=F("event__association_id"))
        .annotate(n=Count("pk"))
    )


@transaction.atomic
def attendance_recount(teacher_ids: Iterable[int]) -> None:
    """Count again every school year of these teachers (a few dozen rows each)."""
    ids = sorted(set(teacher_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        AttendanceSummary.objects.filter(teacher_id__in=chunk).delete()
        YearAttendance.objects.filter(teacher_id__in=chunk).delete()
        rows = list(_counted(Participation.objects.filter(teacher_id__in=chunk)))
        AttendanceSummary.objects.bulk_create(
            AttendanceSummary(
                teacher_id=r["t"], school_year=r["y"], association_id=r["a"], attended=r["n"]
            )
            for r in rows
        )
        years = _per_year((r["t"], r["y"], r["n"]) for r in rows)
        YearAttendance.objects.bulk_create(
            YearAttendance(teacher_id=t, school_year=y, attended=n) for (t, y), n in years.items()
        )


def _per_year(counts: Iterable[tuple[int, int, int]]) -> dict[tuple[int, int], int]:
    """(teacher, school year, attended) of each organiser summed per teacher and year: the
    rows of YearAttendance from those of the summary."""
    years: dict[tuple[int, int], int] = {}
    for teacher, year, attended in counts:
        years[teacher, year] = years.get((teacher, year), 0) + attended
    return years


def participation_saved(sender, instance: Participation, created: bool, **kwargs) -> None:
    fields = kwargs.get("update_fields")
    if (created and not instance.attended) or (fields is not None and "attended" not in fields):
        return  # a registration, a cancellation, a certificate: attendance unchanged
    attendance_recount([instance.teacher_id])


def _by_event(origin) -> bool:
    """Whether a deletion started from an event (or a queryset of events): its cascade."""
    if isinstance(origin, QuerySet):
        return origin.model is Event
    return isinstance(origin, Event)


def participation_deleted(sender, instance: Participation, origin=None, **kwargs) -> None:
    """A participation deleted by any path: recount its teacher; in an event's cascade, the
    event recounts its attendees once instead (event_deleting, event_deleted)."""
    if instance.attended and not _by_event(origin):
        attendance_recount([instance.teacher_id])


def event_deleting(sender, instance: Event, **kwargs) -> None:
    """Before an event's participations go by the cascade: remember who attended it."""
    instance._attendees = list(  # type: ignore[attr-defined]
        Participation.objects.filter(event_id=instance.pk, attended=True).values_list(
            "teacher_id", flat=True
        )
    )


def event_deleted(sender, instance: Event, **kwargs) -> None:
    """After the cascade: its attendees recounted in one go, not one per participation."""
    attendance_recount(getattr(instance, "_attendees", ()))


def event_saved(sender, instance: Event, created: bool, **kwargs) -> None:
    """An event moved to another date or association moves its attendees' counts."""
    fields = kwargs.get("update_fields")
    if created or (fields is not None and not {"starts_at", "association"} & set(fields)):
        return
    attendance_recount(
        Participation.objects.filter(event_id=instance.pk, attended=True).values_list(
            "teacher_id", flat=True
        )
    )


def connect() -> None:
    from django.db.models.signals import post_delete, post_save, pre_delete

    uid = "events-attendance"
    post_save.connect(participation_saved, sender=Participation, dispatch_uid=f"{uid}-save")
    post_delete.connect(participation_deleted, sender=Participation, dispatch_uid=f"{uid}-del")
    post_save.connect(event_saved, sender=Event, dispatch_uid=f"{uid}-event")
    pre_delete.connect(event_deleting, sender=Event, dispatch_uid=f"{uid}-event-deleting")
    post_delete.connect(event_deleted, sender=Event, dispatch_uid=f"{uid}-event-deleted")


@transaction.atomic
def attendance_rebuild() -> int:
    """Count everybody again, in the database; returns the rows of the summary."""
    AttendanceSummary.objects.all().delete()
    YearAttendance.objects.all().delete()
    sql, params = _counted(Participation.objects.all()).query.sql_with_params()
    table = AttendanceSummary._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (teacher_id, school_year, association_id, attended) "  # noqa: S608  # nosec B608
            f"SELECT q.t, q.y, q.a, q.n FROM ({sql}) q",
            params,
        )
        cursor.execute(
            f"INSERT INTO {YearAttendance._meta.db_table} (teacher_id, school_year, attended) "  # noqa: S608  # nosec B608
            f"SELECT teacher_id, school_year, SUM(attended) FROM {table} "
            "GROUP BY teacher_id, school_year"
        )
    return AttendanceSummary.objects.count()


def attendance_differences() -> int:
    """How many rows the summary has wrong against a count from scratch (0 when exact)."""
    stored = set(
        AttendanceSummary.objects.values_list(
            "teacher_id", "school_year", "association_id", "attended"
        )
    )
    counted = {(r["t"], r["y"], r["a"], r["n"]) for r in _counted(Participation.objects.all())}
    stored_years = set(YearAttendance.objects.values_list("teacher_id", "school_year", "attended"))
    years = _per_year((t, y, n) for t, y, _a, n in counted)
    counted_years = {(t, y, n) for (t, y), n in years.items()}
    return len(stored ^ counted) + len(stored_years ^ counted_years)
