"""执恢 needs an origin (issue 17, finding 4; DOMAIN.md §2, 法发〔2014〕26号): a
终本 case of the same court, resumed once — also when two resumptions are filed
at the same moment."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from cases.models import EnforcementCase
from cases.services import closing
from tests.cases.conftest import file_on_its_day, filing_data
from tests.cases.test_closing import satisfy_everything

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = dt.datetime(2026, 11, 27, 10, tzinfo=SHANGHAI)


def _terminated(case, user):
    """The case closed by 终本 on 1 July, every condition recorded."""
    judge = user("xy_judge")
    satisfy_everything(case, judge)
    return closing.close_case(
        user=judge,
        case_id=case.pk,
        closing_type="terminated_procedure",
        closed_on=dt.date(2026, 7, 1),
    )


def _payload(**extra) -> dict:
    data = filing_data(case_type="执恢", seed=21)
    return {
        "case_type": data.case_type,
        "title_issuer": data.title_issuer,
        "title_document_number": data.title_document_number,
        "title_effective_on": data.title_effective_on.isoformat(),
        "amount_claimed": "1000.00",
        "filed_on": DAY.date().isoformat(),
        "parties": [
            {"role": p.role, "kind": p.kind, "name": p.name, "id_number": p.id_number}
            for p in data.parties
        ],
        **extra,
    }


@pytest.mark.django_db
def test_a_resumption_without_origin_is_refused_through_the_api(org, login):
    with time_machine.travel(DAY, tick=False):
        response = login("xy_judge").post(
            "/api/v1/cases/", _payload(), content_type="application/json"
        )
    assert response.status_code == 400, response.content
    assert "origin_case" in response.json()
    assert "执恢" in str(response.json()["origin_case"])
    assert not EnforcementCase.objects.filter(case_type="执恢").exists()


@pytest.mark.django_db
def test_an_open_case_is_no_origin(xy_case, login):
    with time_machine.travel(DAY, tick=False):
        response = login("xy_judge").post(
            "/api/v1/cases/",
            _payload(origin_case=xy_case.case_number),
            content_type="application/json",
        )
    assert response.status_code == 400
    assert "终本" in str(response.json()["origin_case"])


@pytest.mark.django_db
def test_another_court_s_case_is_no_origin(org, user, login):

    lh = file_on_its_day(user("lh_judge"), filing_data(seed=5))
    leader = user("zy_leader")  # city-wide leadership: may change and close any case
    satisfy_everything(lh, leader)
    closing.close_case(
        user=leader,
        case_id=lh.pk,
        closing_type="terminated_procedure",
        closed_on=dt.date(2026, 7, 1),
    )
    with time_machine.travel(DAY, tick=False):
        response = login("zy_leader").post(
            "/api/v1/cases/",
            _payload(origin_case=lh.case_number, court="琼0105"),
            content_type="application/json",
        )
    assert response.status_code == 400
    assert "another court" in str(response.json()) or "其他法院" in str(response.json())


@pytest.mark.django_db
def test_one_terminated_case_is_resumed_once(xy_case, user, login):
    _terminated(xy_case, user)
    judge = user("xy_judge")
    with time_machine.travel(DAY, tick=False):
        first = closing.resume_enforcement(
            user=judge, case_id=xy_case.pk, filed_on=DAY.date(), reason="网络查控发现银行存款"
        )
        with pytest.raises(ValidationError) as err:
            closing.resume_enforcement(
                user=judge, case_id=xy_case.pk, filed_on=DAY.date(), reason="又发现车辆"
            )
        assert first.case_number in " ".join(err.value.messages)
        # Nor through the API, naming the origin by its number.
        response = login("xy_judge").post(
            "/api/v1/cases/",
            _payload(origin_case=xy_case.case_number),
            content_type="application/json",
        )
        assert response.status_code == 400
    assert EnforcementCase.objects.filter(origin_case=xy_case).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_resumptions_at_the_same_moment_make_one_case(xy_case, user):
    _terminated(xy_case, user)
    judge = user("xy_judge")
    barrier = threading.Barrier(2)
    outcomes = []

    def resume():
        try:
            barrier.wait(timeout=10)
            closing.resume_enforcement(
                user=judge, case_id=xy_case.pk, filed_on=DAY.date(), reason="发现财产"
            )
            outcomes.append("filed")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    with time_machine.travel(DAY, tick=True):
        threads = [threading.Thread(target=resume) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    assert sorted(outcomes) == ["filed", "refused"]
    assert EnforcementCase.objects.filter(origin_case=xy_case, case_type="执恢").count() == 1
