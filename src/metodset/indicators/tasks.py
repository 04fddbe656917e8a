"""The nightly job: recompute every indicator and leave the results in the cache.

Signals invalidate the cache on every save through the ORM, but not on what they cannot
see (bulk imports, `QuerySet.update`, a teacher turning 35 overnight), so once a night the
attendance summary is counted again (events.attendance) and the
whole cache generation is dropped and the values the pages ask for first are computed
again: every municipality's associations and totals for the current and previous school
years (a dashboard's trend arrows) and its table of the current year, the dynamics of
older years, and each region.
"""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.utils import translation

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.events.attendance import attendance_rebuild
from metodset.indicators import compute, selectors


def indicators_recompute() -> dict[str, int]:
    """Drop the cached values and compute them again; returns what was computed."""
    attendance_rebuild()  # the bulk writes of participations no service saw
    compute.bump_version()
    current = SchoolYear.current()
    years = [current, current.previous]
    municipalities = list(Municipality.objects.order_by("pk"))
    active: dict[int, list[Association]] = {}
    for association in Association.objects.active():
        active.setdefault(association.municipality_id, []).append(association)
    for municipality in municipalities:
        associations = active.get(municipality.pk, [])
        for year in years:
            compute.for_associations([a.pk for a in associations], year)
        with translation.override(settings.LANGUAGE_CODE):  # the dashboard's first view
            selectors.association_rows(associations, current, selectors.DEFAULT_SORT)
        compute.for_municipalities_years([municipality.pk], [*years, *selectors.school_years()])
    regions: dict[int, list[int]] = {}
    for municipality in municipalities:
        regions.setdefault(municipality.region_id, []).append(municipality.pk)
    for year in years:
        compute.for_regions(list(regions), year)
        compute.for_municipalities([m.pk for m in municipalities], year)  # the platform admin
        for region_id, ids in regions.items():
            compute.for_municipalities(ids, year)  # a coordinator's region page
            compute.for_regions([region_id], year)
    return {"municipalities": len(municipalities), "regions": len(regions)}


@task
def indicators_nightly() -> dict[str, int]:
    return indicators_recompute()
