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


@pytest.mark.django_db
class TestOnePage:
    """A list that fits on one page is read without LIMIT (the planner then uses the
    search's index instead of walking the sort order's), a longer one with it."""

    @staticmethod
    def _page_sql(paginator, number):
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            page = paginator.page(number)
            names = [region.name for region in page.object_list]
        selects = [q["sql"] for q in queries.captured_queries if "core_region" in q["sql"]]
        return names, selects[-1]

    def test_a_list_that_fits_is_read_whole_and_in_order(self):
        Region.objects.bulk_create(Region(name=f"Край {n}") for n in (3, 1, 2))
        paginator = listing.EstimatingPaginator(Region.objects.order_by("name"), 5)
        names, sql = self._page_sql(paginator, 1)
        assert names == ["Край 1", "Край 2", "Край 3"]
        assert "LIMIT" not in sql.upper()

    def test_a_longer_list_is_read_a_page_at_a_time(self):
        Region.objects.bulk_create(Region(name=f"Край {n}") for n in range(7))
        paginator = listing.EstimatingPaginator(Region.objects.order_by("name"), 5)
        names, sql = self._page_sql(paginator, 1)
        assert names == [f"Край {n}" for n in range(5)]
        assert "LIMIT" in sql.upper()
        names, sql = self._page_sql(paginator, 2)
        assert names == ["Край 5", "Край 6"]

    def test_rows_added_after_the_count_do_not_overflow_the_page(self):
        Region.objects.bulk_create(Region(name=f"Край {n}") for n in range(5))
        paginator = listing.EstimatingPaginator(Region.objects.order_by("name"), 5)
        assert paginator.count == 5
        Region.objects.create(name="Край 9")
        names, _sql = self._page_sql(paginator, 1)
        assert names == [f"Край {n}" for n in range(5)]
