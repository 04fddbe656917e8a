from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from metodset.events.models import Event, Participation, ParticipationStatus


def event_list(*, user) -> QuerySet[Event]:
    """Events with `registered_count`, a correlated subquery rather than a join and GROUP BY:
    a page of 50 events counts its own registrations (an index scan each), and the list's
    count reads the events alone, not 1,000,000 participations (issue #19)."""
    registered = (
        Participation.objects.filter(event=OuterRef("pk"), status=ParticipationStatus.REGISTERED)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Event.objects.for_user(user)
        .select_related("association", "venue")
        .annotate(registered_count=Coalesce(Subquery(registered, output_field=IntegerField()), 0))
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


def competition_entries(*, event: Event):
    from metodset.events.models import CompetitionEntry

    return (
        CompetitionEntry.objects.filter(nomination__event=event)
        .select_related("nomination", "teacher", "teacher__organisation", "nominated_by")
        .order_by("nomination__name", "teacher__last_name")
    )


def member_results(*, association):
    """Competition results of the association's current members (for its page)."""
    from metodset.associations.models import Membership
    from metodset.events.models import CompetitionEntry

    members = Membership.objects.current().filter(association=association).values("teacher_id")
    return (
        CompetitionEntry.objects.filter(teacher_id__in=members)
        .exclude(outcome="")
        .select_related("teacher", "nomination", "nomination__event")
        .order_by("-nomination__event__starts_at", "teacher__last_name")
    )
