import datetime as dt

import pytest

from metodset.associations.tests.factories import AssociationFactory, HeadAppointmentFactory
from metodset.core.dates import SchoolYear
from metodset.portal import services
from metodset.portal.compliance import passport_provider
from metodset.portal.tests.factories import PassportFactory
from metodset.regulations.checks import check
from metodset.regulations.facts import PROVIDERS, FactsBatch
from metodset.regulations.kinds import Status
from metodset.regulations.services import presets_load

pytestmark = pytest.mark.django_db

YEAR = SchoolYear(2025)
TODAY = dt.date(2025, 11, 20)


def passport_verdict(association, today=TODAY):
    verdicts = {v.rule.kind: v for v in check(association, YEAR, today)}
    return verdicts["passport"].result


class TestPassportRule:
    """Rubtsovsk's regulation asks for a published passport (пп. 1.6, 5.10)."""

    @pytest.fixture
    def association(self, municipality):  # the `rubtsovsk` municipality of the root conftest
        presets_load(municipality_slugs=["rubtsovsk"])
        association = AssociationFactory(municipality=municipality, kind="mmo")
        HeadAppointmentFactory(association=association)
        return association

    def test_the_provider_is_registered(self):
        assert PROVIDERS["passport"] is passport_provider

    def test_never_published_then_published_then_withdrawn(self, association, methodist):
        result = passport_verdict(association)
        assert result.status == Status.VIOLATED and "не опубликован" in result.message
        services.passport_publish(user=methodist, association=association)
        result = passport_verdict(association)
        assert result.status == Status.OK and "пп. 1.6, 5.10" in result.message
        services.passport_unpublish(user=methodist, association=association)
        assert passport_verdict(association).status == Status.VIOLATED

    def test_a_passport_published_after_the_day_checked_does_not_count(self, association):
        PassportFactory(
            association=association, published_at=dt.datetime(2025, 11, 20, tzinfo=dt.UTC)
        )
        assert passport_verdict(association, today=dt.date(2025, 11, 19)).status == Status.VIOLATED
        assert passport_verdict(association).status == Status.OK


class TestProvider:
    def test_every_association_gets_an_entry_in_one_query(
        self, municipality, django_assert_num_queries
    ):
        published, withdrawn, never = AssociationFactory.create_batch(3, municipality=municipality)
        PassportFactory(association=published)
        PassportFactory(association=withdrawn, published_at=None)
        batch = FactsBatch([published, withdrawn, never], YEAR, TODAY)
        with django_assert_num_queries(1):
            facts = passport_provider(batch)
        assert facts == {
            published.pk: {"published": True},
            withdrawn.pk: {"published": False},
            never.pk: {"published": False},
        }
        assert batch.facts(published.pk).passport() == {"published": True}
