import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from metodset.core.models import Municipality
from metodset.orgs.models import AuthorityHead, Organisation


def organisation_list(*, user) -> QuerySet[Organisation]:
    """Organisations the user may see, with the number of teachers working there."""
    return (
        Organisation.objects.for_user(user)
        .select_related("municipality")
        .annotate(teacher_count=Count("teachers", filter=Q(teachers__is_active=True)))
    )


def venue_list(*, user) -> QuerySet[Organisation]:
    return Organisation.objects.for_user(user).filter(is_venue=True)


@dataclass(frozen=True)
class AuthorityLine:
    """A municipality with the terms of its authority's heads, newest first."""

    municipality: Municipality
    heads: list[AuthorityHead]
    current: AuthorityHead | None


def authority_head_list(*, user, today: dt.date) -> list[AuthorityLine]:
    """Every municipality the user may see with its heads and the one in office `today`,
    in two queries: the municipalities, the heads."""
    municipalities = list(Municipality.objects.for_user(user).order_by("name"))
    heads: dict[int, list[AuthorityHead]] = {m.pk: [] for m in municipalities}
    for head in AuthorityHead.objects.for_user(user).order_by("-starts_on", "-pk"):
        heads.setdefault(head.municipality_id, []).append(head)
    return [
        AuthorityLine(
            municipality=m,
            heads=heads[m.pk],
            current=next((h for h in heads[m.pk] if h.in_office_on(today)), None),
        )
        for m in municipalities
    ]


def authority_head_on(municipality_id: int, day: dt.date) -> AuthorityHead | None:
    """The head of the municipality's education authority in office on `day`, if recorded."""
    return (
        AuthorityHead.objects.filter(municipality_id=municipality_id)
        .in_office(day)
        .order_by("-starts_on", "-pk")
        .first()
    )
