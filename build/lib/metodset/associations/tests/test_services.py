import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from metodset.acts.tests.factories import OrderFactory
from metodset.associations import services
from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory


@pytest.fixture(autouse=True)
def _russian():
    with translation.override("ru"):
        yield


def _messages(error: ValidationError) -> str:
    return " ".join(error.value.messages)


@pytest.mark.django_db
class TestAssociationCreate:
    def test_it_creates_with_the_author_in_history(self, methodist, municipality):
        order = OrderFactory(municipality=municipality, date=dt.date(2025, 8, 25), kind="creation")
        association = services.association_create(
            user=methodist,
            municipality=municipality,
            kind="mmo",
            name="ММО учителей истории",
            area="история",
            founded_on=dt.date(2025, 9, 1),
            creation_order=order,
        )
        assert association.status == "active"
        assert association.history.get().history_user == methodist

    def test_it_refuses_a_date_before_its_order(self, methodist, municipality):
        order = OrderFactory(municipality=municipality, date=dt.date(2025, 9, 2))
        with pytest.raises(ValidationError) as error:
            services.association_create(
                user=methodist,
                municipality=municipality,
                kind="mmo",
                name="ММО",
                area="история",
                founded_on=dt.date(2025, 9, 1),
                creation_order=order,
            )
        assert "раньше приказа" in _messages(error)
        assert not Association.objects.filter(name="ММО").exists()

    def test_it_refuses_a_school_association_without_its_school(self, methodist, municipality):
        with pytest.raises(ValidationError) as error:
            services.association_create(
                user=methodist,
                municipality=municipality,
                kind="shmo",
                name="ШМО",
                area="история",
                founded_on=dt.date(2025, 9, 1),
            )
        assert "Для ШМО укажите школу." in _messages(error)

    def test_it_refuses_a_parent_of_another_municipality(
        self, methodist, municipality, other_municipality
    ):
        foreign = AssociationFactory(municipality=other_municipality, kind="rmo")
        with pytest.raises(ValidationError) as error:
            services.association_create(
                user=methodist,
                municipality=municipality,
                kind="shmo",
                name="ШМО",
                area="история",
                founded_on=dt.date(2025, 9, 1),
                organisation=OrganisationFactory(municipality=municipality),
                parent=foreign,
            )
        assert "другому муниципалитету" in _messages(error)


@pytest.mark.django_db
class TestAssociationUpdate:
    def test_it_keeps_no_history_for_an_edit_that_changes_nothing(self, methodist, association):
        services.association_update(
            user=methodist, association=association, data={"area": association.area}
        )
        assert association.history.count() == 1

    def test_it_records_who_changed_what(self, head, association):
        services.association_update(user=head, association=association, data={"area": "физика"})
        latest = association.history.first()
        assert latest.area == "физика"
        assert latest.history_user == head

    def test_a_head_changes_only_how_his_association_describes_itself(self, head, association):
        with pytest.raises(PermissionDenied):
            services.association_update(
                user=head, association=association, data={"name": "Другое название"}
            )
        association.refresh_from_db()
        assert association.name != "Другое название"

    def test_a_head_may_send_the_whole_record_back_unchanged(self, head, association):
        services.association_update(
            user=head,
            association=association,
            data={"name": association.name, "description": "О нас"},
        )
        association.refresh_from_db()
        assert association.description == "О нас"

    def test_a_teacher_changes_nothing(self, teacher_user, association):
        with pytest.raises(PermissionDenied):
            services.association_update(
                user=teacher_user, association=association, data={"description": "О нас"}
            )


@pytest.mark.django_db
class TestMemberAdd:
    def test_it_adds_a_teacher_of_the_municipality(self, methodist, association, municipality):
        teacher = TeacherFactory(organisation__municipality=municipality)
        membership = services.member_add(
            user=methodist, association=association, teacher=teacher, joined_on=dt.date(2025, 9, 1)
        )
        assert membership.is_current
        assert membership.history.get().history_user == methodist

    def test_it_refuses_a_duplicate_open_membership(self, methodist, association):
        membership = MembershipFactory(association=association)
        with pytest.raises(ValidationError) as error:
            services.member_add(
                user=methodist,
                association=association,
                teacher=membership.teacher,
                joined_on=dt.date(2025, 1, 1),
            )
        assert "уже состоит" in _messages(error)
        assert association.memberships.count() == 1

    def test_it_readmits_a_former_member_after_he_left(self, methodist, association):
        membership = MembershipFactory(association=association, left_on=dt.date(2024, 6, 1))
        services.member_add(
            user=methodist,
            association=association,
            teacher=membership.teacher,
            joined_on=dt.date(2025, 9, 1),
        )
        assert association.memberships.filter(teacher=membership.teacher).count() == 2

    def test_it_refuses_a_return_into_a_closed_period(self, methodist, association):
        membership = MembershipFactory(association=association, left_on=dt.date(2024, 6, 1))
        with pytest.raises(ValidationError):
            services.member_add(
                user=methodist,
                association=association,
                teacher=membership.teacher,
                joined_on=dt.date(2023, 1, 1),
            )

    def test_it_refuses_a_teacher_of_another_municipality(
        self, methodist, association, other_municipality
    ):
        stranger = TeacherFactory(organisation__municipality=other_municipality)
        with pytest.raises(ValidationError) as error:
            services.member_add(
                user=methodist,
                association=association,
                teacher=stranger,
                joined_on=dt.date(2025, 1, 1),
            )
        assert "другом муниципалитете" in _messages(error)
        assert not association.memberships.exists()

    def test_it_refuses_a_date_before_the_association_existed(
        self, methodist, association, municipality
    ):
        teacher = TeacherFactory(organisation__municipality=municipality)
        with pytest.raises(ValidationError) as error:
            services.member_add(
                user=methodist,
                association=association,
                teacher=teacher,
                joined_on=association.founded_on - dt.timedelta(days=1),
            )
        assert "ещё не было создано" in _messages(error)

    def test_it_refuses_a_liquidated_association(self, methodist, association, municipality):
        services.association_liquidate(
            user=methodist, association=association, on=dt.date(2025, 11, 1), order=None
        )
        with pytest.raises(ValidationError) as error:
            services.member_add(
                user=methodist,
                association=association,
                teacher=TeacherFactory(organisation__municipality=municipality),
                joined_on=dt.date(2025, 11, 20),
            )
        assert "ликвидировано" in _messages(error)


@pytest.mark.django_db
class TestMembershipEnd:
    def test_it_refuses_a_leave_date_before_the_join_date_and_saves_nothing(
        self, methodist, association
    ):
        membership = MembershipFactory(association=association, joined_on=dt.date(2023, 9, 1))
        with pytest.raises(ValidationError) as error:
            services.membership_end(
                user=methodist, membership=membership, left_on=dt.date(2023, 8, 31)
            )
        assert "не может быть раньше даты вступления" in _messages(error)
        assert membership.left_on is None
        membership.refresh_from_db()
        assert membership.left_on is None
        assert membership.history.count() == 1

    def test_it_accepts_leaving_on_the_join_date(self, methodist, association):
        membership = MembershipFactory(association=association, joined_on=dt.date(2023, 9, 1))
        services.membership_end(user=methodist, membership=membership, left_on=dt.date(2023, 9, 1))
        assert membership.left_on == dt.date(2023, 9, 1)

    def test_it_closes_and_keeps_the_row_with_its_history(self, head, association):
        membership = MembershipFactory(association=association)
        services.membership_end(user=head, membership=membership, left_on=dt.date(2025, 11, 20))
        membership.refresh_from_db()
        assert membership.left_on == dt.date(2025, 11, 20)
        assert not Membership.objects.current().filter(pk=membership.pk).exists()
        assert Membership.objects.in_force(dt.date(2025, 11, 19)).filter(pk=membership.pk).exists()
        assert [h.history_user for h in membership.history.all()] == [head, None]

    def test_it_refuses_to_close_twice(self, methodist, association):
        membership = MembershipFactory(association=association, left_on=dt.date(2024, 1, 1))
        with pytest.raises(ValidationError) as error:
            services.membership_end(
                user=methodist, membership=membership, left_on=dt.date(2025, 1, 1)
            )
        assert "уже вышел" in _messages(error)
        membership.refresh_from_db()
        assert membership.left_on == dt.date(2024, 1, 1)


@pytest.mark.django_db
class TestHeadAppoint:
    def _appoint(self, user, association, teacher, starts_on, ends_on, order=None):
        return services.head_appoint(
            user=user,
            association=association,
            teacher=teacher,
            order=order,
            starts_on=starts_on,
            ends_on=ends_on,
        )

    def test_it_refuses_an_end_of_term_before_its_start(self, methodist, association, municipality):
        teacher = TeacherFactory(organisation__municipality=municipality)
        with pytest.raises(ValidationError) as error:
            self._appoint(
                methodist, association, teacher, dt.date(2025, 9, 1), dt.date(2025, 8, 31)
            )
        assert "должно быть позже" in _messages(error)
        assert not HeadAppointment.objects.exists()
        assert not association.memberships.exists()

    def test_it_refuses_a_one_day_term(self, methodist, association, municipality):
        teacher = TeacherFactory(organisation__municipality=municipality)
        with pytest.raises(ValidationError):
            self._appoint(methodist, association, teacher, dt.date(2025, 9, 1), dt.date(2025, 9, 1))

    def test_a_new_head_closes_the_previous_term_the_day_before(
        self, methodist, association, municipality
    ):
        first = HeadAppointmentFactory(
            association=association, starts_on=dt.date(2023, 9, 1), ends_on=dt.date(2026, 8, 31)
        )
        newcomer = TeacherFactory(organisation__municipality=municipality)
        order = OrderFactory(municipality=municipality, date=dt.date(2025, 11, 1))
        self._appoint(
            methodist, association, newcomer, dt.date(2025, 11, 10), dt.date(2028, 11, 9), order
        )
        first.refresh_from_db()
        assert first.effective_end == dt.date(2025, 11, 9)
        on_9th = HeadAppointment.objects.on(dt.date(2025, 11, 9)).filter(association=association)
        on_10th = HeadAppointment.objects.on(dt.date(2025, 11, 10)).filter(association=association)
        assert [a.teacher_id for a in on_9th] == [first.teacher_id]
        assert [a.teacher_id for a in on_10th] == [newcomer.pk]
        assert first.history.first().history_user == methodist

    def test_the_head_becomes_a_member_from_the_first_day(
        self, methodist, association, municipality
    ):
        teacher = TeacherFactory(organisation__municipality=municipality)
        self._appoint(methodist, association, teacher, dt.date(2025, 9, 1), dt.date(2028, 8, 31))
        membership = association.memberships.get(teacher=teacher)
        assert membership.joined_on == dt.date(2025, 9, 1)

    def test_a_member_appointed_head_keeps_his_membership(self, methodist, association):
        membership = MembershipFactory(association=association, joined_on=dt.date(2021, 9, 1))
        self._appoint(
            methodist,
            association,
            membership.teacher,
            dt.date(2025, 9, 1),
            dt.date(2028, 8, 31),
        )
        assert list(association.memberships.filter(teacher=membership.teacher)) == [membership]

    def test_it_refuses_a_teacher_of_another_municipality(
        self, methodist, association, other_municipality
    ):
        stranger = TeacherFactory(organisation__municipality=other_municipality)
        with pytest.raises(ValidationError) as error:
            self._appoint(
                methodist, association, stranger, dt.date(2025, 9, 1), dt.date(2028, 8, 31)
            )
        assert "другом муниципалитете" in _messages(error)

    def test_it_refuses_a_term_before_its_order(self, methodist, association, municipality):
        order = OrderFactory(municipality=municipality, date=dt.date(2025, 9, 5))
        teacher = TeacherFactory(organisation__municipality=municipality)
        with pytest.raises(ValidationError) as error:
            self._appoint(
                methodist, association, teacher, dt.date(2025, 9, 1), dt.date(2028, 8, 31), order
            )
        assert "раньше даты приказа" in _messages(error)

    def test_it_refuses_a_term_that_starts_before_a_later_one(
        self, methodist, association, municipality
    ):
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2024, 9, 1), ends_on=dt.date(2027, 8, 31)
        )
        teacher = TeacherFactory(organisation__municipality=municipality)
        with pytest.raises(ValidationError) as error:
            self._appoint(
                methodist, association, teacher, dt.date(2023, 9, 1), dt.date(2026, 8, 31)
            )
        assert "более позднего назначения" in _messages(error)
        assert association.head_appointments.count() == 1


@pytest.mark.django_db
class TestHeadAppointmentOn:
    def test_a_term_counts_its_last_day_and_not_the_next(self, association):
        appointment = HeadAppointmentFactory(
            association=association, starts_on=dt.date(2022, 11, 21), ends_on=dt.date(2025, 11, 20)
        )
        assert HeadAppointment.objects.on(dt.date(2025, 11, 20)).filter(pk=appointment.pk).exists()
        assert (
            not HeadAppointment.objects.on(dt.date(2025, 11, 21)).filter(pk=appointment.pk).exists()
        )
        assert appointment.is_current_on(dt.date(2025, 11, 20))
        assert not appointment.is_current_on(dt.date(2025, 11, 21))

    def test_a_term_counts_its_first_day_and_not_the_one_before(self, association):
        appointment = HeadAppointmentFactory(
            association=association, starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2028, 8, 31)
        )
        assert HeadAppointment.objects.on(dt.date(2025, 9, 1)).filter(pk=appointment.pk).exists()
        assert not HeadAppointment.objects.on(dt.date(2025, 8, 31)).exists()


@pytest.mark.django_db
class TestHeadAppointmentTerminate:
    def test_the_head_is_no_longer_head_from_that_day(self, methodist, association):
        appointment = HeadAppointmentFactory(association=association)
        services.head_appointment_terminate(
            user=methodist, appointment=appointment, on=dt.date(2025, 11, 20)
        )
        assert appointment.effective_end == dt.date(2025, 11, 19)
        assert not HeadAppointment.objects.current().exists()
        assert appointment.term_status == "terminated"

    def test_it_refuses_a_date_not_after_the_start(self, methodist, association):
        appointment = HeadAppointmentFactory(association=association)
        with pytest.raises(ValidationError) as error:
            services.head_appointment_terminate(
                user=methodist, appointment=appointment, on=appointment.starts_on
            )
        assert "раньше" in _messages(error)
        appointment.refresh_from_db()
        assert appointment.terminated_on is None

    def test_it_refuses_a_date_after_the_term(self, methodist, association):
        appointment = HeadAppointmentFactory(association=association)
        with pytest.raises(ValidationError):
            services.head_appointment_terminate(
                user=methodist,
                appointment=appointment,
                on=appointment.ends_on + dt.timedelta(days=1),
            )


@pytest.mark.django_db
class TestAssociationLiquidate:
    def test_it_closes_memberships_and_ends_the_head_term(self, methodist, association, head):
        membership = MembershipFactory(association=association)
        former = MembershipFactory(association=association, left_on=dt.date(2023, 1, 1))
        order = OrderFactory(
            municipality=association.municipality, date=dt.date(2025, 11, 15), kind="liquidation"
        )
        services.association_liquidate(
            user=methodist, association=association, on=dt.date(2025, 11, 20), order=order
        )
        association.refresh_from_db()
        membership.refresh_from_db()
        former.refresh_from_db()
        assert association.status == "liquidated"
        assert association.liquidated_on == dt.date(2025, 11, 20)
        assert association.liquidation_order == order
        assert membership.left_on == dt.date(2025, 11, 20)
        assert former.left_on == dt.date(2023, 1, 1)
        assert not Membership.objects.in_force(dt.date(2025, 11, 20)).filter(
            association=association
        )
        assert Membership.objects.in_force(dt.date(2025, 11, 19)).filter(association=association)
        assert not HeadAppointment.objects.on(dt.date(2025, 11, 20)).exists()
        assert HeadAppointment.objects.on(dt.date(2025, 11, 19)).exists()
        assert association.history.first().history_user == methodist

    def test_it_cancels_a_term_that_was_to_start_later(self, methodist, association):
        later = HeadAppointmentFactory(
            association=association, starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2028, 12, 31)
        )
        services.association_liquidate(
            user=methodist, association=association, on=dt.date(2025, 11, 20), order=None
        )
        later.refresh_from_db()
        assert later.term_status == "cancelled"
        assert not HeadAppointment.objects.on(dt.date(2026, 6, 1)).exists()

    def test_it_refuses_a_date_before_founding_and_changes_nothing(self, methodist, association):
        membership = MembershipFactory(association=association)
        with pytest.raises(ValidationError) as error:
            services.association_liquidate(
                user=methodist,
                association=association,
                on=association.founded_on - dt.timedelta(days=1),
                order=None,
            )
        assert "раньше, чем создано" in _messages(error)
        association.refresh_from_db()
        membership.refresh_from_db()
        assert association.status == "active"
        assert membership.left_on is None

    def test_it_accepts_the_founding_day(self, methodist, association):
        services.association_liquidate(
            user=methodist, association=association, on=association.founded_on, order=None
        )
        assert association.status == "liquidated"

    def test_it_refuses_a_date_before_its_order(self, methodist, association):
        order = OrderFactory(municipality=association.municipality, date=dt.date(2025, 11, 25))
        with pytest.raises(ValidationError) as error:
            services.association_liquidate(
                user=methodist, association=association, on=dt.date(2025, 11, 20), order=order
            )
        assert "раньше даты приказа" in _messages(error)

    def test_it_refuses_another_municipality_order(
        self, methodist, association, other_municipality
    ):
        order = OrderFactory(municipality=other_municipality, date=dt.date(2025, 11, 1))
        with pytest.raises(ValidationError):
            services.association_liquidate(
                user=methodist, association=association, on=dt.date(2025, 11, 20), order=order
            )

    def test_it_refuses_to_liquidate_twice(self, methodist, association):
        services.association_liquidate(
            user=methodist, association=association, on=dt.date(2025, 11, 1), order=None
        )
        with pytest.raises(ValidationError) as error:
            services.association_liquidate(
                user=methodist, association=association, on=dt.date(2025, 11, 20), order=None
            )
        assert "уже ликвидировано" in _messages(error)
