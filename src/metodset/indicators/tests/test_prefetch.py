"""The dashboard's computations at once (compute.prefetch, compute.at_once): the same values
as computed one after the other, in threads of their own only where that is safe."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core import replicas
from metodset.core.dates import SchoolYear
from metodset.growth.models import Diagnostic
from metodset.indicators import compute, selectors

YEAR = SchoolYear(2025)


def world(municipality):
    association = AssociationFactory(municipality=municipality)
    teacher = MembershipFactory(association=association, joined_on=YEAR.starts_on).teacher
    Diagnostic.objects.create(teacher=teacher, date=YEAR.starts_on, instrument="ЕФОМ")
    return association


def where() -> tuple[int, str, str, bool]:
    return (
        threading.get_ident(),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        replicas.reading_replica(),
    )


@pytest.mark.django_db
class TestInATransaction:
    def test_calls_run_in_order_in_this_thread(self):
        assert compute.at_once([lambda: 1, lambda: 2]) == [1, 2]
        with translation.override("en"), timezone.override("Asia/Yakutsk"):
            here = compute.at_once([where, where])
        assert here == [(threading.get_ident(), "en", "Asia/Yakutsk", False)] * 2

    def test_prefetch_fills_the_cache_with_what_the_dashboard_reads(
        self, municipality, django_assert_num_queries
    ):
        cache.clear()
        association = world(municipality)
        selectors.prefetch_dashboard([association], municipality, YEAR)
        years = [*selectors.school_years(), YEAR, YEAR.previous]  # what it prefetched
        with django_assert_num_queries(0):  # all from the cache
            now = compute.for_associations([association.pk], YEAR)
            compute.for_associations([association.pk], YEAR.previous)
            compute.for_municipalities_years([municipality.pk], years)
        assert now[association.pk]["diagnostics_share"] == compute.Value(1, 1)

    def test_prefetch_computes_nothing_already_cached(self, municipality, monkeypatch):
        cache.clear()
        association = world(municipality)
        asked = {"associations": ([association.pk], [YEAR]), "municipalities": ([1], [YEAR])}
        compute.prefetch(**asked)
        ran: list = []
        monkeypatch.setattr(compute, "at_once", lambda calls, using: ran.extend(calls))
        compute.prefetch(**asked)
        assert ran == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads only on PostgreSQL")
@pytest.mark.django_db(transaction=True)
class TestInThreads:
    def test_each_call_runs_in_a_thread_of_its_own_in_the_callers_context(self):
        meet = threading.Barrier(2, timeout=10)  # broken unless both run at the same time

        def waiting():
            meet.wait()
            return where()

        context = translation.override("en"), timezone.override("Asia/Yakutsk")
        with context[0], context[1], replicas.replica_reads():
            found = compute.at_once([waiting, waiting, lambda: 3])
        assert found[2] == 3
        threads = {found[0][0], found[1][0]}
        assert threading.get_ident() not in threads and len(threads) == 2
        assert [f[1:] for f in found[:2]] == [("en", "Asia/Yakutsk", True)] * 2

    def test_the_values_equal_those_computed_one_after_the_other(self, municipality):
        cache.clear()
        association = world(municipality)
        selectors.prefetch_dashboard([association], municipality, YEAR)
        years = [*selectors.school_years(), YEAR, YEAR.previous]  # what it prefetched
        together = (
            compute.for_associations([association.pk], YEAR),
            compute.for_municipalities_years([municipality.pk], years),
        )
        cache.clear()
        alone = (
            compute.for_associations([association.pk], YEAR),
            compute.for_municipalities_years([municipality.pk], years),
        )
        assert together == alone
        assert together[0][association.pk]["diagnostics_share"] == compute.Value(1, 1)
