"""Filing as it really happens (issue 16 item 5): several applicants and
respondents of each kind and their agents on one screen and in the API; parties
corrected and agents added later, the correction in the audit trail."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.models import EnforcementCase, Party, PartyAgent
from haikou_exec.identifiers import make_resident_id, make_uscc
from tests.conftest import english

DAY = dt.datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
PERSON = make_resident_id(random.Random(71))
COMPANY = make_uscc(random.Random(72))
OTHER_COMPANY = make_uscc(random.Random(73))


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(DAY, tick=True):
        yield


def _title(**extra) -> dict:
    return {
        "case_type": "执",
        "origin": "civil",
        "filed_on": DAY.date().isoformat(),
        "title_issuer": "海口市秀英区人民法院",
        "title_document_number": "（2026）琼0105民初501号",
        "title_effective_on": "2026-09-01",
        "cause": "买卖合同纠纷",
        "amount_claimed": "880000.00",
        **extra,
    }


def _rows(prefix: str, rows: list[dict], initial: int) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


PARTIES = [
    {"role": "applicant", "kind": "natural", "name": "陈小燕", "id_number": PERSON},
    {"role": "applicant", "kind": "organisation", "name": "海口市龙华区椰林合伙企业"},
    {"role": "respondent", "kind": "legal", "name": "海口南港物流有限公司", "id_number": COMPANY},
    {
        "role": "respondent",
        "kind": "legal",
        "name": "海南港城建设有限公司",
        "nature": "state_enterprise",
    },
    {},  # a row added and left blank
]


def _errors(response) -> str:
    ctx = response.context
    return str([ctx["form"].errors, ctx["parties"].errors, ctx["agents"].errors])


def _post(client, parties=PARTIES, agents=(), **title):
    rows = [{"nature": "private", **p} if p else {} for p in parties]
    data = {**_title(**title), **_rows("parties", rows, 2), **_rows("agents", list(agents), 0)}
    return client.post("/cases/file/", data)


@pytest.mark.django_db
def test_several_parties_of_each_kind_and_their_agents_on_one_screen(login):
    client = login("xy_clerk")
    page = client.get("/cases/file/").content.decode()
    assert 'name="parties-0-role"' in page and 'name="parties-1-role"' in page
    assert 'id="add-respondent"' in page and 'id="add-agent"' in page
    lawyer = {
        "represents": "1",
        "kind": "lawyer",
        "name": "周律师",
        "organisation": "海南椰风律师事务所",
        "licence_number": "14601201910123456",
        "authority": "special",
        "phone": "13800000000",
    }
    relative = {"represents": "3", "kind": "relative_or_staff", "name": "刘会计"}
    response = _post(client, agents=[lawyer, relative])
    assert response.status_code == 302, _errors(response)
    case = EnforcementCase.objects.get()
    parties = list(case.parties.order_by("id").values_list("role", "kind", "name", "nature"))
    assert parties == [
        ("applicant", "natural", "陈小燕", "private"),
        ("applicant", "organisation", "海口市龙华区椰林合伙企业", "private"),
        ("respondent", "legal", "海口南港物流有限公司", "private"),
        ("respondent", "legal", "海南港城建设有限公司", "state_enterprise"),
    ]
    agents = {a.name: a for a in PartyAgent.objects.select_related("party")}
    assert agents["周律师"].party.name == "陈小燕" and agents["周律师"].authority == "special"
    assert agents["刘会计"].party.name == "海口南港物流有限公司"
    detail = client.get(case.get_absolute_url()).content.decode()
    assert "周律师" in detail and "海南港城建设有限公司" in detail


@pytest.mark.django_db
def test_each_row_is_checked_by_the_party_and_agent_rules(login):
    client = english(login("xy_clerk"))
    bad_company = dict(PARTIES[2], id_number=COMPANY[:-1] + ("0" if COMPANY[-1] != "0" else "1"))
    lawyer_without_licence = {"represents": "1", "kind": "lawyer", "name": "周律师"}
    response = _post(client, parties=[PARTIES[0], bad_company], agents=[lawyer_without_licence])
    assert response.status_code == 200
    page = response.content.decode()
    assert "unified social credit code" in page  # on the respondent's row
    assert "practising certificate" in page
    # The same identifier on both sides, and an agent of a party not filed.
    both = dict(PARTIES[2], id_number=PERSON, kind="natural")
    response = _post(client, parties=[PARTIES[0], both])
    assert "both applicant and respondent" in response.content.decode()
    response = _post(
        client,
        parties=[PARTIES[0], PARTIES[2]],
        agents=[{"represents": "7", "kind": "citizen", "name": "王某"}],
    )
    assert "no party with this number" in response.content.decode()
    # Without a respondent an implementation case cannot be filed.
    response = _post(client, parties=[PARTIES[0], PARTIES[1]])
    assert "at least one applicant and one respondent" in response.content.decode()
    assert not EnforcementCase.objects.exists()


@pytest.mark.django_db
def test_the_old_one_applicant_one_respondent_post_still_files(login):
    response = login("xy_clerk").post(
        "/cases/file/",
        {
            **_title(),
            "applicant_kind": "natural",
            "applicant_name": "王海生",
            "respondent_kind": "legal",
            "respondent_name": "海南椰城贸易有限公司",
            "respondent_nature": "private",
        },
    )
    assert response.status_code == 302
    assert sorted(Party.objects.values_list("role", "name")) == [
        ("applicant", "王海生"),
        ("respondent", "海南椰城贸易有限公司"),
    ]


@pytest.mark.django_db
def test_the_api_files_lists_of_parties_with_their_agents(login):
    client = login("xy_judge")
    payload = {
        **{k: v for k, v in _title().items()},
        "parties": [
            {
                "role": "applicant",
                "kind": "natural",
                "name": "陈小燕",
                "id_number": PERSON,
                "agents": [
                    {
                        "kind": "lawyer",
                        "name": "周律师",
                        "organisation": "海南椰风律师事务所",
                        "licence_number": "14601201910123456",
                    }
                ],
            },
            {"role": "respondent", "kind": "legal", "name": "海口南港物流有限公司"},
            {"role": "respondent", "kind": "organisation", "name": "琼山区某合作社"},
        ],
    }
    response = client.post("/api/v1/cases/", payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [p["name"] for p in body["parties"]] == [
        "陈小燕",
        "海口南港物流有限公司",
        "琼山区某合作社",
    ]
    agent = PartyAgent.objects.get()
    assert (agent.party.name, agent.case_id) == ("陈小燕", body["id"])
    # The answer and the case's resource show each party's agents (read-only).
    shown = {p["name"]: p["agents"] for p in body["parties"]}
    assert shown["海口南港物流有限公司"] == []
    assert [(a["kind"], a["name"], a["organisation"]) for a in shown["陈小燕"]] == [
        ("lawyer", "周律师", "海南椰风律师事务所")
    ]
    listed = client.get("/api/v1/cases/").json()["results"][0]
    assert listed["parties"][0]["agents"][0]["licence_number"] == "14601201910123456"
    detail = client.get(f"/api/v1/cases/{body['id']}/").json()
    assert detail["parties"] == listed["parties"]
    # A lawyer without a practising certificate is refused.
    payload["title_document_number"] = "（2026）琼0105民初502号"
    payload["parties"][0]["agents"][0]["licence_number"] = ""
    response = client.post("/api/v1/cases/", payload, content_type="application/json")
    assert response.status_code == 400 and "licence_number" in response.json()
    assert EnforcementCase.objects.count() == 1


@pytest.fixture
def filed_case(login):
    client = login("xy_director")
    response = _post(client)
    assert response.status_code == 302
    return EnforcementCase.objects.get()


@pytest.mark.django_db
def test_correcting_a_party_is_audited_with_its_reason(login, filed_case):
    client = login("xy_director")
    party = filed_case.parties.get(name="海口南港物流有限公司")
    url = f"/cases/{filed_case.pk}/parties/{party.pk}/correct/"
    form = client.get(url).content.decode()
    assert "海口南港物流有限公司" in form
    response = client.post(
        url,
        {
            "version": filed_case.version,
            "kind": "legal",
            "name": "海口南港国际物流有限公司",
            "id_number": COMPANY,
            "nature": "private",
            "address": "海口市秀英区港澳大道8号",
            "reason": "营业执照记载的名称有误",
        },
    )
    assert response.status_code == 302 and response["Location"] == filed_case.get_absolute_url()
    party.refresh_from_db()
    assert party.name == "海口南港国际物流有限公司" and party.role == "respondent"
    event = Party.pgh_event_model.objects.filter(pgh_obj=party, pgh_label="update").get()
    assert event.pgh_context.metadata["reason"] == "营业执照记载的名称有误"
    assert event.pgh_context.metadata["actor"] == "符海燕"
    history = f"/cases/{filed_case.pk}/parties/history/"
    assert history in client.get(filed_case.get_absolute_url()).content.decode()
    page = client.get(history).content.decode()
    assert "海口南港物流有限公司 → 海口南港国际物流有限公司" in page
    assert "营业执照记载的名称有误" in page
    # A stale form (the case changed since) is refused; nothing changes.
    stale = client.post(
        url, {"version": 0, "kind": "legal", "name": "别的名字", "nature": "private", "reason": "x"}
    )
    assert stale.status_code == 200
    party.refresh_from_db()
    assert party.name == "海口南港国际物流有限公司"


@pytest.mark.django_db
def test_agents_added_later_and_only_by_the_handlers(login, filed_case):
    party = filed_case.parties.get(name="陈小燕")
    url = f"/cases/{filed_case.pk}/agents/add/?party={party.pk}"
    data = {
        "party": party.pk,
        "kind": "legal_worker",
        "name": "黄法律工作者",
        "organisation": "秀英区法律服务所",
        "licence_number": "34601000000123",
        "authority": "general",
    }
    assert login("lh_judge").post(url, data).status_code == 404
    assert login("supervisor").post(url, data).status_code in (403, 404)
    assert not PartyAgent.objects.exists()
    response = login("xy_director").post(url, data)
    assert response.status_code == 302
    assert PartyAgent.objects.get().party == party
