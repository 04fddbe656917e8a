"""Tenancy: one mechanism decides which municipalities a user sees."""

import pytest

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.associations.models import Association, Membership
from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core.models import Municipality
from metodset.people.models import Teacher
from metodset.people.tests.factories import TeacherFactory


@pytest.mark.django_db
class TestScoping:
    def test_it_gives_a_methodist_his_municipality_only(
        self, methodist, municipality, sibling_municipality, other_municipality
    ):
        AssociationFactory(municipality=municipality)
        AssociationFactory(municipality=sibling_municipality)
        AssociationFactory(municipality=other_municipality)
        visible = Association.objects.for_user(methodist)
        assert {a.municipality_id for a in visible} == {municipality.pk}
        assert list(Municipality.objects.for_user(methodist)) == [municipality]

    def test_it_gives_a_coordinator_his_region(
        self, coordinator, municipality, sibling_municipality, other_municipality
    ):
        for m in (municipality, sibling_municipality, other_municipality):
            AssociationFactory(municipality=m)
        visible = {a.municipality_id for a in Association.objects.for_user(coordinator)}
        assert visible == {municipality.pk, sibling_municipality.pk}

    def test_it_gives_the_platform_admin_everything(
        self, platform_admin, municipality, other_municipality
    ):
        AssociationFactory(municipality=municipality)
        AssociationFactory(municipality=other_municipality)
        assert Association.objects.for_user(platform_admin).count() == 2

    def test_it_scopes_rows_reached_through_an_association(self, methodist, other_municipality):
        MembershipFactory(association__municipality=methodist.municipality)
        MembershipFactory(association__municipality=other_municipality)
        assert Membership.objects.for_user(methodist).count() == 1

    def test_it_denies_a_user_without_scope(self, municipality):
        orphan = UserFactory(role=Role.METHODIST, municipality=None)
        AssociationFactory(municipality=municipality)
        assert Association.objects.for_user(orphan).count() == 0

    def test_it_denies_an_inactive_user(self, methodist, municipality):
        AssociationFactory(municipality=municipality)
        methodist.is_active = False
        assert Association.objects.for_user(methodist).count() == 0


@pytest.mark.django_db
class TestTeacherPersonalData:
    def test_it_shows_a_teacher_only_himself(self, teacher_user, municipality):
        TeacherFactory(organisation__municipality=municipality)
        assert list(Teacher.objects.for_user(teacher_user)) == [teacher_user.teacher_profile]

    def test_it_shows_a_head_his_members(self, head, association, municipality):
        member = MembershipFactory(association=association).teacher
        stranger = TeacherFactory(organisation__municipality=municipality)
        visible = set(Teacher.objects.for_user(head))
        assert member in visible
        assert head.teacher_profile in visible
        assert stranger not in visible

    def test_it_shows_a_methodist_the_whole_bank(self, methodist, municipality, other_municipality):
        TeacherFactory.create_batch(3, organisation__municipality=municipality)
        TeacherFactory(organisation__municipality=other_municipality)
        assert Teacher.objects.for_user(methodist).count() == 3
