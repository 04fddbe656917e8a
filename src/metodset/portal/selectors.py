"""Reads of the public portal: only what the authority publishes, in a fixed number of queries.

Nothing here is scoped to a user: the portal is public. What keeps it safe is what the
queries select — active associations, published plans and passports, planned events —
and what the templates show (see docs/architecture.md, «Public portal»).
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise

from metodset.associations.models import (
    Association,
    AssociationKind,
    AssociationStatus,
    HeadAppointment,
    Membership,
)
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality, Region
from metodset.events.models import Event, EventStatus
from metodset.meetings.models import Meeting
from metodset.orgs.models import Organisation
from metodset.plans.models import Plan, PlanItem
from metodset.portal.models import Passport

UPCOMING_LIMIT = 20


def region_list() -> QuerySet[Region]:
    """Regions that have municipalities on the platform, each with its municipalities."""
    return (
        Region.objects.filter(municipalities__isnull=False)
        .distinct()
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        )
        .order_by("name")
    )


def municipality_get(slug: str) -> Municipality:
    return get_object_or_404(Municipality.objects.select_related("region"), slug=slug)


def _public_associations(municipality: Municipality, today: dt.date) -> QuerySet[Association]:
    members = (
        Membership.objects.in_force(today)
        .filter(association=OuterRef("pk"))
        .order_by()
        .values("association")
        .annotate(n=Count("pk"))
        .values("n")
    )
    heads = HeadAppointment.objects.on(today).select_related(
        "teacher", "teacher__organisation", "order"
    )
    return (
        Association.objects.active()
        .filter(municipality=municipality)
        .select_related("organisation", "creation_order")
        .annotate(
            member_count=Coalesce(Subquery(members), Value(0)),
            published_at=F("passport__published_at"),
        )
        .prefetch_related(
            Prefetch("head_appointments", queryset=heads.order_by("-starts_on"), to_attr="heads"),
            # A network group's base schools (004 §3.3.2): organisations, no personal data.
            Prefetch(
                "base_organisations",
                queryset=Organisation.objects.order_by("name"),
                to_attr="bases",
            ),
        )
    )


def associations_by_kind(
    municipality: Municipality,
) -> list[tuple[str | Promise, list[Association]]]:
    """Active associations grouped by kind, in the order of AssociationKind: two queries."""
    associations = _public_associations(municipality, timezone.localdate()).order_by("name")
    groups: dict[str, list[Association]] = {kind: [] for kind in AssociationKind.values}
    for association in associations:
        groups[association.kind].append(association)
    labels = dict(AssociationKind.choices)
    return [(labels[kind], items) for kind, items in groups.items() if items]


def passport_association_get(municipality: Municipality, pk: int) -> Association:
    """The active association of the passport page, with its head and member count (404 else)."""
    return get_object_or_404(_public_associations(municipality, timezone.localdate()), pk=pk)


def public_plans(
    *,
    municipality: Municipality | None = None,
    association: Association | None = None,
    years: Iterable[SchoolYear] = (),
    with_items: bool = False,
) -> QuerySet[Plan]:
    """Published plans of active associations, newest school year first."""
    plans = (
        Plan.objects.published()
        # integration: the methodical service's own plan (no association) is published too
        .filter(Q(association__status=AssociationStatus.ACTIVE) | Q(association__isnull=True))
        .select_related("association", "municipality", "approval_order")
        .order_by("-school_year", "association__name")
    )
    if municipality is not None:
        plans = plans.filter(municipality=municipality)
    if association is not None:
        plans = plans.filter(association=association)
    if years:
        plans = plans.filter(school_year__in=[y.start_year for y in years])
    if with_items:
        # Responsible teachers are left out on purpose: the public plan names no members.
        items = PlanItem.objects.select_related("venue").order_by("sort_on", "pk")
        plans = plans.prefetch_related(Prefetch("items", queryset=items, to_attr="public_items"))
    return plans


def public_plan_get(municipality: Municipality, pk: int) -> Plan:
    return get_object_or_404(public_plans(municipality=municipality, with_items=True), pk=pk)


def upcoming_meetings(association: Association) -> QuerySet[Meeting]:
    """Meetings from today on: number, date, time and place only."""
    return (
        Meeting.objects.filter(association=association, date__gte=timezone.localdate())
        .select_related("venue")
        .order_by("date", "number")[:UPCOMING_LIMIT]
    )


def upcoming_events(
    municipality: Municipality, *, association: Association | None = None
) -> QuerySet[Event]:
    """Planned events that have not ended, of the municipality or of one association."""
    events = Event.objects.filter(
        municipality=municipality, status=EventStatus.PLANNED, ends_at__gte=timezone.now()
    )
    if association is not None:
        events = events.filter(association=association)
    return events.select_related("venue", "association").order_by("starts_at")[:UPCOMING_LIMIT]


def passports_published(association_ids: Iterable[int], *, on: dt.date) -> set[int]:
    """Ids of the associations whose passport is published and was so by `on` (one query)."""
    return set(
        Passport.objects.published()
        .filter(association_id__in=list(association_ids), published_at__date__lte=on)
        .values_list("association_id", flat=True)
    )


def passport_state(association: Association) -> Passport | None:
    return Passport.objects.filter(association=association).select_related("published_by").first()


def passport_history(passport: Passport, limit: int = 5) -> list:
    """The last publications and withdrawals, newest first, with their authors."""
    return list(passport.history.select_related("history_user").order_by("-history_id")[:limit])
