"""The personal worklist on the home page (issue 16): each role's home shows its
own items, each linking to the page where the action is done; other courts'
items stay out; the page's query count does not grow with the items. The module
runs on a set day (Thursday 3 December 2026, Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import CaseNode, DeadlineExtension, DisbursementRequest
from haikou_exec.notifications import notify
from tests.command_center.conftest import assign_to_xy_team, file_demo_case

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _set_day():
    with time_machine.travel(NOW, tick=False):
        yield


def _user(name):
    return get_user_model().objects.get(username=name)


def _cases(count, start=900):
    judge = _user("xy_judge")
    cases = [
        assign_to_xy_team(
            file_demo_case(judge, seed=start + i, filed_on=TODAY),
            lambda n: _user(n),
        )
        for i in range(count)
    ]
    nodes = CaseNode.objects.filter(case__in=cases, status="open")
    nodes.update(due_on=TODAY + dt.timedelta(days=60))
    return cases


def _overdue(case, days=2):
    node = (
        CaseNode.objects.filter(case=case, status="open")
        .exclude(definition__code="funds_disbursement")
        .exclude(definition__completion_event="notice_sent")
        .order_by("pk")
        .first()
    )
    CaseNode.objects.filter(pk=node.pk).update(due_on=TODAY - dt.timedelta(days=days))
    return node


def _section(page: str, key: str) -> str:
    match = re.search(rf'<section class="card h-100" id="wl-{key}".*?</section>', page, re.S)
    assert match, f"section {key} missing"
    return match.group(0)


@pytest.mark.django_db
def test_judge_sees_overdue_steps_funds_returned_tasks_and_notifications(login, org):
    from cases.services.ledger import record_receipt
    from command_center.services.affairs import claim_task, return_task, send_task

    case, other = _cases(2)
    node = _overdue(case)
    judge = _user("xy_judge")
    entry, _ = record_receipt(
        user=judge,
        case_id=other.pk,
        amount=Decimal("8000.00"),
        counterparty="李建设",
        occurred_on=TODAY,
        idempotency_key="wl-1",
    )
    task = send_task(user=judge, case_id=case.pk, kind="drafting", instructions="起草执行裁定")
    claim_task(user=_user("center_staff"), task_id=task.pk)
    return_task(user=_user("center_staff"), task_id=task.pk, reason="缺少执行依据材料")
    notify([judge], title="节点即将超期提醒", dedup_key="wl-note", level="warning")
    lh_case = file_demo_case(
        _user("lh_judge"), seed=990, filed_on=TODAY, court_id=org["龙华法院"].pk
    )

    page = login("xy_judge").get("/").content.decode()
    deadlines = _section(page, "deadlines")
    assert f'href="/cases/{case.pk}/#nodes"' in deadlines
    assert node.definition.name in deadlines and node.definition.source in deadlines
    assert "text-bg-danger" in deadlines  # overdue
    cases = _section(page, "cases")
    assert case.case_number in cases and other.case_number in cases
    assert cases.index(case.case_number) < cases.index(other.case_number)  # urgent first
    funds = _section(page, "funds")
    assert other.case_number in funds and f"/cases/{other.pk}/#funds" in funds
    returned = _section(page, "returned")
    assert f'href="{task.get_absolute_url()}"' in returned and "缺少执行依据材料" in returned
    assert "节点即将超期提醒" in _section(page, "notifications")
    assert lh_case.case_number not in page  # another court's case
    # The item leads to the page where it is done.
    assert login("xy_judge").get(f"/cases/{case.pk}/").status_code == 200


@pytest.mark.django_db
def test_judge_home_queries_do_not_grow_with_items(login, org):
    client = login("xy_judge")
    _overdue(_cases(1)[0])
    with CaptureQueriesContext(connection) as few:
        assert client.get("/").status_code == 200
    for case in _cases(6, start=920):
        _overdue(case)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/").content.decode()
    assert page.count('class="wl-item"') > 7
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many.captured_queries) <= 40


@pytest.mark.django_db
def test_requery_rounds_due_are_listed_and_counted_in_one_statement(login, org):
    """More rounds due than the section shows: the count is of all of them, read
    with the rows in one statement (the count used to repeat the rows' join)."""
    from command_center.models import RequeryRound

    case, other = _cases(2, start=940)
    RequeryRound.objects.bulk_create(
        [
            RequeryRound(case=case, round_number=n, due_on=TODAY - dt.timedelta(days=20 - n))
            for n in range(1, 10)
        ]
        + [
            # Not within 30 days, and done: neither is shown nor counted.
            RequeryRound(case=other, round_number=1, due_on=TODAY + dt.timedelta(days=40)),
            RequeryRound(
                case=other,
                round_number=2,
                due_on=TODAY - dt.timedelta(days=3),
                status="done",
                done_on=TODAY,
            ),
        ]
    )
    client = login("xy_judge")
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/").content.decode()
    section = _section(page, "requeries")
    assert 'data-count="9"' in section
    assert section.count('class="wl-item"') == 8
    link = lambda n: reverse(  # noqa: E731
        "command_center:requery_detail",
        kwargs={"pk": RequeryRound.objects.get(case=case, round_number=n).pk},
    )
    assert section.index(link(1)) < section.index(link(2)) < section.index(link(8))
    assert link(9) not in section  # the ninth is counted, not shown
    reads = [q["sql"] for q in ctx.captured_queries if '"command_center_requeryround"' in q["sql"]]
    assert len(reads) == 1, reads


@pytest.mark.django_db
def test_clerk_has_filing_first_documents_to_serve_and_dossier(login, org):
    from cases.services.nodes import open_nodes

    (case,) = _cases(1, start=940)
    open_nodes(case, "file_received", TODAY)  # the file reached the team today
    page = login("xy_clerk").get("/").content.decode()
    filing = page.index('id="file-case"')
    assert 'href="/cases/file/"' in page[filing - 200 : filing + 200]
    assert filing < page.index('id="worklist"')  # 立案 first
    serve = _section(page, "serve")
    assert case.case_number in serve and f"/cases/{case.pk}/#documents" in serve
    dossier = _section(page, "dossier")
    assert case.case_number in dossier and f"/cases/{case.pk}/#dossier" in dossier
    assert 'id="wl-deadlines"' not in page  # the clerk's page is the clerk's work


@pytest.mark.django_db
def test_clerk_sees_all_dossier_items_to_file_on_the_case_list(login, org):
    """The clerk's 待归档的卷宗材料 has its 查看全部: the case list filtered to the
    same cases (the team's open cases without filing materials in the dossier)."""
    from html import unescape

    from cases.models import DossierFile

    to_file, filed, closed = _cases(3, start=950)
    DossierFile.objects.create(
        case=filed,
        category="filing",
        title="立案材料",
        file=f"dossier/{filed.pk}-filing.pdf",
        original_name="filing.pdf",
        content_type="application/pdf",
        size=10,
        sha256=str(filed.pk).ljust(64, "b")[:64],
    )
    type(closed).objects.filter(pk=closed.pk).update(
        status="closed", closing_type="fully_executed", closed_on=TODAY
    )
    client = login("xy_clerk")
    dossier = _section(client.get("/").content.decode(), "dossier")
    link = re.search(r'<a href="([^"]+)">查看全部</a>', dossier)
    assert link, dossier
    url = unescape(link.group(1))
    team = to_file.team_id
    assert url == f"/cases/?team={team}&dossier_to_file=true"
    listing = client.get(url)
    assert listing.status_code == 200
    page = listing.content.decode()
    assert to_file.case_number in page
    assert filed.case_number not in page and closed.case_number not in page
    # "No" lists the others: the filed case and the closed one.
    page = client.get(f"/cases/?team={team}&dossier_to_file=false").content.decode()
    assert filed.case_number in page and closed.case_number in page
    assert to_file.case_number not in page


@pytest.mark.django_db
def test_director_sees_approvals_waiting_with_counts_and_ages(login, org):
    from cases.models import Party

    case, other = _cases(2, start=960)
    judge = _user("xy_judge")
    node = _overdue(case)
    DeadlineExtension.objects.create(
        node=node,
        days=30,
        reason="需评估",
        requested_by=judge,
        requested_on=TODAY - dt.timedelta(days=6),
    )
    DeadlineExtension.objects.create(
        node=_overdue(other), days=15, reason="需拍卖", requested_by=judge, requested_on=TODAY
    )
    DisbursementRequest.objects.create(
        case=case,
        amount=Decimal("5000.00"),
        payee=Party.objects.filter(case=case, role="applicant").first(),
        payee_account="6222000000000001",
        requested_by=judge,
    )
    page = login("xy_director").get("/").content.decode()
    approvals = _section(page, "approvals")
    assert 'data-count="3"' in approvals
    extensions = approvals.split("</li>")[0]
    assert ">2</span>" in extensions and "6" in extensions and case.case_number in extensions
    assert "/cases/funds/disbursements/" in approvals or f"/cases/{case.pk}/" in approvals
    # Team workload and overdue per team stay beside the approvals.
    team_table = page[page.index('id="team-table"') :]
    assert "吴文杰" in team_table.split("</table>")[0]
    # Team workload and overdue per team stay on the director's page.
    assert login("lh_judge").get("/").content.decode().count(case.case_number) == 0


@pytest.mark.django_db
def test_supervisor_sees_orders_alerts_and_inspections_not_the_dashboard(login, org):
    from supervision.services import cases as case_service

    (case,) = _cases(1, start=980)
    order = case_service.issue_order(
        user=_user("supervisor"),
        subject="督促发放案款",
        instructions="请报告进展",
        case_id=case.pk,
        issued_on=TODAY - dt.timedelta(days=10),
        respond_by=TODAY - dt.timedelta(days=1),
    )
    page = login("supervisor").get("/").content.decode()
    orders = _section(page, "orders")
    assert f'href="{order.get_absolute_url()}"' in orders and "text-bg-danger" in orders
    _section(page, "alerts")
    _section(page, "inspections")
    assert "officers-data" not in page  # not the leadership dashboard's chart


@pytest.mark.django_db
def test_leadership_keeps_the_dashboard_and_sees_decisions_waiting(login, org):
    page = login("zy_leader").get("/").content.decode()
    _section(page, "approvals")
    assert "officers-data" in page


@pytest.mark.django_db
def test_leadership_officer_chart_lists_courts_in_their_usual_order(org):
    """An aggregate query drops Meta.ordering (Django ≥ 3.1): the chart came out
    龙华, 美兰, … while every other table starts with 海口中院."""
    from command_center.selectors import officers_per_court
    from courts.models import Court

    rows = officers_per_court(_user("zy_leader"))
    assert [r["code"] for r in rows] == list(
        Court.objects.order_by("sort_order", "code").values_list("code", flat=True)
    )


@pytest.mark.django_db
def test_my_requests_show_amounts_with_thousands_separators(login, org):
    case = _cases(1)[0]
    DisbursementRequest.objects.create(
        case=case,
        amount=Decimal("50000.00"),
        payee=case.parties.filter(role="applicant").first(),
        payee_account="6222000000000001",
        requested_by=_user("xy_judge"),
    )
    section = _section(login("xy_judge").get("/").content.decode(), "requests")
    assert "50,000.00 元" in section and "50000" not in section


@pytest.mark.django_db
def test_affairs_centre_keeps_its_queue(login, org):
    page = login("center_staff").get("/").content.decode()
    assert 'id="queue-link"' in page
    _section(page, "notifications")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username",
    ["xy_judge", "xy_clerk", "xy_director", "zy_leader", "supervisor", "center_staff"],
)
def test_each_home_page_keeps_a_bounded_query_count(login, org, username):
    for case in _cases(3, start=1000):
        _overdue(case)
    client = login(username)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    # The leadership pages add the dashboard's figures (cached after the first).
    assert len(queries.captured_queries) <= 45, username


@pytest.mark.django_db
def test_a_district_director_reads_the_court_not_a_chart_of_one_court(login, org):
    """A district bureau's home page names its own figures 本院…; its officers are a
    figure, not a chart of one bar. City leadership keeps the per-court charts."""
    page = login("xy_director").get("/").content.decode()
    assert "本院案件情况" in page and "本院主要指标" in page and "本院在岗人员" in page
    assert "各院案件情况" not in page and "officers-chart" not in page
    city = login("zy_leader").get("/").content.decode()
    assert "各院案件情况" in city and 'id="officers-chart"' in city
