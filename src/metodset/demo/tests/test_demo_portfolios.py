"""The demo's portfolios: each municipality's checklist is its own regulation's, in every state."""

import datetime as dt
from collections import Counter

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.demo.generator import demo_load
from metodset.portfolio.checklist import checklist_for, checklists_for
from metodset.portfolio.models import Portfolio

from .common import SMALL

pytestmark = pytest.mark.django_db

FROZEN = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC)
LAST = SchoolYear(2024)
# slug -> (items, clause of the first item, deadline) as the seed regulations word them
EXPECTED = {
    "rubtsovsk": (9, "п. 7.2", dt.date(2025, 5, 31)),
    "biysk-rayon": (12, "разд. 8, п. 1", None),
    "vesyegonsk": (4, "п. 5.1", None),
    "choya": (5, "п. 3.11", None),
}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        with time_machine.travel(FROZEN, tick=False):
            demo_load(teachers=SMALL)
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("loaded")
class TestDemoPortfolios:
    @pytest.mark.parametrize("slug", ["rubtsovsk", "biysk-rayon", "vesyegonsk", "choya"])
    def test_the_checklist_is_the_municipality_s_own(self, slug):
        associations = list(Association.objects.filter(municipality__slug=slug).active())
        checklists = [c for c in checklists_for(associations, LAST).values() if c]
        assert checklists
        items, clause, deadline = EXPECTED[slug]
        for checklist in checklists:
            assert len(checklist.items) == items
            assert checklist.items[0].clause == clause and checklist.deadline == deadline
        # Every portfolio handed in holds its regulation's items and clauses, whatever the year.
        handed_in = Portfolio.objects.filter(association__municipality__slug=slug).exclude(
            status="draft"
        )
        assert handed_in.exists()
        for portfolio in handed_in.select_related("association"):
            checklist = checklist_for(portfolio.association, SchoolYear(portfolio.school_year))
            assert [(i["code"], i["clause"]) for i in portfolio.items] == [
                (i.code, i.clause) for i in checklist.items
            ], portfolio

    def test_kuznetsk_s_regulation_names_no_portfolio(self):
        associations = list(Association.objects.filter(municipality__slug="kuznetsk"))
        assert not any(checklists_for(associations, LAST).values())
        assert not Portfolio.objects.filter(association__municipality__slug="kuznetsk").exists()

    def test_it_has_portfolios_in_every_state(self):
        states = Counter(
            Portfolio.objects.filter(school_year=LAST.start_year).values_list("status", flat=True)
        )
        assert set(states) == {"draft", "submitted", "returned", "accepted"}
        for slug in ("rubtsovsk", "biysk-rayon", "vesyegonsk"):
            mine = set(
                Portfolio.objects.filter(
                    association__municipality__slug=slug, school_year=LAST.start_year
                ).values_list("status", flat=True)
            )
            assert mine == {"draft", "submitted", "returned", "accepted"}, slug
        # Чойский район has one council under its regulation: its years take the states.
        council = Portfolio.objects.filter(association__municipality__slug="choya")
        by_year = dict(council.values_list("school_year", "status"))
        assert by_year == {
            2022: "accepted",
            2023: "returned",
            2024: "submitted",
            2025: "draft",
        }
        assert council.values("association").distinct().count() == 1
        returned = Portfolio.objects.filter(status="returned").first()
        assert returned.entries.filter(review="returned").exclude(comment="").exists()
