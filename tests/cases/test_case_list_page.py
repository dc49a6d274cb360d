"""The case list as written for city scale (EnforcementCaseTable.rows_html, the
Fast* widgets, CourtCodeFilter, InArray): same content and escaping as the
generic rendering, the filter keeps what was chosen, and the overdue badge and
filter agree with a direct count."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.demo import seed_cases
from cases.models import CaseNode, EnforcementCase, Party
from command_center.models import RequeryRound
from personnel.models import Team

ROW = re.compile(rb'<tr data-court="[^"]+" class="(?:even|odd)">(.*?)</tr>', re.S)


# The clock policy: this module's pages judge "overdue" and "this year" by today, so
# every test here runs on a set day (the clock ticks from it).
DAY = dt.datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(DAY, tick=True):
        yield


@pytest.fixture
def cases(org):
    seed_cases(count=60, seed=11, years=(2025, 2026), today=DAY.date())
    return EnforcementCase.objects.all()


def _rows(response) -> list[bytes]:
    assert response.status_code == 200, response.status_code
    return ROW.findall(response.content)


@pytest.mark.django_db
def test_rows_are_escaped_and_labelled_in_chinese(login, cases):
    case = cases.order_by("-filed_on", "-id").first()
    Party.objects.filter(case=case, role="respondent").update(name="<script>alert(1)</script>")
    response = login("zy_leader").get("/cases/", {"q": case.case_number})
    rows = _rows(response)
    assert len(rows) == 1
    html = rows[0].decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert f'<a href="/cases/{case.pk}/">{case.case_number}</a>' in html
    assert str(case.get_case_type_display()) not in ("", case.case_type)
    # Labels and dates in the reader's language (Chinese by default).
    assert "执行中" in html or "已结案" in html or "已分配" in html or "中止" in html, html
    assert "年" in html and "日" in html
    # One cell per column of the header, in its order.
    thead = response.content.split(b"<thead", 1)[1].split(b"</thead>", 1)[0]
    assert html.count("<td") == thead.count(b"<th ") == 12
    # Short words and figures on one line (a status never reads 已/立/案).
    status = str(case.get_status_display())
    assert f'<td class="text-nowrap">{status}</td>' in html


@pytest.mark.django_db
def test_overdue_badge_and_filter_agree_with_a_direct_count(login, cases):
    today = timezone.localdate()
    overdue = Exists(CaseNode.objects.filter(case=OuterRef("pk"), status="open", due_on__lt=today))
    expected = cases.filter(overdue).count()
    assert expected > 0, "the seed should give some overdue cases"
    client = login("zy_leader")
    rows = _rows(client.get("/cases/", {"overdue": "true", "per_page": 100}))
    assert len(rows) == expected
    assert all(b"badge text-bg-danger" in row for row in rows)
    api = client.get("/api/v1/cases/", {"overdue": "true", "page_size": 100}).json()
    assert api["count"] == expected
    not_overdue = _rows(client.get("/cases/", {"overdue": "false", "per_page": 100}))
    assert len(not_overdue) == cases.exclude(overdue).count()
    assert not any(b"badge text-bg-danger" in row for row in not_overdue)


@pytest.mark.django_db
def test_the_filter_form_keeps_what_was_chosen(login, cases):
    from personnel.demo import seed_officers, seed_teams

    seed_officers(per_bureau=10, seed=3)
    seed_teams()
    team = Team.objects.filter(bureau__court__code="琼0106").order_by("pk").first()
    response = login("zy_leader").get(
        "/cases/",
        {"court": "琼0106", "overdue": "true", "team": team.pk, "filed_from": "2026-01-01"},
    )
    html = response.content.decode()
    assert re.search(r'name="overdue"[^>]*>.*?<option value="true" selected>', html, re.S)
    assert f'<option value="{team.pk}" selected>' in html
    assert 'name="filed_from"' in html and 'value="2026-01-01"' in html
    assert 'name="court"' in html and 'value="琼0106"' in html
    # City-wide readers see the teams grouped by court.
    assert html.count("<optgroup label=") == 5


@pytest.mark.django_db
def test_court_code_filter(login, cases):
    client = login("zy_leader")
    longhua = cases.filter(court__code="琼0106").count()
    assert client.get("/api/v1/cases/", {"court": "琼0106"}).json()["count"] == longhua
    assert client.get("/api/v1/cases/", {"court": "XX99"}).json()["count"] == 0
    rows = _rows(client.get("/cases/", {"court": "琼0106", "per_page": 100}))
    assert len(rows) == longhua


@pytest.mark.django_db
def test_requery_rounds_take_their_cases_court_from_the_database(cases):
    picked = list(cases.order_by("pk")[:3])
    RequeryRound.objects.bulk_create(
        [RequeryRound(case=c, round_number=1, due_on=dt.date(2026, 6, 1)) for c in picked]
    )
    RequeryRound.objects.create(case=picked[0], round_number=2, due_on=dt.date(2026, 12, 1))
    pairs = set(RequeryRound.objects.values_list("court_id", "case__court_id"))
    assert pairs and all(mine == theirs for mine, theirs in pairs)


@pytest.mark.django_db
def test_an_open_review_case_reads_under_review_where_its_state_is_shown(login, cases):
    """执异, 执复 … are examined, not enforced (DOMAIN.md §2 "Review cases close as
    reviews"): in progress they read 审查中 in the list, on their page and in the
    public lookup, while an implementation case reads 执行中; the list's filter
    finds both under one state."""
    review = cases.filter(case_type__in=["执异", "执他", "执协"]).first()
    enforced = cases.filter(case_type="执").exclude(pk=getattr(review, "pk", None)).first()
    assert review is not None and enforced is not None, "the seed gives both classes"
    EnforcementCase.objects.filter(pk__in=[review.pk, enforced.pk]).update(status="in_progress")
    client = login("zy_leader")

    (row,) = _rows(client.get("/cases/", {"q": review.case_number}))
    assert '<td class="text-nowrap">审查中</td>' in row.decode()
    assert "执行中" not in row.decode()
    (row,) = _rows(client.get("/cases/", {"q": enforced.case_number}))
    assert '<td class="text-nowrap">执行中</td>' in row.decode()

    page = client.get(f"/cases/{review.pk}/").content.decode()
    assert re.search(r'id="case-status">审查中<', page), page[:2000]

    listed = {
        r.split(b"</a>", 1)[0].rsplit(b">", 1)[1].decode()
        for r in _rows(client.get("/cases/", {"status": "in_progress", "per_page": 100}))
    }
    assert {review.case_number, enforced.case_number} <= listed
    form = client.get("/cases/").content.decode()
    assert '<option value="in_progress">执行中／审查中／审理中</option>' in form


@pytest.mark.django_db
def test_the_public_lookup_says_under_review_for_an_open_review_case(client, cases):
    from command_center.services.portal import public_progress

    review = cases.filter(case_type__in=["执异", "执他", "执协"]).first()
    EnforcementCase.objects.filter(pk=review.pk).update(status="in_progress")
    review.refresh_from_db()
    with translation.override("zh-hans"):
        assert public_progress(review)["status"] == "审查中"
        review.status = "closed"
        assert public_progress(review)["status"] == str(_("Closed"))
