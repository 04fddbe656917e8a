"""Fixtures shared by every test: the three tenancy levels and one user per role.

Two municipalities in two regions (`municipality` and `other_municipality`)
let every test check that one municipality's data is invisible to another's
users. Dates are frozen where a test depends on "today".
"""

import datetime as dt

import pytest
import time_machine

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.core.tests.factories import MunicipalityFactory, RegionFactory
from metodset.people.tests.factories import TeacherFactory

TODAY = dt.date(2025, 11, 20)


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC), tick=True):
        yield


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploaded files go to a fresh folder per test, never into var/; MEDIA_ROOT is the
    folder where uploads were kept before they became private (the data migrations')."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts at the same frozen moment: rate-limit counts kept in the cache from
    an earlier test would fall in the same window."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def region(db):
    return RegionFactory(name="Алтайский край")


@pytest.fixture
def municipality(region):
    return MunicipalityFactory(region=region, name="г. Рубцовск", slug="rubtsovsk")


@pytest.fixture
def sibling_municipality(region):
    """Another municipality of the same region: a coordinator sees both."""
    return MunicipalityFactory(region=region, name="Бийский район", slug="biysk")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(
        region=RegionFactory(name="Тверская область"), name="Весьегонский МО"
    )


@pytest.fixture
def platform_admin(db):
    return UserFactory(
        role=Role.PLATFORM_ADMIN, municipality=None, is_staff=True, is_superuser=True
    )


@pytest.fixture
def coordinator(region):
    return UserFactory(role=Role.REGIONAL_COORDINATOR, municipality=None, region=region)


@pytest.fixture
def methodist(municipality):
    return UserFactory(role=Role.METHODIST, municipality=municipality)


@pytest.fixture
def association(municipality):
    return AssociationFactory(municipality=municipality)


def _teacher_account(municipality, then=None):
    """A teacher's user account with his card; `then(teacher)` gives him a place."""
    user = UserFactory(role=Role.TEACHER, municipality=municipality)
    teacher = TeacherFactory(user=user, organisation__municipality=municipality)
    if then is not None:
        then(teacher)
    return user


@pytest.fixture
def head(association):
    """A teacher who heads `association` today."""
    return _teacher_account(
        association.municipality,
        lambda teacher: HeadAppointmentFactory(association=association, teacher=teacher),
    )


@pytest.fixture
def teacher_user(municipality):
    return _teacher_account(municipality)


# --- The role world: every role around the home `association`, shared by every app's tests.


@pytest.fixture
def coordinator_other(other_municipality):
    """A coordinator of another region: the home municipality does not exist for him."""
    return UserFactory(
        role=Role.REGIONAL_COORDINATOR, municipality=None, region=other_municipality.region
    )


@pytest.fixture
def methodist_sibling(sibling_municipality):
    """A methodist of a neighbouring municipality of the same region."""
    return UserFactory(role=Role.METHODIST, municipality=sibling_municipality)


@pytest.fixture
def methodist_other(other_municipality):
    return UserFactory(role=Role.METHODIST, municipality=other_municipality)


@pytest.fixture
def other_head(municipality):
    """The head of another association of the same municipality."""
    return _teacher_account(
        municipality,
        lambda teacher: HeadAppointmentFactory(
            association=AssociationFactory(municipality=municipality), teacher=teacher
        ),
    )


@pytest.fixture
def member_user(association):
    """A teacher who is a member of `association` (and heads nothing)."""
    return _teacher_account(
        association.municipality,
        lambda teacher: MembershipFactory(association=association, teacher=teacher),
    )


@pytest.fixture
def role_users(platform_admin, coordinator, methodist, head, teacher_user):
    """The five roles, the teacher a member of nothing (the permission matrix's world)."""
    return {
        "platform_admin": platform_admin,
        "coordinator": coordinator,
        "methodist": methodist,
        "head": head,
        "teacher": teacher_user,
    }


@pytest.fixture
def users(
    platform_admin,
    coordinator,
    coordinator_other,
    methodist,
    methodist_sibling,
    methodist_other,
    head,
    other_head,
    member_user,
):
    """Every role that meets the home `association`, by name (None is anonymous); the
    teacher is a member of it."""
    return {
        "anonymous": None,
        "platform_admin": platform_admin,
        "coordinator": coordinator,
        "coordinator_other": coordinator_other,
        "methodist": methodist,
        "methodist_sibling": methodist_sibling,
        "methodist_other": methodist_other,
        "head": head,
        "other_head": other_head,
        "teacher": member_user,
    }


@pytest.fixture
def client_for(client, users):
    """The test client logged in as `users[role]` (logged out for "anonymous")."""

    def login(role: str):
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return login


@pytest.fixture
def client_as(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def pdf_support():
    """WeasyPrint needs the system's Pango: without it PDF tests skip, except in CI."""
    import os

    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        if os.environ.get("METODSET_REQUIRE_BROWSER") == "1":
            pytest.fail(f"WeasyPrint cannot load Pango: {error}")
        pytest.skip(
            f"no Pango for WeasyPrint ({error}): apt-get install libpango-1.0-0 libpangoft2-1.0-0"
        )
