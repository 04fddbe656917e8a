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
from metodset.associations.tests.factories import AssociationFactory, HeadAppointmentFactory
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


@pytest.fixture
def head(association):
    """A teacher who heads `association` today."""
    user = UserFactory(role=Role.TEACHER, municipality=association.municipality)
    teacher = TeacherFactory(user=user, organisation__municipality=association.municipality)
    HeadAppointmentFactory(association=association, teacher=teacher)
    return user


@pytest.fixture
def teacher_user(municipality):
    user = UserFactory(role=Role.TEACHER, municipality=municipality)
    TeacherFactory(user=user, organisation__municipality=municipality)
    return user


@pytest.fixture
def role_users(platform_admin, coordinator, methodist, head, teacher_user):
    return {
        "platform_admin": platform_admin,
        "coordinator": coordinator,
        "methodist": methodist,
        "head": head,
        "teacher": teacher_user,
    }


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
