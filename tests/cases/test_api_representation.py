"""The case API's representation is written out for speed
(``EnforcementCaseSerializer.to_representation``): it must say exactly what DRF's
own loop over the declared fields says, for every kind of case."""

import datetime as dt

import pytest
from rest_framework import serializers

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
