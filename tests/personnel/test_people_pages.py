"""The people pages and API: scopes (a district director sees their own court,
the intermediate court sees all), `court` on every API row, query counts that do
not grow with rows, and every figure of the structure page linking to officers."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from personnel.demo import seed_officers, seed_people, seed_teams
from tests.conftest import DEMO_LOGINS
from tests.platform.test_permission_sweep import (
    ALL,
    COURT_SCOPE,
    DATA_COURT,
    allowed,
    discover_endpoints,
)

pytestmark = pytest.mark.django_db

PEOPLE_LISTS = [
    "personnel:officer_list",
    "personnel:position_list",
    "personnel:staffing",
    "personnel:rotation_watch",
    "personnel:rotationplan_list",
    "personnel:trialexchange_list",
    "personnel:handover_list",
    "personnel:appointment_list",
    "personnel:talent_list",
    "personnel:seminar_list",
    "personnel:research_list",
    "personnel:secondment_list",
    "personnel:training_list",
    "personnel:dutyreport_list",
]
PEOPLE_APIS = [
    "/api/v1/officers/",
    "/api/v1/teams/",
    "/api/v1/positions/",
    "/api/v1/rotation-watch/",
    "/api/v1/staffing-quotas/",
    "/api/v1/rotation-plans/",
    "/api/v1/trial-exchanges/",
    "/api/v1/handovers/",
    "/api/v1/director-appointments/",
    "/api/v1/talent-pool/",
    "/api/v1/seminars/",
    "/api/v1/research-outputs/",
    "/api/v1/secondments/",
    "/api/v1/trainings/",
    "/api/v1/duty-reports/",
]


@pytest.fixture
def people(org):
    seed_officers(per_bureau=10, seed=7)
    seed_teams()
    return seed_people(seed=7)


def test_demo_people_data_is_there_and_idempotent(people):
    assert people["positions"] > 60 and people["quotas"] == 6 and people["duty_reports"] >= 4
    assert all(v == 0 for v in seed_people(seed=7).values())


@pytest.mark.parametrize("role", DEMO_LOGINS)
def test_people_lists_keep_to_the_scope(login, people, role):
    """A district director sees their own court; the intermediate leadership, the
    affairs centre and supervision see every court (as the permission sweep)."""
    courts = None if COURT_SCOPE[role] == ALL else COURT_SCOPE[role]
    client = login(role)
    seen = set()
    for name in PEOPLE_LISTS:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        found = set(DATA_COURT.findall(response.content.decode()))
        seen |= found
        if courts:
            assert found <= courts, (name, found)
    for url in PEOPLE_APIS:
        body = client.get(url, {"page_size": 200}).json()
        found = {row["court"] for row in body["results"]}
        assert all(row.get("court") for row in body["results"]), url
        seen |= found
        if courts:
            assert found <= courts, (url, found)
    if courts is None:  # the intermediate court sees every court
        assert seen == ALL
    else:
        assert seen == courts


@pytest.mark.parametrize("role", ["xy_director", "lh_judge", "zy_leader", "supervisor", "xs_judge"])
def test_personnel_details_answer_200_in_scope_and_404_outside(login, people, role):
    """The permission sweep's rule, on seeded people data."""
    client = login(role)
    endpoints, _ = discover_endpoints()
    checked = 0
    for ep in endpoints:
        if ep.kind != "detail" or ep.model._meta.app_label != "personnel":
            continue
        # One object per court, found in one query (the court path of the model).
        first_per_court = {}
        rows = ep.model._default_manager.order_by("pk").values_list(
            "pk", f"{ep.model.access_court_path}__code"
        )
        for pk, code in rows:
            first_per_court.setdefault(code, pk)
        for code, pk in first_per_court.items():
            obj = ep.model._default_manager.get(pk=pk)
            response = client.get(reverse(ep.name, kwargs={"pk": obj.pk}))
            assert response.status_code == (200 if allowed(role, obj) else 404), (ep.name, code)
            checked += 1
    assert checked > 40
    assert COURT_SCOPE[role]


def test_api_officers_and_teams_still_carry_court(login, people):
    officers = login("lh_judge").get("/api/v1/officers/").json()["results"]
    assert officers and {o["court"] for o in officers} == {"琼0106"}
    assert {"birth_date", "education", "legal_qualification", "rank"} <= set(officers[0])
    teams = login("zy_leader").get("/api/v1/teams/", {"page_size": 200}).json()["results"]
    assert teams and all(re.fullmatch(r"琼01\d*", t["court"]) for t in teams)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow():
    """More rows of every listed kind (new officers, their positions, and the rest)."""
    from django.utils import timezone

    from personnel.models import (
        DirectorAppointment,
        DutyReport,
        Handover,
        HandoverItem,
        ResearchOutput,
        RotationPlan,
        RotationPlanItem,
        Secondment,
        Seminar,
        Specialty,
        TalentPoolMember,
        Training,
        TrialExchange,
    )
    from tests.personnel.helpers import D, bureau, leader, officer, position

    today = timezone.localdate()
    admin = (
        __import__("django.contrib.auth", fromlist=["x"])
        .get_user_model()
        .objects.get(username="admin")
    )
    spec = Specialty.objects.first()
    for code in ("琼01", "琼0105", "琼0106", "琼0107", "琼0108"):
        for i in range(3):
            o = leader(code, "deputy_director", D(2020, 1, 1 + i))
            position(o, "judge", D(2015, 1, 1), D(2019, 12, 31))
            TrialExchange.objects.create(
                officer=o,
                bureau=o.bureau,
                direction="to_trial",
                department="立案庭",
                started_on=today,
            )
            h = Handover.objects.create(
                officer=o, bureau=o.bureau, handover_on=today, created_by=admin
            )
            HandoverItem.objects.create(handover=h, provider="team_seat", ref=str(i), label="x")
            DirectorAppointment.objects.create(
                bureau=o.bureau,
                candidate=o,
                effective_on=today,
                reason="x",
                status="refused",
                proposed_by=admin,
            )
            TalentPoolMember.objects.create(officer=o, joined_on=today).specialties.add(spec)
            s = Seminar.objects.create(court=o.bureau.court, topic="x", held_on=today)
            s.participants.add(o)
            r = ResearchOutput.objects.create(
                court=o.bureau.court, title="x", kind="paper", completed_on=today
            )
            r.authors.add(o)
            t = Training.objects.create(
                court=o.bureau.court, title="x", starts_on=today, ends_on=today, hours=8
            )
            t.participants.add(o)
            host = bureau("琼01") if code != "琼01" else bureau("琼0105")
            Secondment.objects.create(
                officer=o,
                home_bureau=o.bureau,
                host_bureau=host,
                post="x",
                started_on=today,
                ended_on=today,
            )
            p = RotationPlan.objects.create(court=o.bureau.court, title="x", created_by=admin)
            RotationPlanItem.objects.create(
                plan=p,
                officer=o,
                position=o.positions.first(),
                effective_on=today,
                destination_department="立案庭",
            )
            DutyReport.objects.create(officer=o, bureau=o.bureau, year=2020 + i, text="x")
            officer(code)


def test_query_counts_do_not_grow_with_rows(login, people):
    client = login("zy_leader")
    urls = (
        [reverse(n) for n in PEOPLE_LISTS]
        + PEOPLE_APIS
        + [
            reverse("personnel:structure"),
            reverse("personnel:home"),
        ]
    )
    _grow()  # every list has rows (an empty list skips its prefetch queries)
    for url in urls:  # warm the per-process caches (content types)
        _queries(client, url)
    before = {url: _queries(client, url) for url in urls}
    _grow()
    after = {url: _queries(client, url) for url in urls}
    grown = {url: (before[url], after[url]) for url in urls if after[url] != before[url]}
    assert not grown, grown
    assert max(before.values()) <= 25, before


def test_detail_pages_have_bounded_queries(login, people):
    from personnel.models import Officer

    client = login("zy_leader")
    for o in Officer.objects.filter(role="director")[:3]:
        assert _queries(client, o.get_absolute_url()) <= 30


def test_structure_figures_link_to_the_officers_behind_them(login, people):
    client = login("zy_leader")
    page = client.get(reverse("personnel:structure")).content.decode()
    assert "vendor/echarts/echarts.min.js" in page and "cdn" not in page.lower()
    links = re.findall(r'<a href="(/people/officers/\?[^"]+)">(\d+)</a>', page)
    assert len(links) > 50
    for url, figure in links[:: max(len(links) // 25, 1)]:
        listed = client.get(url.replace("&amp;", "&") + "&per_page=500").content.decode()
        rows = len(DATA_COURT.findall(listed))
        assert rows == int(figure) or int(figure) > 50, (url, figure, rows)


def test_staffing_page_compares_quotas_with_actual_staff(login, people):
    from personnel.models import StaffingQuota

    page = login("xy_director").get(reverse("personnel:staffing")).content.decode()
    quota = StaffingQuota.objects.get(bureau__court__code="琼0105")
    assert str(quota.headcount) in page and "?bureau=" in page
    assert set(DATA_COURT.findall(page)) == {"琼0105"}


def test_rotation_watch_flags_due_and_coming_due(login, people):
    page = login("zy_leader").get(reverse("personnel:rotation_watch"), {"status": "due"})
    content = page.content.decode()
    assert 'data-rotation="due"' in content and 'data-rotation="coming_due"' not in content


@pytest.mark.django_db
def test_a_year_the_database_cannot_hold_is_a_400_naming_the_field(org, login):
    """Found by the API fuzz: ?year=0 reached the database as year 0 and gave a 500."""
    client = login("zy_leader")
    for url in ("/api/v1/trainings/", "/api/v1/seminars/", "/api/v1/research-outputs/"):
        response = client.get(url, {"year": 0})
        assert response.status_code == 400, (url, response.status_code)
        assert "year" in response.json()
    assert client.get("/api/v1/trainings/", {"year": 2026}).status_code == 200
