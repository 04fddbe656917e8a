"""The detail pages that list people show one page of them: an event of 1,000 participants
costs the same queries and about the same HTML as one of 60, and the same queries as one of
10 (issue #19: nothing grows unless the user asked). The association's page has its own test
(associations/tests/test_detail_size.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from metodset.events.models import Participation
from metodset.events.tests.factories import EventFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Teacher
from metodset.people.tests.factories import TeacherFactory


def _teachers(municipality, n: int, prefix: str) -> list[Teacher]:
    organisation = OrganisationFactory(municipality=municipality)
    return Teacher.objects.bulk_create(
        TeacherFactory.build(
            organisation=organisation,
            municipality=municipality,
            last_name=f"{prefix}{i:04d}",
        )
        for i in range(n)
    )


def _measure(client, url: str) -> tuple[int, int]:
    client.get(url)  # warm what is cached per object (the compliance verdicts, the menu)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.content)


def _same_cost(client, urls: dict[int, str]) -> None:
    (q10, _), (q60, size60), (q1000, size1000) = (_measure(client, urls[n]) for n in (10, 60, 1000))
    assert q10 == q60 == q1000, (q10, q60, q1000)
    assert abs(size1000 - size60) < size60 * 0.02, (size60, size1000)


@pytest.mark.django_db
class TestEventPage:
    def test_it_costs_the_same_for_10_and_1000_participants(
        self, client_as, methodist, municipality
    ):
        urls = {}
        for n in (10, 60, 1000):
            event = EventFactory(municipality=municipality, title=f"Семинар {n}")
            Participation.objects.bulk_create(
                Participation(event=event, teacher=t, role="participant", status="registered")
                for t in _teachers(municipality, n, f"У{n}-")
            )
            urls[n] = reverse("events:detail", args=[event.pk])
        _same_cost(client_as(methodist), urls)
