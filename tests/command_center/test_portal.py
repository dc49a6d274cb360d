"""The public portal: progress of one case by number and query code, no personal
data, throttled per client, and no answer revealing whether a number exists."""

from __future__ import annotations

import random

import pytest
from django.test import Client

from tests.command_center.conftest import assign_to_xy_team, file_demo_case


@pytest.fixture
def portal_case(org, user, settings):
    settings.PUBLIC_PORTAL_RATE_LIMIT = 50
    settings.PUBLIC_PORTAL_RATE_WINDOW = 600
    case = file_demo_case(user("xy_judge"), seed=31, applicant_phone="13907561234")
    return assign_to_xy_team(case, user)


# Throttle counters live in the shared cache: each run uses fresh addresses.
RUN = random.Random().randint(0, 250)


def _ip(n: int) -> str:
    return f"203.{RUN}.113.{n}"


def _lookup(client, number, code, ip=None, **extra):
    ip = ip or _ip(7)
    return client.post(
        "/public/",
        {"case_number": number, "query_code": code},
        REMOTE_ADDR=ip,
        **extra,
    )


@pytest.mark.django_db
def test_progress_of_the_case_without_personal_data(portal_case):
    client = Client()
    assert client.get("/public/").status_code == 200  # no login
    ascii_number = portal_case.case_number.replace("（", "(").replace("）", ")")
    response = _lookup(client, ascii_number, portal_case.public_query_code.lower())
    body = response.content.decode()
    assert response.status_code == 200
    assert portal_case.case_number in body and "海口市秀英区人民法院" in body
    assert "王**" in body and "李**" in body  # natural persons masked
    parties = list(portal_case.parties.all())
    for party in parties:
        assert party.name not in body
        assert party.id_number and party.id_number not in body
        assert party.id_number[-4:] + "<" not in body
    assert "13907561234" not in body and "长滨路" not in body
    # The steps done and under way (assignment is done).
    assert "立案后确定承办团队" in body
    assert not response.cookies  # no session, no CSRF cookie


@pytest.mark.django_db
def test_wrong_code_and_unknown_number_are_answered_the_same_way(portal_case, monkeypatch):
    from command_center.services import portal

    compared = []
    real = portal.constant_time_compare
    monkeypatch.setattr(
        portal, "constant_time_compare", lambda a, b: compared.append(1) or real(a, b)
    )
    client = Client()
    wrong_code = _lookup(client, portal_case.case_number, "WRONG123")
    unknown = _lookup(client, "（2026）琼0105执99999号", portal_case.public_query_code)
    other_court = _lookup(client, "（2026）琼0108执1号", "ABCDEFGH")
    assert wrong_code.status_code == unknown.status_code == other_court.status_code == 200
    assert wrong_code.content == unknown.content == other_court.content
    assert portal_case.case_number.encode() not in wrong_code.content  # nothing echoed
    assert len(compared) == 3  # the same comparison on every path


@pytest.mark.django_db
def test_lookups_are_throttled_per_client(portal_case, settings):
    settings.PUBLIC_PORTAL_RATE_LIMIT = 3
    client = Client()
    me = _ip(random.randint(10, 99))
    for _ in range(3):
        assert _lookup(client, portal_case.case_number, "WRONG123", ip=me).status_code == 200
    blocked = _lookup(client, portal_case.case_number, portal_case.public_query_code, ip=me)
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) > 0
    assert portal_case.case_number.encode() not in blocked.content  # even the right code waits
    # A forged X-Forwarded-For does not buy new attempts (no trusted proxy).
    spoofed = _lookup(
        client, portal_case.case_number, "WRONG123", ip=me, HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert spoofed.status_code == 429
    # Another client is not affected.
    other = _lookup(
        client,
        portal_case.case_number,
        portal_case.public_query_code,
        ip=_ip(100 + random.randint(0, 99)),
    )
    assert other.status_code == 200 and portal_case.case_number.encode() in other.content


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_client_is_the_proxy_appended_address(portal_case, settings):
    settings.PUBLIC_PORTAL_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()
    proxy, a, b = "10.0.0.2", _ip(200 + random.randint(0, 20)), _ip(230 + random.randint(0, 20))
    first = _lookup(client, "x", "y", ip=proxy, HTTP_X_FORWARDED_FOR=f"1.1.1.1, {a}")
    second = _lookup(client, "x", "y", ip=proxy, HTTP_X_FORWARDED_FOR=f"9.9.9.9, {a}")
    third = _lookup(client, "x", "y", ip=proxy, HTTP_X_FORWARDED_FOR=b)
    assert (first.status_code, second.status_code, third.status_code) == (200, 429, 200)
