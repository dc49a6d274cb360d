"""Leadership dashboards: every figure equals a direct count of the same cases and
the list it links to shows exactly those; district scope; cache invalidation;
constant query counts."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.models import Exists, OuterRef, Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import CaseNode, EnforcementCase
from command_center.dashboard import dashboard_figures
from command_center.models import RequeryRound
from courts.models import Court

# The clock policy: this module's dashboard counts "overdue" and "this year" by today, so
# every test here runs on a set day (the clock ticks from it).
DAY = dt.datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(DAY, tick=True):
        yield


@pytest.fixture
def seeded(org):
    from cases.demo import seed_cases

    seed_cases(count=160, seed=5, years=(2025, 2026), today=DAY.date())
    # Some 终本 cases due for re-query, and some funds waiting past 30 days.
    terminated = list(
        EnforcementCase.objects.filter(closing_type="terminated_procedure").order_by("pk")[:6]
    )
    RequeryRound.objects.bulk_create(
        [RequeryRound(case=c, round_number=1, due_on=timezone.localdate()) for c in terminated]
    )
    return org


def _overdue(today):
    return Exists(CaseNode.objects.filter(case=OuterRef("pk"), status="open", due_on__lt=today))


def _direct(code: str, year: int) -> dict:
    """The same figures, counted directly and independently of the dashboard."""
    today = timezone.localdate()
    cases = EnforcementCase.objects.filter(court__code=code)
    closed = cases.filter(status="closed", closed_on__year=year)
    first_closed = closed.filter(case_type="执")
    return {
        "new": cases.filter(filed_on__year=year).count(),
        "closed": closed.count(),
        "pending": cases.exclude(status="closed").count(),
        "overdue": cases.filter(_overdue(today)).count(),
        "terminated": closed.filter(closing_type="terminated_procedure").count(),
        "first_closed": first_closed.count(),
        "first_fully": first_closed.filter(closing_type="fully_executed").count(),
        "funds": cases.filter(
            Exists(
                CaseNode.objects.filter(
                    case=OuterRef("pk"),
                    definition__code="funds_disbursement",
                    status="open",
                    due_on__lt=today,
                )
            )
        ).count(),
        "requery": RequeryRound.objects.filter(
            case__court__code=code, status__in=["due", "querying"]
        ).count(),
        "claimed": closed.aggregate(s=Sum("amount_claimed"))["s"] or Decimal("0"),
        "recovered": closed.aggregate(s=Sum("amount_recovered"))["s"] or Decimal("0"),
    }


def _api_count(client, link: str) -> int:
    """How many cases the link's list shows (the same filter, through the API)."""
    parts = urlsplit(link)
    assert parts.path == "/cases/", link
    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    response = client.get("/api/v1/cases/", params)
    assert response.status_code == 200, (link, response.content[:300])
    return response.json()["count"]


@pytest.mark.django_db
def test_city_figures_equal_direct_counts_and_their_lists(seeded, login, user):
    year = timezone.localdate().year
    # A case with funds waiting past 30 days.
    from cases.services.ledger import record_receipt

    received_on = DAY.date() - dt.timedelta(days=45)  # the module's set day
    waiting = (
        EnforcementCase.objects.exclude(status="closed")
        # No funds before filing; a running case (a stayed case's clocks stop).
        .filter(court__code="琼0106", filed_on__lte=received_on)
        .filter(status__in=["assigned", "in_progress"])
        .first()
    )
    record_receipt(
        user=None,
        case_id=waiting.pk,
        amount=Decimal("800.00"),
        counterparty="被执行人",
        occurred_on=received_on,
        idempotency_key="dash-1",
    )
    leader = user("zy_leader")
    figures = dashboard_figures(leader, year, refresh=True)
    assert [r["code"] for r in figures["rows"]] == list(
        Court.objects.order_by("sort_order").values_list("code", flat=True)
    )
    client = login("zy_leader")
    checked = 0
    for row in figures["rows"]:
        direct = _direct(row["code"], year)
        for key, value in direct.items():
            assert row[key] == value, (row["code"], key, row[key], value)
        for key in [
            "new",
            "closed",
            "pending",
            "overdue",
            "terminated",
            "first_closed",
            "first_fully",
        ]:
            assert _api_count(client, row["links"][key]) == row[key], (row["code"], key)
            checked += 1
        # The rates are the ratio of the linked lists.
        if row["first_closed"]:
            assert row["fully_rate"] == round(row["first_fully"] * 100 / row["first_closed"], 2)
        if row["claimed"]:
            assert row["recovery_rate"] == round(
                float(row["recovered"]) * 100 / float(row["claimed"]), 2
            )
        # Funds and re-query figures link to their own lists.
        funds_page = client.get(row["links"]["funds"]).content.decode()
        assert funds_page.count(f'data-court="{row["code"]}"') == row["funds"]
        requery_page = client.get(row["links"]["requery"]).content.decode()
        assert requery_page.count(f'data-court="{row["code"]}"') == row["requery"]
    assert checked == 35
    assert figures["total"]["funds"] >= 1 and figures["total"]["requery"] == 6
    total = figures["total"]
    assert total["new"] == EnforcementCase.objects.filter(filed_on__year=year).count()
    assert _api_count(client, total["links"]["pending"]) == total["pending"]
    # The page shows each figure as a link to its list.
    page = client.get("/").content.decode()
    for row in figures["rows"]:
        assert f'href="{row["links"]["new"].replace("&", "&amp;")}">{row["new"]}</a>' in page


@pytest.mark.django_db
def test_district_dashboard_is_scoped_to_its_own_court(seeded, login, user):
    figures = dashboard_figures(user("xy_director"))
    assert [r["code"] for r in figures["rows"]] == ["琼0105"]
    assert (
        figures["total"]["pending"]
        == EnforcementCase.objects.filter(court__code="琼0105").exclude(status="closed").count()
    )
    page = login("xy_director").get("/").content.decode()
    assert 'data-court-code="琼0105"' in page and 'data-court-code="琼0106"' not in page
    assert 'id="team-table"' in page
    assert (
        login("lh_judge").get("/centre/dashboard/").content.decode().count("data-court-code=") == 1
    )


@pytest.mark.django_db
def test_figures_are_cached_until_the_data_change(seeded, user):
    leader = user("zy_leader")
    year = timezone.localdate().year
    before = dashboard_figures(leader, year, refresh=True)
    with CaptureQueriesContext(connection) as warm:
        again = dashboard_figures(leader, year)
    assert again == before
    # Warm: the courts and the audit trail's high-water marks, no pass over the cases.
    sql = " ".join(q["sql"] for q in warm.captured_queries)
    assert '"cases_enforcementcase"' not in sql and '"cases_casenode"' not in sql
    assert '"cases_enforcementcaseevent"' in sql
    # A bulk update (no signals, no save()) is seen through the audit trail.
    case = EnforcementCase.objects.filter(court__code="琼0107").exclude(status="closed").first()
    EnforcementCase.objects.filter(pk=case.pk).update(
        status="closed", closing_type="cancelled", closed_on=timezone.localdate()
    )
    after = dashboard_figures(leader, year)
    row = lambda f: next(r for r in f["rows"] if r["code"] == "琼0107")  # noqa: E731
    assert row(after)["pending"] == row(before)["pending"] - 1
    assert row(after)["closed"] == row(before)["closed"] + 1


@pytest.mark.django_db
def test_dashboard_queries_do_not_grow_with_cases(org, login):
    from cases.demo import seed_cases

    client = login("zy_leader")
    seed_cases(count=20, seed=1, today=timezone.localdate())
    client.get("/centre/dashboard/", {"refresh": "1"})
    with CaptureQueriesContext(connection) as small:
        assert client.get("/centre/dashboard/", {"refresh": "1"}).status_code == 200
    seed_cases(count=200, seed=2, today=timezone.localdate())
    with CaptureQueriesContext(connection) as big:
        response = client.get("/centre/dashboard/", {"refresh": "1"})
    assert len(big.captured_queries) == len(small.captured_queries) <= 25
    assert "echarts.min.js" in response.content.decode()
    screen = client.get("/centre/dashboard/screen/").content.decode()
    assert (
        'class="screen"' in screen
        and "go-fullscreen" in screen
        and 'hx-trigger="every 300s"' in screen
    )
    assert "<nav" not in screen  # the command room sees the figures only
    fragment = client.get("/centre/dashboard/screen/", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="dashboard-figures"')


def _pending_on_page(page: str, code: str) -> int:
    row = re.search(rf'<tr data-court-code="{code}">.*?</tr>', page, re.S).group(0)
    return int(
        re.search(r'data-figure="pending" href="[^"]*">([\d,]+)</a>', row).group(1).replace(",", "")
    )


@pytest.mark.django_db
def test_pages_share_a_scopes_figures_for_the_stated_minute(seeded, login, user, settings):
    """DASHBOARD_FRESH_SECONDS: the dashboard and the leaders' home pages show the
    figures of their scope as known at most that long ago, say when, and compute
    them now on request; the exact figures (dashboard_figures) stay exact."""
    from django.core.cache import cache

    from command_center.dashboard import recent_key, recent_team_key, visible_court_ids

    settings.DASHBOARD_FRESH_SECONDS = 60
    leader, today = user("zy_leader"), DAY.date()  # the module's set day
    xy = Court.objects.get(code="琼0105")
    cache.delete_many(
        [
            recent_key(visible_court_ids(leader), today.year, today),
            recent_key([xy.pk], today.year, today),
            recent_team_key(xy.pk, today),
        ]
    )
    client = login("zy_leader")
    first = client.get("/centre/dashboard/").content.decode()
    note = re.search(r'<span id="figures-as-of">.*?</span>', first, re.S).group(0)
    assert "10:00:" in note and "60" in note and "refresh=1" in note
    before = _pending_on_page(first, "琼0107")
    case = EnforcementCase.objects.filter(court__code="琼0107").exclude(status="closed").first()
    EnforcementCase.objects.filter(pk=case.pk).update(
        status="closed", closing_type="cancelled", closed_on=today
    )
    # Within the minute: the figures as first known, without reading the cases or
    # even the audit trail's marks; the leader's home page shares them.
    with CaptureQueriesContext(connection) as ctx:
        again = client.get("/centre/dashboard/").content.decode()
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert '"cases_enforcementcase"' not in sql and "event" not in sql
    assert _pending_on_page(again, "琼0107") == before
    assert _pending_on_page(client.get("/").content.decode(), "琼0107") == before
    # Asked for: computed now.
    fresh = client.get("/centre/dashboard/", {"refresh": "1"}).content.decode()
    assert _pending_on_page(fresh, "琼0107") == before - 1
    exact = {r["code"]: r["pending"] for r in dashboard_figures(leader)["rows"]}
    assert exact["琼0107"] == before - 1
    # A district director: the own court's figures and the team table, kept alike.
    director = login("xy_director")
    director.get("/")
    with CaptureQueriesContext(connection) as ctx:
        page = director.get("/").content.decode()
    assert 'id="team-table"' in page and 'id="figures-as-of"' in page
    assert "team_id" not in " ".join(
        q["sql"] for q in ctx.captured_queries if "GROUP BY" in q["sql"]
    )


@pytest.mark.django_db
def test_without_the_minute_the_pages_compute_at_every_visit(seeded, login, settings):
    settings.DASHBOARD_FRESH_SECONDS = 0
    page = login("zy_leader").get("/centre/dashboard/").content.decode()
    assert 'id="figures-as-of"' not in page
