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
from schemathesis import GenerationMode

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


def _takes_input(op) -> bool:
    return bool(len(op.query) or len(op.path_parameters) or len(op.body))


# Valid input (positive) for every operation; invalid input (negative: wrong types,
# out-of-range values, malformed bodies), which must be refused with a 4xx, for every
# operation that takes input.
RUNS = [(op, GenerationMode.POSITIVE) for op in OPERATIONS] + [
    (op, GenerationMode.NEGATIVE) for op in OPERATIONS if _takes_input(op)
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("operation", "mode"), RUNS, ids=lambda v: v.label if hasattr(v, "label") else v.value
)
def test_no_operation_answers_5xx(operation, mode, org, in_process_wsgi):
    from django.contrib.auth import get_user_model

    token, _ = Token.objects.get_or_create(user=get_user_model().objects.get(username="zy_leader"))
    headers = {"Authorization": f"Token {token.key}"}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case):
        response = case.call(headers=headers)
        checks = CHECKS
        if mode is GenerationMode.NEGATIVE:
            checks = [*CHECKS, schemathesis.checks.negative_data_rejection]
        case.validate_response(response, checks=checks)

    run()
