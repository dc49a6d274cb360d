"""Issue 17 finding 11 (执监 numbers): a supervision case carries a lawful 执监
case number from the intermediate court's gap-free sequence — （2026）琼01执监N号,
the number of the 执监 case filed for it — not an internal （2026）监督N号."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.models import EnforcementCase
from tests.supervision.helpers import make_case

pytestmark = pytest.mark.django_db

URL = "/api/v1/supervision-cases/"
NOW = dt.datetime(2026, 6, 30, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
NUMBER = re.compile(r"^（2026）琼01执监(\d+)号$")


def _open(client, **data):
    body = {
        "title": "消极执行线索核查",
        "trigger": "negative",
        "source": "petition",
        "description": "申请人反映查到财产后三个月未采取措施。",
        **data,
    }
    return client.post(URL, body, content_type="application/json")


def test_supervision_cases_take_execution_supervision_numbers(sup_ref, login):
    supervised = make_case("琼0106")
    supervisor = login("supervisor")
    with time_machine.travel(NOW, tick=False):
        first = _open(supervisor, supervised_case=supervised.case_number)
        second = _open(supervisor, court="琼0105", title="秀英区法院执行款发放专项检查")
    assert first.status_code == 201 and second.status_code == 201, first.content
    numbers = [first.json()["reference"], second.json()["reference"]]
    sequence = [int(NUMBER.match(n)[1]) for n in numbers]  # no match: not a 执监 number
    assert sequence[1] == sequence[0] + 1  # gap-free, one sequence
    # Each number is a 执监 case filed at the intermediate court, about the supervised case.
    filed = EnforcementCase.objects.get(case_number=numbers[0])
    assert (filed.case_type, filed.court.code, filed.filed_on) == ("执监", "琼01", NOW.date())
    assert filed.title_document_number == supervised.case_number
    # Handled by the named supervisor: no assignment deadline left open at 中院.
    assert not filed.nodes.filter(status="open").exists()
    assert EnforcementCase.objects.filter(case_number=numbers[1], case_type="执监").exists()
