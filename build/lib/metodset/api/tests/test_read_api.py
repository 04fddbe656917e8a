"""The read endpoints: every list scoped like the pages, at a constant number of queries."""

import pytest

from metodset.acts.tests.factories import OrderFactory
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.meetings.tests.factories import MeetingFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.plans.tests.factories import PlanFactory

API = "/api/v1"

FACTORIES = {
    "teachers": lambda m: TeacherFactory(organisation__municipality=m),
    "associations": lambda m: AssociationFactory(municipality=m),
    "orders": lambda m: OrderFactory(municipality=m),
    "plans": lambda m: PlanFactory(association__municipality=m),
    "meetings": lambda m: MeetingFactory(association__municipality=m),
}


@pytest.mark.django_db
class TestScopedLists:
    @pytest.mark.parametrize("resource", sorted(FACTORIES))
    def test_it_shows_a_methodist_his_municipality(
        self, client_as, methodist, other_municipality, resource
    ):
        mine = FACTORIES[resource](methodist.municipality)
        theirs = FACTORIES[resource](other_municipality)
        client = client_as(methodist)
        ids = [item["id"] for item in client.get(f"{API}/{resource}/").json()["items"]]
        assert mine.pk in ids
        assert theirs.pk not in ids
        assert client.get(f"{API}/{resource}/{theirs.pk}").status_code == 404

    @pytest.mark.parametrize("resource", sorted(FACTORIES))
    def test_it_shows_a_coordinator_his_region(
        self, client_as, coordinator, sibling_municipality, other_municipality, resource
    ):
        sibling = FACTORIES[resource](sibling_municipality)
        theirs = FACTORIES[resource](other_municipality)
        ids = [i["id"] for i in client_as(coordinator).get(f"{API}/{resource}/").json()["items"]]
        assert sibling.pk in ids
        assert theirs.pk not in ids

    @pytest.mark.parametrize("resource", sorted(FACTORIES))
    def test_it_runs_constant_queries(
        self, client_as, methodist, django_assert_num_queries, resource
    ):
        client = client_as(methodist)
        for _ in range(3):
            FACTORIES[resource](methodist.municipality)
        # session, user, count, page (+ subjects prefetch and the personal data access log's
        # insert for teachers)
        expected = 6 if resource == "teachers" else 4
        with django_assert_num_queries(expected):
            client.get(f"{API}/{resource}/")
        for _ in range(30):
            FACTORIES[resource](methodist.municipality)
        with django_assert_num_queries(expected):
            client.get(f"{API}/{resource}/")


@pytest.mark.django_db
class TestTeacherPersonalData:
    def test_it_shows_a_teacher_only_himself(self, client_as, teacher_user, municipality):
        other = TeacherFactory(organisation__municipality=municipality)
        client = client_as(teacher_user)
        items = client.get(f"{API}/teachers/").json()["items"]
        assert [i["id"] for i in items] == [teacher_user.teacher_profile.pk]
        assert client.get(f"{API}/teachers/{other.pk}").status_code == 404

    def test_it_shows_a_head_his_members(self, client_as, head, association, municipality):
        member = MembershipFactory(association=association).teacher
        stranger = TeacherFactory(organisation__municipality=municipality)
        ids = {i["id"] for i in client_as(head).get(f"{API}/teachers/").json()["items"]}
        assert member.pk in ids
        assert stranger.pk not in ids


@pytest.mark.django_db
class TestAssociations:
    def test_it_lists_memberships_on_a_date(self, client_as, methodist, municipality):
        association = AssociationFactory(municipality=municipality)
        current = MembershipFactory(association=association)
        MembershipFactory(association=association, left_on="2022-06-01")
        body = (
            client_as(methodist)
            .get(
                f"{API}/associations/memberships/",
                {"association_id": association.pk, "on": "2025-11-20"},
            )
            .json()
        )
        assert [i["id"] for i in body["items"]] == [current.pk]

    def test_it_lists_heads(self, client_as, methodist, municipality):
        appointment = HeadAppointmentFactory(association__municipality=municipality)
        body = (
            client_as(methodist)
            .get(f"{API}/associations/{appointment.association_id}/heads")
            .json()
        )
        assert body[0]["teacher_name"] == appointment.teacher.full_name


@pytest.mark.django_db
class TestEvents:
    def test_a_teacher_registers_through_the_api(self, client_as, teacher_user, municipality):
        from metodset.events.tests.factories import EventFactory

        event = EventFactory(municipality=municipality, capacity=1)
        client = client_as(teacher_user)
        response = client.post(
            f"{API}/events/{event.pk}/registrations", {}, content_type="application/json"
        )
        assert response.status_code == 201
        assert response.json()["status"] == "registered"
        again = client.post(
            f"{API}/events/{event.pk}/registrations", {}, content_type="application/json"
        )
        assert again.status_code == 422
        assert "уже зарегистрирован" in str(again.json()["errors"])

    def test_a_teacher_cannot_see_the_participant_list(self, client_as, teacher_user, municipality):
        from metodset.events.tests.factories import EventFactory

        event = EventFactory(municipality=municipality)
        assert (
            client_as(teacher_user).get(f"{API}/events/{event.pk}/participants").status_code == 403
        )

    def test_events_of_another_municipality_are_hidden(
        self, client_as, methodist, other_municipality
    ):
        from metodset.events.tests.factories import EventFactory

        event = EventFactory(municipality=other_municipality)
        assert client_as(methodist).get(f"{API}/events/{event.pk}").status_code == 404


@pytest.mark.django_db
class TestGrowth:
    def test_a_teacher_reads_his_growth_but_not_anothers(
        self, client_as, teacher_user, municipality
    ):
        other = TeacherFactory(organisation__municipality=municipality)
        client = client_as(teacher_user)
        own = client.get(f"{API}/growth/{teacher_user.teacher_profile.pk}")
        assert own.status_code == 200
        assert own.json()["courses"] == []
        assert client.get(f"{API}/growth/{other.pk}").status_code == 404
