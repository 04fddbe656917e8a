"""Fixtures shared by the plans and meetings tests: every role around the home `association`."""

import pytest

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.people.tests.factories import TeacherFactory


@pytest.fixture
def coordinator_other(other_municipality):
    """A coordinator of another region: the home municipality does not exist for him."""
    return UserFactory(
        role=Role.REGIONAL_COORDINATOR, municipality=None, region=other_municipality.region
    )


@pytest.fixture
def methodist_other(other_municipality):
    return UserFactory(role=Role.METHODIST, municipality=other_municipality)


@pytest.fixture
def other_head(municipality):
    """The head of another association of the same municipality."""
    user = UserFactory(role=Role.TEACHER, municipality=municipality)
    teacher = TeacherFactory(user=user, organisation__municipality=municipality)
    HeadAppointmentFactory(
        association=AssociationFactory(municipality=municipality), teacher=teacher
    )
    return user


@pytest.fixture
def member_user(association):
    """A teacher who is a member of `association` (and heads nothing)."""
    user = UserFactory(role=Role.TEACHER, municipality=association.municipality)
    teacher = TeacherFactory(user=user, organisation__municipality=association.municipality)
    MembershipFactory(association=association, teacher=teacher)
    return user


@pytest.fixture
def users(
    platform_admin,
    coordinator,
    coordinator_other,
    methodist,
    methodist_other,
    head,
    other_head,
    member_user,
):
    """Every role that meets the home `association`, by name (None is anonymous)."""
    return {
        "anonymous": None,
        "platform_admin": platform_admin,
        "coordinator": coordinator,
        "coordinator_other": coordinator_other,
        "methodist": methodist,
        "methodist_other": methodist_other,
        "head": head,
        "other_head": other_head,
        "teacher": member_user,
    }


@pytest.fixture
def client_for(client, users):
    def login(role: str):
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return login
