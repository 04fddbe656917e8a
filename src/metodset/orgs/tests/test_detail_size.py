"""The organisation's page does not grow with its staff (issue #19): it shows the first 50
teachers, at the same number of queries for 10 as for 200."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Teacher
from metodset.people.tests.factories import TeacherFactory


def _organisation(municipality, teachers: int):
    organisation = OrganisationFactory(municipality=municipality)
    Teacher.objects.bulk_create(
        TeacherFactory.build(organisation=organisation, last_name=f"Учителева{i:05d}")
        for i in range(teachers)
    )
    return organisation


def _page(client, organisation):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    size = len(re.sub(r"\d+", "0", re.sub(r"[\w-]{20,}", "T", response.text)))
    return size, len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["platform_admin", "methodist", "coordinator"])
def test_it_costs_the_same_for_10_and_for_200_teachers(client_for, municipality, role):
    client = client_for(role)
    small = _page(client, _organisation(municipality, 10))
    large = _page(client, _organisation(municipality, 200))
    larger = _page(client, _organisation(municipality, 400))
    assert small[1] == large[1] == larger[1]
    assert large[0] == larger[0]
