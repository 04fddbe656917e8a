"""The list count (core.listing.EstimatingPaginator): exact up to ESTIMATE_ABOVE rows, the
planner's estimate beyond on PostgreSQL only (issue #19)."""

import pytest
from django.db import connection

from metodset.core import listing
from metodset.core.models import Region


@pytest.mark.django_db
class TestEstimatingPaginator:
    def test_it_counts_exactly_below_the_threshold(self, monkeypatch):
        monkeypatch.setattr(listing, "ESTIMATE_ABOVE", 3)
        Region.objects.bulk_create(Region(name=f"Край {n}") for n in range(3))
        paginator = listing.EstimatingPaginator(Region.objects.order_by("pk"), 2)
        assert (paginator.count, paginator.estimated) == (3, False)

    def test_it_estimates_beyond_the_threshold_on_postgresql_only(self, monkeypatch):
        monkeypatch.setattr(listing, "ESTIMATE_ABOVE", 3)
        Region.objects.bulk_create(Region(name=f"Край {n}") for n in range(5))
        paginator = listing.EstimatingPaginator(Region.objects.order_by("pk"), 2)
        if connection.vendor == "postgresql":  # the estimate, or the count if it is too low
            assert paginator.count == 5 or (paginator.estimated and paginator.count >= 100)
        else:
            assert (paginator.count, paginator.estimated) == (5, False)
            assert listing.planned_rows(Region.objects.all()) is None
