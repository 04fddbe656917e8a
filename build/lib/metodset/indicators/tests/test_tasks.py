"""The nightly recompute: it warms what the pages ask for and catches changes signals miss."""

import datetime as dt
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core.dates import SchoolYear
from metodset.growth.models import Diagnostic
from metodset.indicators import compute, selectors
from metodset.indicators.tasks import indicators_nightly

YEAR = SchoolYear(2025)  # the current school year on the frozen 20.11.2025


@pytest.mark.django_db
class TestNightlyRecompute:
    def test_it_leaves_every_grouping_in_the_cache(
        self, municipality, sibling_municipality, django_assert_num_queries
    ):
        association = AssociationFactory(municipality=municipality)
        member = MembershipFactory(association=association).teacher
        MembershipFactory(association=association)
        Diagnostic.objects.create(teacher=member, date=dt.date(2025, 10, 1), instrument="ЕФОМ")
        cache.clear()
        result = indicators_nightly.enqueue()  # the immediate backend in tests
        assert result.return_value == {"municipalities": 2, "regions": 1}
        with django_assert_num_queries(0):  # all from the cache
            associations = compute.for_associations([association.pk], YEAR)
            selectors.association_rows([association], YEAR, selectors.DEFAULT_SORT)
            compute.for_associations([association.pk], YEAR.previous)
            compute.for_municipalities([municipality.pk], YEAR)
            compute.for_municipalities([municipality.pk, sibling_municipality.pk], YEAR)
            compute.for_regions([municipality.region_id], YEAR)
        # 1 of the 2 members diagnosed in the year: 50 %
        assert associations[association.pk]["diagnostics_share"].value == 50.0

    def test_it_picks_up_a_change_the_signals_did_not_see(self, municipality):
        association = AssociationFactory(municipality=municipality)
        member = MembershipFactory(association=association).teacher
        diagnostic = Diagnostic.objects.create(
            teacher=member, date=dt.date(2024, 10, 1), instrument="ЕФОМ"
        )
        assert (
            compute.for_associations([association.pk], YEAR)[association.pk][
                "diagnostics_share"
            ].value
            == 0.0
        )
        # a bulk correction: no post_save signal, so the cached 0 % stays …
        Diagnostic.objects.filter(pk=diagnostic.pk).update(date=dt.date(2025, 10, 1))
        assert (
            compute.for_associations([association.pk], YEAR)[association.pk][
                "diagnostics_share"
            ].value
            == 0.0
        )
        # … until the nightly job: 1 of 1 = 100 %
        out = StringIO()
        call_command("indicators_recompute", stdout=out)
        assert "1 municipalities" in out.getvalue()
        assert (
            compute.for_associations([association.pk], YEAR)[association.pk][
                "diagnostics_share"
            ].value
            == 100.0
        )

    def test_the_command_can_queue_the_job(self, municipality):
        out = StringIO()
        call_command("indicators_recompute", "--enqueue", stdout=out)
        assert out.getvalue().startswith("queued: ")
