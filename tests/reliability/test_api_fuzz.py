"""Property-based run of the served OpenAPI schema (schemathesis): no operation
answers 5xx for any input, and invalid input gets 4xx. `make test` runs a small
budget per operation; `make fuzz` runs it longer (FUZZ_EXAMPLES).

Schemathesis' own pytest plugin does not support pytest 9 yet, so the operations
are driven with Hypothesis directly."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
# Besides "no 5xx", the schema's truth: documented status codes, content types and
# response bodies (`make test` and `make fuzz`; FUZZ_CHECKS=basic for 5xx only).
CONFORMANCE = os.environ.get("FUZZ_CHECKS", "conformance") == "conformance"
CHECKS = [schemathesis.checks.not_a_server_error] + (
    [
        schemathesis.checks.status_code_conformance,
        schemathesis.checks.content_type_conformance,
        schemathesis.checks.response_schema_conformance,
    ]
    if CONFORMANCE
    else []
)


def _schema():
    from haikou_exec.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


def _operations():
    return [result.ok() for result in _schema().get_all_operations()]


OPERATIONS = _operations()


@pytest.fixture
def in_process_wsgi():
    # In-process WSGI calls must not close the test's transaction-bound connection
    # (Django's test client does the same).
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_schema_has_operations():
    assert len(OPERATIONS) > 10


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_no_operation_answers_5xx(operation, org, in_process_wsgi):
    from django.contrib.auth import get_user_model

    token, _ = Token.objects.get_or_create(user=get_user_model().objects.get(username="zy_leader"))
    headers = {"Authorization": f"Token {token.key}"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    run()
