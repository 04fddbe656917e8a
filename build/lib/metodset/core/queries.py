"""Query pieces every app reuses."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def subquery_count(queryset: QuerySet, to: str) -> Coalesce:
    """A correlated COUNT of `queryset`'s rows whose `to` is the outer row: several counts
    side by side do not multiply rows, as joined Count()s would; none counts 0."""
    counted = (
        queryset.filter(**{to: OuterRef("pk")})
        .order_by()
        .values(to)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
