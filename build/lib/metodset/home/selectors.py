"""Reads for the role dashboards: the one place that reads across every domain app."""

import datetime as dt

from django.db.models import Count, QuerySet
from django.utils import timezone

from metodset.acts.models import Order
from metodset.associations.models import Association, HeadAppointment, Membership, in_force_q
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.core.queries import subquery_count
from metodset.orgs.models import Organisation
from metodset.people.models import Teacher

TERM_WARNING_DAYS = 60


def municipality_overview(user) -> QuerySet[Municipality]:
    """Municipalities in the user's scope with the size of their methodical network."""
    return (
        Municipality.objects.for_user(user)
        .select_related("region")
        .annotate(
            organisation_count=subquery_count(Organisation.objects.all(), "municipality"),
            teacher_count=subquery_count(Teacher.objects.working(), "municipality"),
            association_count=subquery_count(Association.objects.active(), "municipality"),
        )
        .order_by("region__name", "name")
    )


def terms_ending(user, *, within_days: int = TERM_WARNING_DAYS) -> QuerySet[HeadAppointment]:
    today = timezone.localdate()
    return (
        HeadAppointment.objects.for_user(user)
        .current()
        .filter(ends_on__lte=today + dt.timedelta(days=within_days))
        .select_related("teacher", "association")
        .order_by("ends_on")
    )


def associations_without_head(user) -> QuerySet[Association]:
    heads_today = HeadAppointment.objects.current().values("association_id")
    return Association.objects.for_user(user).active().exclude(pk__in=heads_today).order_by("name")


def dashboard_for(user) -> dict:
    """What the home page shows: one block per role, each with a next step."""
    from metodset.meetings.selectors import (
        open_decisions_for,
        unsigned_minutes,
        upcoming_meetings,
    )
    from metodset.plans.selectors import plans_awaiting_review

    today = timezone.localdate()
    context: dict = {"today": today, "school_year": SchoolYear.of(today)}
    if user.is_platform_admin or user.is_regional_coordinator:
        context["municipalities"] = list(municipality_overview(user))
    if user.is_platform_admin or user.is_regional_coordinator or user.is_methodist:
        context["terms_ending"] = list(terms_ending(user)[:10])
        context["without_head"] = list(associations_without_head(user)[:10])
    if user.is_methodist:
        municipality_id = user.municipality_id
        context["counts"] = {
            "organisations": Organisation.objects.filter(municipality_id=municipality_id).count(),
            "teachers": Teacher.objects.filter(
                municipality_id=municipality_id, is_active=True
            ).count(),
            "associations": Association.objects.filter(municipality_id=municipality_id)
            .active()
            .count(),
            "orders": Order.objects.filter(
                municipality_id=municipality_id, year=today.year
            ).count(),
        }
        context["recent_orders"] = list(Order.objects.for_user(user).order_by("-date", "-pk")[:5])
        context["plans_awaiting"] = plans_awaiting_review(user=user, year=context["school_year"])
        context["unsigned_minutes"] = list(unsigned_minutes(user=user, on=today)[:10])
    if user.is_teacher:
        from metodset.events.models import Event, EventStatus

        context["upcoming_events"] = list(
            Event.objects.for_user(user)
            .filter(ends_at__gte=timezone.now(), status=EventStatus.PLANNED)
            .select_related("venue")
            .order_by("starts_at")[:5]
        )
    if user.is_teacher and user.teacher_id:
        context["headed"] = list(
            Association.objects.filter(pk__in=user.headed_association_ids)
            .annotate(
                member_count=Count(
                    "memberships",
                    filter=in_force_q(today, "memberships__"),
                )
            )
            .order_by("name")
        )
        context["my_appointments"] = {
            a.association_id: a
            for a in HeadAppointment.objects.current().filter(teacher_id=user.teacher_id)
        }
        context["memberships"] = list(
            Membership.objects.current()
            .filter(teacher_id=user.teacher_id)
            .select_related("association")
            .order_by("association__name")
        )
        context["open_decisions"] = list(open_decisions_for(user=user)[:10])
        mine = set(user.headed_association_ids) | {m.association_id for m in context["memberships"]}
        context["upcoming_meetings"] = list(
            upcoming_meetings(user=user, on=today).filter(association_id__in=mine)[:5]
        )
        if context["headed"]:
            context["unsigned_minutes"] = list(
                unsigned_minutes(user=user, on=today).filter(
                    association_id__in=user.headed_association_ids
                )[:10]
            )
    return context
