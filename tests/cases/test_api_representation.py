"""The case API's representation is written out for speed
(``EnforcementCaseSerializer.to_representation``): it must say exactly what DRF's
own loop over the declared fields says, for every kind of case."""

import datetime as dt
import json

import pytest
from rest_framework import serializers

from cases.api.representation import case_representations
from cases.api.serializers import EnforcementCaseSerializer
from cases.demo import seed_cases
from cases.models import EnforcementCase, PartyAgent
from cases.selectors import case_list


@pytest.mark.django_db
def test_the_written_out_representation_is_drf_s_own(org):
    from personnel.demo import seed_officers, seed_teams

    seed_officers(per_bureau=10, seed=3)
    seed_teams()
    seed_cases(count=60, seed=5, today=dt.date(2026, 11, 27))
    first, second = EnforcementCase.objects.order_by("pk")[:2]
    EnforcementCase.objects.filter(pk=first.pk).update(origin_case=second, team=None)
    party = first.parties.order_by("pk").first()
    PartyAgent.objects.create(
        case=first, party=party, kind="lawyer", name="周律师", organisation="海南椰风律师事务所"
    )
    # As the API reads them: with each party's agents (cases.api.views).
    cases = list(case_list(EnforcementCase.objects.order_by("pk"), with_agents=True))
    # Every kind of value is met: closed and open, a team and none, an origin
    # case, parties (with and without an ID number).
    assert any(c.closing_type for c in cases) and any(not c.closing_type for c in cases)
    assert any(c.team_id for c in cases) and any(c.team_id is None for c in cases)
    assert any(c.origin_case_id for c in cases) and any(c.closed_on for c in cases)
    assert any(p.id_number for c in cases for p in c.party_list)
    for case in cases:
        written = EnforcementCaseSerializer(case).data
        drf = serializers.ModelSerializer.to_representation(EnforcementCaseSerializer(), case)
        assert list(written) == list(drf), case.pk
        assert dict(written) == dict(drf), case.pk
        assert [dict(p) for p in written["parties"]] == [dict(p) for p in drf["parties"]]
    shown = EnforcementCaseSerializer(cases[0]).data["parties"]
    assert any(a["name"] == "周律师" for p in shown for a in p["agents"])

    # The list API's rows, written by PostgreSQL (cases/api/representation.py), say
    # the same as the serializer, key order included, once through JSON as sent.
    written_by_sql = list(case_representations(EnforcementCase.objects.order_by("pk")))
    assert len(written_by_sql) == len(cases)
    for case, row in zip(cases, written_by_sql, strict=True):
        expected = json.loads(json.dumps(EnforcementCaseSerializer(case).data))
        assert list(row) == list(expected), case.pk
        assert row == expected, case.pk
        assert [list(p) for p in row["parties"]] == [list(p) for p in expected["parties"]]
    assert any(p["masked_id_number"] for row in written_by_sql for p in row["parties"])
    assert any(row["origin_case"] for row in written_by_sql)


@pytest.mark.django_db
def test_the_list_api_sends_the_rows_postgresql_writes(org, client):
    """GET /api/v1/cases/ reads the page in one statement after the count (no
    parties or agents read apart) and answers what the case's own address does."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from personnel.demo import seed_officers, seed_teams

    seed_officers(per_bureau=10, seed=3)
    seed_teams()
    seed_cases(count=30, seed=7, today=dt.date(2026, 11, 27))
    client.force_login(get_user_model().objects.create_superuser("api_reader", password="x"))
    listed = client.get("/api/v1/cases/", {"page_size": 10, "ordering": "-amount_claimed"})
    assert listed.status_code == 200
    rows = listed.json()["results"]
    assert len(rows) == 10 and listed.json()["count"] == 30
    amounts = [float(r["amount_claimed"]) for r in rows]
    assert amounts == sorted(amounts, reverse=True)
    for row in rows[:3]:
        assert client.get(f"/api/v1/cases/{row['id']}/").json() == row
    with CaptureQueriesContext(connection) as ctx:
        client.get("/api/v1/cases/", {"page_size": 10})
    case_reads = [q["sql"] for q in ctx.captured_queries if "cases_" in q["sql"]]
    assert len(case_reads) == 2, case_reads  # the count and the rows
    assert not any('FROM "cases_party"' in sql.split("JSON_BUILD_OBJECT")[0] for sql in case_reads)
