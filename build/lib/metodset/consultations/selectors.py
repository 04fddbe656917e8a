"""Reads of consultation requests: the log (per methodist, per association) and the counts
of the monitoring report."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from metodset.consultations.models import ConsultationRequest, Source, Status
from metodset.core.dates import SchoolYear


def request_list(*, user) -> QuerySet[ConsultationRequest]:
    """The requests the user handles or asked, with what the list shows (one query)."""
    return ConsultationRequest.objects.visible_to(user).select_related(
        "association", "answered_by", "municipality"
    )


def counts(municipality, year: SchoolYear) -> dict:
    """Requests of the school year by status, source and who asked, in one query."""
    rows = ConsultationRequest.objects.filter(
        municipality=municipality, created_at__date__range=(year.starts_on, year.ends_on)
    )
    given = Q(status__in=[Status.ANSWERED, Status.APPOINTED])
    totals = rows.aggregate(
        total=Count("pk"),
        given=Count("pk", filter=given),
        open=Count("pk", filter=Q(status__in=[Status.NEW, Status.APPOINTED])),
        declined=Count("pk", filter=Q(status=Status.DECLINED)),
        portal=Count("pk", filter=Q(source=Source.PORTAL)),
        app=Count("pk", filter=Q(source=Source.APP)),
        logged=Count("pk", filter=Q(source=Source.LOGGED)),
        parents=Count("pk", filter=Q(asker="parent")),
        service=Count("pk", filter=Q(association__isnull=True)),
        associations=Count("pk", filter=Q(association__isnull=False)),
    )
    return totals
