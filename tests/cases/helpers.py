"""Builders shared by the transfer tests (DOMAIN.md §3: test_transfer_*.py,
tests/reliability/test_races.py) and the criminal property and 刑更 tests
(DOMAIN.md §4: test_criminal_*.py, test_commutation_*.py): a court by its code, a
cross-court transfer request raised by 秀英's director, a criminal judgment's
transfer form, and the media root each of those modules puts under tmp_path.

The fixtures these modules share (``criminal``, ``candidates``) are in
tests/cases/conftest.py."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from cases.choices import CriminalItemKind
from cases.services.assignment import assign_case
from cases.services.criminal import ItemData, TransferFormData
from cases.services.transfers import raise_transfer_request
from courts.models import Court
from haikou_exec.identifiers import make_resident_id

CONVICT_ID = make_resident_id(random.Random(2024))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def court(code: str) -> Court:
    return Court.objects.get(code=code)


# Transfers -----------------------------------------------------------------------


def raise_cross(user, case, to="琼0106", **extra):
    return raise_transfer_request(
        user=user("xy_director"),
        case_id=case.pk,
        kind=extra.pop("kind", "cross"),
        reason_category="local_protection",
        reason="被执行人系本区国有企业，存在地方保护风险。",
        target_court_id=court(to).pk,
        **extra,
    )


# Criminal property judgments and 刑更 ----------------------------------------------


def form(
    *, judged_by="琼0106", number="（2026）琼0106刑初88号", received_on, convict_id=CONVICT_ID
):
    return TransferFormData(
        judging_court_id=court(judged_by).pk,
        judgment_number=number,
        judgment_effective_on=dt.date(2026, 10, 9),
        convict_name="符某强",
        convict_id_number=convict_id,
        convict_prison="海南省美兰监狱",
        crime="诈骗罪",
        received_on=received_on,
        items=[
            ItemData(CriminalItemKind.FINE, Decimal("20000.00")),
            ItemData(CriminalItemKind.CONFISCATION, Decimal("50000.00")),
            ItemData(CriminalItemKind.RESTITUTION, Decimal("20000.00"), "李阿婆"),
            ItemData(CriminalItemKind.RESTITUTION, Decimal("10000.00"), "陈先生"),
            ItemData(CriminalItemKind.MEDICAL_COSTS, Decimal("10000.00"), "李阿婆"),
            ItemData(CriminalItemKind.CIVIL_DEBT, Decimal("5000.00"), "海口某小额贷款公司"),
            ItemData(CriminalItemKind.ILLICIT_PROPERTY, Decimal("8000.00"), "", "赃款"),
        ],
    )


def assign_to_team(case, team, user):
    assign_case(user=user("zy_leader"), case_id=case.pk, team_id=team.pk, reason="刑事执行局分案")
