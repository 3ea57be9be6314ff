"""Schemathesis generates requests from the OpenAPI schema for every operation (a few examples
each, well under 90 s in all): none may get a server error or a response that breaks the schema."""
from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from ats.api.services import api_token_create
from tests import factories

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def keep_the_test_connection():
    """The WSGI handler closes the database connection after each request (Django's test client
    does not): that would close the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def admin_token(db, settings, recruiter, keep_the_test_connection):
    settings.API_RATE_LIMIT = 10**6
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    admin = factories.make_user("fuzz_admin", is_staff=True, is_superuser=True)
    job = factories.make_job(actor=recruiter, title="Fuzzed Role")
    factories.make_application(job=job, kind="shortlist", actor=recruiter)
    return api_token_create(user=admin, name="schemathesis")[1]


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_request_the_schema_allows_gets_a_server_error_or_an_undocumented_answer(case, admin_token, redis_queue):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {admin_token}"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
