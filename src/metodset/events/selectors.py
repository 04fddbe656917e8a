from django.db.models import Count, Q, QuerySet

from metodset.events.models import Event, Participation, ParticipationStatus


def event_list(*, user) -> QuerySet[Event]:
    return (
        Event.objects.for_user(user)
        .select_related("association", "venue")
        .annotate(
            registered_count=Count(
                "participations",
                filter=Q(participations__status=ParticipationStatus.REGISTERED),
            )
        )
    )


def participants(*, event: Event) -> QuerySet[Participation]:
    return (
        event.participations.exclude(status=ParticipationStatus.CANCELLED)
        .select_related("teacher", "teacher__organisation")
        .order_by("status", "teacher__last_name", "teacher__first_name")
    )


def certificate_get(*, code: str) -> Participation | None:
    return (
        Participation.objects.filter(certificate_code=code.strip().upper())
        .select_related("event", "teacher", "event__municipality")
        .first()
    )
