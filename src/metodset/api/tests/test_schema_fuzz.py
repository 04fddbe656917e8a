"""schemathesis against /api/v1/openapi.json, authenticated as a methodist.

A bounded number of generated requests per operation; any 5xx or response
that breaks the published schema fails the test.
"""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig

from metodset.api.services import token_create
from metodset.associations.tests.factories import HeadAppointmentFactory, MembershipFactory
from metodset.orgs.tests.factories import OrganisationFactory

# CI sets 100 (.ci/run); locally fewer, so that `make test` stays quick.
MAX_EXAMPLES = int(os.environ.get("METODSET_FUZZ_EXAMPLES", "25"))


@pytest.fixture
def token(methodist):
    OrganisationFactory.create_batch(2, municipality=methodist.municipality)
    appointment = HeadAppointmentFactory(association__municipality=methodist.municipality)
    MembershipFactory(association=appointment.association)
    return token_create(user=methodist, name="schemathesis")[1]


@pytest.fixture
def keep_connection():
    """The WSGI app closes the connection after each request; a test transaction must survive."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def no_anonymous_limit(settings):
    """schemathesis probes every operation without and with a wrong token, all from one
    address: past the anonymous limit they would get 429 instead of the 401 they check for."""
    settings.METODSET_API_ANON_RATE = "1000000/min"


@pytest.mark.django_db
def test_api_conforms_to_its_schema(token, keep_connection, no_anonymous_limit):
    # schemathesis' pytest plugin does not support pytest 9 yet: drive hypothesis directly.
    # Every check. Business rules (a duplicate name, a date before another) answer 422 with
    # a Russian message: a schema cannot express them, so "valid data accepted" allows 422;
    # a generated If-Match is no version of the record, so it allows 412 too.
    config = SchemathesisConfig.from_dict(
        {
            "checks": {
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "401", "403", "404", "409", "412", "422", "429"]
                }
            }
        }
    )
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", get_wsgi_application(), config=config
    )
    headers = {"Authorization": f"Bearer {token}"}
    failures = {}
    operations = [
        result.ok()
        for result in schema.get_all_operations()
        # Revoking the token would end the run's own authentication.
        if not (result.ok().method.upper() == "DELETE" and "/tokens/" in result.ok().path)
    ]
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            case.call_and_validate(headers=headers)

        try:
            check()
        except Exception as error:  # collect all operations' failures, then report
            failures[operation.label] = str(error).splitlines()[:12]
    assert failures == {}, "\n".join(f"{k}: {v}" for k, v in failures.items())
