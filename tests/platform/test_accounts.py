import pytest
from rest_framework.test import APIClient

from personnel.demo import DEMO_PASSWORD


@pytest.mark.django_db
def test_login_locks_out_after_repeated_failures_and_logs_them(org, client):
    from axes.models import AccessAttempt

    for _ in range(5):
        client.post("/accounts/login/", {"username": "xy_judge", "password": "wrong-password"})
    locked = client.post("/accounts/login/", {"username": "xy_judge", "password": DEMO_PASSWORD})
    assert locked.status_code == 429
    assert "locked-out" in locked.content.decode()
    assert AccessAttempt.objects.filter(username="xy_judge", failures_since_start__gte=5).exists()
    # The API token endpoint is locked too.
    api = APIClient().post(
        "/api/v1/auth/token/", {"username": "xy_judge", "password": DEMO_PASSWORD}
    )
    assert api.status_code in (403, 429)
    # Another account is unaffected.
    assert (
        client.post(
            "/accounts/login/", {"username": "xy_clerk", "password": DEMO_PASSWORD}
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_security_headers_and_csrf(org, login):
    from django.test import Client

    response = login("xy_judge").get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    strict = Client(enforce_csrf_checks=True)
    assert (
        strict.post(
            "/accounts/login/", {"username": "xy_judge", "password": DEMO_PASSWORD}
        ).status_code
        == 403
    )


def test_password_validators_refuse_weak_passwords():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["12345678901", "password123", "short"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
