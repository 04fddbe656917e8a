"""The demo gives each municipality its own dashboard, with two school years to compare."""

import pytest
import time_machine

from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.growth.models import Practice, Publication, TeacherNeed
from metodset.indicators.compute import for_municipalities
from metodset.indicators.models import ExpertAssessment

from .test_demo_data import FROZEN, loaded, sample  # noqa: F401 - the shared demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded")]
YEARS = [SchoolYear(2024), SchoolYear(2025)]  # the demo's previous and current school year


class TestDemoIndicators:
    def test_every_municipality_has_both_years_of_every_kind(self):
        with time_machine.travel(FROZEN, tick=False):
            for municipality in Municipality.objects.all():
                for year in YEARS:
                    values = for_municipalities([municipality.pk], year)[municipality.pk]
                    for code in (
                        "event_participation_share",
                        "diagnostics_share",
                        "dissemination_units",
                        "publications",
                        "roadmap",
                    ):
                        assert values[code].value, (municipality.slug, year, code)

    def test_the_five_dashboards_differ(self):
        with time_machine.travel(FROZEN, tick=False):
            shown = {
                tuple(
                    for_municipalities([m.pk], year)[m.pk][code].value
                    for year in YEARS
                    for code in ("event_participation_share", "publications", "roadmap")
                )
                for m in Municipality.objects.all()
            }
        assert len(shown) == 5

    def test_its_records_pass_full_clean(self):
        for model in (Practice, Publication, TeacherNeed, ExpertAssessment):
            rows = sample(model.objects.all())
            assert rows, model
            for row in rows:
                row.full_clean(validate_unique=False)
