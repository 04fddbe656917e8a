"""The association's page does not grow with the data (issue #19): the members and the
former members come a page at a time, the member picker is a search, so the page of an
association of 200 members costs as many queries as one of 10, and its HTML is the same
for 200 as for 400 (digits aside: the pks differ in length)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from metodset.associations.models import Membership
from metodset.associations.selectors import MEMBERS_PER_PAGE
from metodset.associations.tests.factories import AssociationFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Teacher
from metodset.people.tests.factories import TeacherFactory


def _teachers(organisation, n: int, prefix: str) -> list[Teacher]:
    return Teacher.objects.bulk_create(
        TeacherFactory.build(organisation=organisation, last_name=f"{prefix}{i:05d}")
        for i in range(n)
    )


def _association(municipality, members: int):
    """An association with `members` members, half as many former ones, and as many
    teachers again in the municipality who are not members (the picker's choices)."""
    association = AssociationFactory(municipality=municipality)
    school = OrganisationFactory(municipality=municipality)
    joined = dt.date(2021, 9, 1)
    Membership.objects.bulk_create(
        [
            Membership(association=association, teacher=t, joined_on=joined)
            for t in _teachers(school, members, "Членова")
        ]
        + [
            Membership(
                association=association, teacher=t, joined_on=joined, left_on=dt.date(2024, 5, 31)
            )
            for t in _teachers(school, members // 2, "Бывшая")
        ]
    )
    _teachers(school, members, "Коллегова")
    return association


def _page(client, association, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("associations:detail", args=[association.pk]), query)
    assert response.status_code == 200
    return response.text, len(queries)


def _size(html: str) -> int:
    """The length without what differs by chance: tokens (CSRF, nonce) and digits."""
    return len(re.sub(r"\d+", "0", re.sub(r"[\w-]{20,}", "T", html)))


@pytest.mark.django_db
class TestAssociationPageSize:
    @pytest.mark.parametrize("role", ["platform_admin", "methodist", "teacher", "coordinator"])
    def test_it_costs_the_same_for_10_and_for_200_members(self, client_for, municipality, role):
        client = client_for(role)
        small = _association(municipality, 10)
        large = _association(municipality, 200)
        larger = _association(municipality, 400)
        small_html, small_queries = _page(client, small)
        large_html, large_queries = _page(client, large)
        larger_html, larger_queries = _page(client, larger)
        assert small_queries == large_queries == larger_queries
        assert len(small_html) < len(large_html)
        assert _size(large_html) == _size(larger_html)
        # a page of members, not all of them, and no select of every teacher
        assert large_html.count('id="membership-') == MEMBERS_PER_PAGE
        assert "Коллегова" not in large_html
        assert len(large_html) < 100_000

    def test_it_pages_the_members_and_the_former_members(self, client, methodist, municipality):
        client.force_login(methodist)
        association = _association(municipality, 120)
        first, _ = _page(client, association)
        third, _ = _page(client, association, members=3)
        assert "120 участников" in first
        assert "Членова00000" in first and "Членова00050" not in first
        assert "Членова00100" in third and third.count('id="membership-') == 20
        assert "Страница 3 из 3" in third
        assert 'href="?members=2"' in first
        former, _ = _page(client, association, members=2, former=1)
        assert "60 бывших участников" in former

    def test_an_htmx_page_of_members_is_the_members_section(self, client, methodist, municipality):
        client.force_login(methodist)
        association = _association(municipality, 60)
        response = client.get(
            reverse("associations:detail", args=[association.pk]),
            {"members": 2},
            headers={"HX-Request": "true", "HX-Target": "members"},
        )
        assert response.status_code == 200
        assert response.text.lstrip().startswith('<section class="card" id="members"')
        assert response.text.count('id="membership-') == 10
