"""What each demo role may see, and a city's worth of rows to check it on: shared by
the page/API sweep (test_permission_sweep) and the admin sweep (test_admin_access)."""

from __future__ import annotations

import datetime as dt

import pytest

SEED_DAY = dt.date(2026, 11, 27)

ALL = {"琼01", "琼0105", "琼0106", "琼0107", "琼0108"}
COURT_SCOPE = {
    "admin": ALL,
    "zy_leader": ALL,
    "center_staff": ALL,
    "supervisor": ALL,
    "zy_judge": {"琼01"},
    "xs_judge": {"琼01"},  # plus criminal rows city-wide (checked per row)
    "xy_director": {"琼0105"},
    "xy_judge": {"琼0105"},
    "xy_assistant": {"琼0105"},
    "xy_clerk": {"琼0105"},
    "xy_admin": {"琼0105"},
    "zy_president": {"琼01"},
    "xy_president": {"琼0105"},
    "lh_judge": {"琼0106"},
    "qs_judge": {"琼0107"},
    "ml_judge": {"琼0108"},
}


def first_object_per_court(model) -> list:
    """The first row (by pk) of each court, found with one query on the model's
    court path; a model with its own notion of court is walked row by row."""
    from courts.access import CourtScoped

    if not hasattr(model, "scope_court"):  # its own notion of who sees it (access_q)
        return list(model._default_manager.order_by("pk")[:3])
    if getattr(model, "scope_court", None) is not CourtScoped.scope_court:
        found, seen = [], set()
        for obj in model._default_manager.order_by("pk"):
            code = obj.scope_court.code if obj.scope_court else None
            if code not in seen:
                seen.add(code)
                found.append(obj)
        return found
    path = model.access_court_path
    firsts: dict[str, int] = {}
    rows = model._default_manager.order_by("pk").values_list(
        "pk", f"{path}__code" if path else "code"
    )
    for pk, code in rows.iterator():
        firsts.setdefault(code, pk)
    return list(model._default_manager.filter(pk__in=firsts.values()).order_by("pk"))


def allowed(role: str, obj) -> bool:
    owner = getattr(type(obj), "access_owner_field", None)
    if owner:  # a personal row (a notification): its owner only
        from django.contrib.auth import get_user_model

        return getattr(obj, f"{owner}_id") == get_user_model().objects.get(username=role).pk
    if obj.scope_court.code in COURT_SCOPE[role]:
        return True
    if role == "xs_judge":
        model = type(obj)
        return model.objects.filter(model.criminal_q(), pk=obj.pk).exists()
    return False


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    """A city's worth of rows in every app (officers and teams, cases with their
    parties and ledgers, people, equipment, the command centre's tasks, query
    batches and freezes, supervision and assessment), seeded once for this module
    inside a transaction that is rolled back at its end. Each test runs in a
    savepoint within it, so one data set serves every role's sweep."""

    from django.db import transaction
    from django.test.utils import override_settings

    from assessment.reference_data import seed_reference_data as seed_assessment_reference
    from cases.demo import seed_cases
    from command_center.demo import seed_command_centre
    from equipment.demo import seed_equipment
    from personnel.demo import seed_officers, seed_people, seed_teams
    from supervision.reference_data import seed_reference_data as seed_supervision_reference
    from tests.conftest import _organisation_is_seeded, _seed_organisation
    from tests.supervision.populate import populate

    with (
        django_db_blocker.unblock(),
        override_settings(
            PROPERTY_QUERY_SANDBOX_LATENCY_MS=0, PROPERTY_QUERY_SANDBOX_FAILURE_RATE=0
        ),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            if not _organisation_is_seeded():
                _seed_organisation()
            seed_officers(per_bureau=8, seed=7)
            seed_teams()
            # Cases filed over the three years up to a set day: visibility does not
            # depend on the date, and no line here reads the real clock.
            seed_cases(count=120, seed=9, today=SEED_DAY)
            seed_people(seed=7)
            seed_equipment(seed=3)
            centre = seed_command_centre(seed=3)
            # Query batches and freezes (sent and waiting) come with the demo.
            assert centre["query_batches"] and centre["freezes"]
            seed_supervision_reference()
            seed_assessment_reference()
            populate(rounds=1)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
