import pytest

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory


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
def methodist_sibling(sibling_municipality):
    """A methodist of a neighbouring municipality of the same region."""
    return UserFactory(role=Role.METHODIST, municipality=sibling_municipality)


@pytest.fixture
def users(
    platform_admin,
    coordinator,
    coordinator_other,
    methodist,
    methodist_sibling,
    methodist_other,
    head,
    teacher_user,
):
    """Every role that meets an order of the home municipality, by name (None is anonymous)."""
    return {
        "anonymous": None,
        "platform_admin": platform_admin,
        "coordinator": coordinator,
        "coordinator_other": coordinator_other,
        "methodist": methodist,
        "methodist_sibling": methodist_sibling,
        "methodist_other": methodist_other,
        "head": head,
        "teacher": teacher_user,
    }


@pytest.fixture
def client_for(client, users):
    def login(role: str):
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return login
