import datetime as dt

import pytest
from django.contrib.auth import get_user_model

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def sup_ref(org):
    """The supervision reference data (alert rules, scoring sheet) — a
    transactional test's flush wipes what the data migration seeded."""
    from supervision.reference_data import seed_reference_data

    seed_reference_data()


@pytest.fixture
def user(org):
    def _user(username):
        return get_user_model().objects.get(username=username)

    return _user


@pytest.fixture
def rule(sup_ref):
    from supervision.models import AlertRule

    def _rule(code, **parameters):
        r = AlertRule.objects.get(code=code)
        if parameters:
            r.parameters = {**r.parameters, **parameters}
            r.save(update_fields=["parameters"])
        return r

    return _rule
