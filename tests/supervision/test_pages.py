"""Every supervision and assessment page and API endpoint, walked as each demo
role over a populated data set: rows stay in scope, objects outside it answer
404, and list pages keep a constant number of queries as rows grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.platform.test_permission_sweep import (
    COURT_SCOPE,
    DATA_COURT,
    discover_endpoints,
)
from tests.supervision.populate import populate

MINE = ("supervision:", "assessment:", "supervision-case-", "assessment-", "report-")


def my_endpoints():
    endpoints, _unrestricted = discover_endpoints()
    return [e for e in endpoints if e.name.startswith(MINE)]


@pytest.fixture
def populated(org, sup_ref):
    from assessment.reference_data import seed_reference_data

    seed_reference_data()
    populate(rounds=1)


def test_my_endpoints_are_discovered():
    names = {e.name for e in my_endpoints()}
    assert {
        "supervision:alert_list",
        "supervision:case_detail",
        "assessment:report_list",
        "assessment:result_detail",
    } <= names
    assert {"supervision-case-list", "assessment-list", "report-list", "report-detail"} <= names


PAGES = [
    "/supervision/",
    "/supervision/rules/",
    "/assessment/",
    "/assessment/figures/?level=team",
    "/assessment/figures/?level=officer&code=closed_within_term",
    "/assessment/indicators/",
    "/assessment/schemes/",
    "/assessment/assessments/",
    "/assessment/praise/?year=2026",
    "/assessment/drilldown/?code=recovery_rate&level=court&period=2026&part=numerator",
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["supervisor", "zy_leader", "xy_director", "lh_judge", "xs_judge"])
def test_overview_pages_render(role, login, populated):
    client = login(role)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, (role, url, response.status_code)
        for code in DATA_COURT.findall(response.content.decode()):
            assert code in COURT_SCOPE[role] or role == "xs_judge", (role, url, code)


@pytest.mark.django_db
def test_forms_render_for_the_supervising_side(login, populated):
    from supervision.models import (
        Alert,
        DirectorTalk,
        Inspection,
        InspectionFinding,
        JointInspection,
        SupervisionCase,
        SupervisionOrder,
    )

    client = login("supervisor")
    case = SupervisionCase.objects.first()
    urls = [
        "/supervision/cases/new/",
        "/supervision/orders/new/",
        "/supervision/inspections/new/",
        "/supervision/reviews/new/",
        "/supervision/joint/new/",
        "/supervision/talks/new/",
        f"/supervision/cases/{case.pk}/conclude/",
        f"/supervision/cases/{case.pk}/filing/",
        f"/supervision/orders/new/?supervision_case={case.pk}",
        f"/supervision/orders/{SupervisionOrder.objects.first().pk}/",
        f"/supervision/inspections/{Inspection.objects.first().pk}/findings/new/",
        f"/supervision/joint/{JointInspection.objects.first().pk}/case-findings/",
        f"/supervision/joint/{JointInspection.objects.first().pk}/conduct/",
        f"/supervision/talks/{DirectorTalk.objects.first().pk}/record/",
        f"/supervision/findings/{InspectionFinding.objects.first().pk}/",
        f"/supervision/alerts/{Alert.objects.first().pk}/",
        f"/supervision/rules/{__import__('supervision.models', fromlist=['AlertRule']).AlertRule.objects.first().pk}/edit/",
        "/assessment/reports/prepare/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    # A district judge may not open the supervising side's forms.
    judge = login("xy_judge")
    assert judge.get("/supervision/cases/new/").status_code == 403
    assert judge.get("/assessment/schemes/new/").status_code == 403


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


LISTS = [
    "/supervision/alerts/",
    "/supervision/cases/",
    "/supervision/orders/",
    "/supervision/inspections/",
    "/supervision/findings/",
    "/supervision/reviews/",
    "/supervision/joint/",
    "/supervision/talks/",
    "/assessment/snapshots/",
    "/assessment/results/",
    "/assessment/reports/",
    "/assessment/officers/",
    "/api/v1/supervision-cases/",
    "/api/v1/assessments/",
    "/api/v1/reports/",
]


@pytest.mark.django_db
def test_list_query_counts_do_not_grow_with_rows(login, org, sup_ref):
    from assessment.reference_data import seed_reference_data

    seed_reference_data()
    client = login("supervisor")
    populate(rounds=1, year=2025)
    small = {url: _queries(client, url) for url in LISTS}
    populate(rounds=3, year=2026)
    big = {url: _queries(client, url) for url in LISTS}
    assert big == small
    assert max(big.values()) <= 14, big
