import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from metodset.acts.tests.factories import OrderFactory
from metodset.associations import services
from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.people.tests.factories import TeacherFactory


@pytest.mark.django_db
class TestMemberships:
    def test_it_refuses_a_leave_date_before_the_join_date(self, client_as, head, association):
        membership = MembershipFactory(association=association, joined_on=dt.date(2023, 9, 1))
        response = client_as(head).post(
            reverse("associations:membership_end", args=[membership.pk]), {"left_on": "2023-08-31"}
        )
        assert response.status_code == 400
        assert "не может быть раньше даты вступления" in response.text
        membership.refresh_from_db()
        assert membership.left_on is None

    def test_a_head_closes_a_membership_and_keeps_its_history(self, client_as, head, association):
        membership = MembershipFactory(association=association)
        client_as(head).post(
            reverse("associations:membership_end", args=[membership.pk]), {"left_on": "2025-11-01"}
        )
        membership.refresh_from_db()
        assert membership.left_on == dt.date(2025, 11, 1)
        assert Membership.objects.filter(pk=membership.pk).exists()
        assert membership.history.count() == 2

    def test_it_refuses_a_second_open_membership(self, methodist, association):
        membership = MembershipFactory(association=association)
        with pytest.raises(ValidationError):
            services.member_add(
                user=methodist,
                association=association,
                teacher=membership.teacher,
                joined_on=dt.date(2025, 1, 1),
            )

    def test_it_refuses_a_teacher_of_another_municipality(
        self, methodist, association, other_municipality
    ):
        stranger = TeacherFactory(organisation__municipality=other_municipality)
        with pytest.raises(ValidationError):
            services.member_add(
                user=methodist,
                association=association,
                teacher=stranger,
                joined_on=dt.date(2025, 1, 1),
            )

    def test_a_head_adds_a_member(self, client_as, head, association, municipality):
        teacher = TeacherFactory(organisation__municipality=municipality)
        response = client_as(head).post(
            reverse("associations:member_add", args=[association.pk]),
            {"teacher": teacher.pk, "joined_on": "2025-11-01"},
        )
        assert response.status_code == 302
        assert association.memberships.filter(teacher=teacher).exists()

    def test_a_teacher_cannot_add_members(self, client_as, teacher_user, association, municipality):
        teacher = TeacherFactory(organisation__municipality=municipality)
        response = client_as(teacher_user).post(
            reverse("associations:member_add", args=[association.pk]),
            {"teacher": teacher.pk, "joined_on": "2025-11-01"},
        )
        assert response.status_code == 403
        assert not association.memberships.filter(teacher=teacher).exists()


@pytest.mark.django_db
class TestHeads:
    def test_it_refuses_an_end_of_term_before_its_start(
        self, client_as, methodist, association, municipality
    ):
        teacher = TeacherFactory(organisation__municipality=municipality)
        response = client_as(methodist).post(
            reverse("associations:head_appoint", args=[association.pk]),
            {"teacher": teacher.pk, "starts_on": "2025-09-01", "ends_on": "2025-08-01"},
        )
        assert response.status_code == 400
        assert "должно быть позже" in response.text
        assert not HeadAppointment.objects.exists()

    def test_a_new_head_ends_the_previous_term(self, methodist, association, municipality):
        first = HeadAppointmentFactory(
            association=association, starts_on=dt.date(2023, 9, 1), ends_on=dt.date(2026, 8, 31)
        )
        newcomer = TeacherFactory(organisation__municipality=municipality)
        order = OrderFactory(municipality=municipality, date=dt.date(2025, 11, 1))
        services.head_appoint(
            user=methodist,
            association=association,
            teacher=newcomer,
            order=order,
            starts_on=dt.date(2025, 11, 10),
            ends_on=dt.date(2028, 11, 9),
        )
        first.refresh_from_db()
        assert first.effective_end == dt.date(2025, 11, 9)
        assert list(
            HeadAppointment.objects.on(dt.date(2025, 11, 9)).values_list("teacher", flat=True)
        ) == [first.teacher_id]
        assert list(
            HeadAppointment.objects.on(dt.date(2025, 11, 10)).values_list("teacher", flat=True)
        ) == [newcomer.pk]
        assert association.memberships.filter(teacher=newcomer).exists()

    def test_a_term_counts_its_last_day(self, association):
        appointment = HeadAppointmentFactory(
            association=association, starts_on=dt.date(2022, 11, 21), ends_on=dt.date(2025, 11, 20)
        )
        assert HeadAppointment.objects.on(dt.date(2025, 11, 20)).filter(pk=appointment.pk).exists()
        assert (
            not HeadAppointment.objects.on(dt.date(2025, 11, 21)).filter(pk=appointment.pk).exists()
        )


@pytest.mark.django_db
class TestLiquidation:
    def test_it_closes_memberships_and_the_head_term(self, client_as, methodist, association, head):
        membership = MembershipFactory(association=association)
        order = OrderFactory(
            municipality=association.municipality, date=dt.date(2025, 11, 15), kind="liquidation"
        )
        response = client_as(methodist).post(
            reverse("associations:liquidate", args=[association.pk]),
            {"on": "2025-11-20", "order": order.pk},
        )
        assert response.status_code == 302
        association.refresh_from_db()
        membership.refresh_from_db()
        assert association.status == "liquidated"
        assert association.liquidation_order == order
        assert membership.left_on == dt.date(2025, 11, 20)
        assert not HeadAppointment.objects.current().filter(association=association).exists()

    def test_it_refuses_a_date_before_creation(self, methodist, association):
        with pytest.raises(ValidationError):
            services.association_liquidate(
                user=methodist, association=association, on=dt.date(2000, 1, 1), order=None
            )
        association.refresh_from_db()
        assert association.status == "active"


@pytest.mark.django_db
class TestPages:
    def test_a_head_edits_his_association_not_another(
        self, client_as, head, association, municipality
    ):
        other = AssociationFactory(municipality=municipality)
        client = client_as(head)
        response = client.post(
            reverse("associations:edit", args=[association.pk]),
            {"area": "математика и информатика"},
        )
        assert response.status_code == 302
        association.refresh_from_db()
        assert association.area == "математика и информатика"
        assert client.get(reverse("associations:edit", args=[other.pk])).status_code == 403

    def test_the_list_runs_constant_queries(
        self, client_as, methodist, municipality, django_assert_max_num_queries
    ):
        client = client_as(methodist)

        def add(n):
            for association in AssociationFactory.create_batch(n, municipality=municipality):
                HeadAppointmentFactory(association=association)
                MembershipFactory.create_batch(2, association=association)

        add(3)
        with django_assert_max_num_queries(20) as small:
            response = client.get(reverse("associations:list"))
        assert "Петрова" in response.text
        add(30)
        with django_assert_max_num_queries(len(small.captured_queries)):
            client.get(reverse("associations:list"))

    def test_a_methodist_creates_an_association(self, client_as, methodist, municipality):
        order = OrderFactory(municipality=municipality, date=dt.date(2025, 8, 25), kind="creation")
        response = client_as(methodist).post(
            reverse("associations:create"),
            {
                "kind": "mmo",
                "name": "ММО учителей истории",
                "area": "история",
                "founded_on": "2025-09-01",
                "creation_order": order.pk,
            },
        )
        assert response.status_code == 302
        assert Association.objects.get(name="ММО учителей истории").creation_order == order
