"""Moving cases between courts (DOMAIN.md §3): requests, refusals, the approval
that moves the case once (also under a real race), the ledger on both sides, who
sees what before and after, the API, and the suggestions with their decisions."""

from __future__ import annotations

import datetime as dt
import re
import threading
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from guardian.models import UserObjectPermission

from cases.choices import LedgerEntryKind
from cases.models import (
    CaseAccount,
    DossierFile,
    EnforcementCase,
    LedgerEntry,
    Measure,
    TransferRequest,
    TransferSuggestion,
)
from cases.selectors import reconciliation
from cases.services import ledger, measures
from cases.services.dossier import add_dossier_file
from cases.services.suggestions import accept_suggestion, dismiss_suggestion, refresh_suggestions
from cases.services.transfers import decide_transfer, raise_transfer_request, record_petition
from courts.models import Court
from haikou_exec.models import Notification
from tests.cases.conftest import file_on_its_day, filing_data
from tests.conftest import english

EFFECTIVE = dt.date(2026, 11, 20)

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def court(code: str) -> Court:
    return Court.objects.get(code=code)


def media_files(tmp_path) -> list:
    root = tmp_path / "media"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def busy_case(xy_case, user):
    """The 秀英 case with funds (50,000 in, 20,000 paid out), a dossier file, an
    active seizure and a released restriction."""
    judge, director = user("xy_judge"), user("xy_director")
    ledger.record_receipt(
        user=judge,
        case_id=xy_case.pk,
        amount="50000.00",
        counterparty="海南椰城贸易有限公司",
        occurred_on=dt.date(2026, 5, 6),
        idempotency_key="bank:0001",
    )
    applicant = xy_case.parties.get(role="applicant")
    request, _created = ledger.request_disbursement(
        user=judge,
        case_id=xy_case.pk,
        amount="20000.00",
        payee_id=applicant.pk,
        payee_account="6222000011112222",
    )
    ledger.decide_disbursement(user=director, request_id=request.pk, approve=True, opinion="同意")
    add_dossier_file(
        user=judge,
        case_id=xy_case.pk,
        upload=SimpleUploadedFile("判决书.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"),
        category="title",
        title="民事判决书",
    )
    measures.add_measure(
        user=judge,
        case_id=xy_case.pk,
        kind="seizure",
        asset_type="real_estate",
        description="海口市秀英区滨海大道88号房产",
        started_on=dt.date(2026, 4, 1),
        expires_on=dt.date(2029, 3, 31),
        amount=Decimal("1800000.00"),
        reference="（2026）琼0105执1号之一",
    )
    restriction = measures.add_measure(
        user=judge,
        case_id=xy_case.pk,
        kind="consumption_restriction",
        description="限制高消费",
        started_on=dt.date(2026, 4, 2),
    )
    measures.release_measure(user=judge, measure_id=restriction.pk, released_on=dt.date(2026, 6, 1))
    xy_case.refresh_from_db()
    return xy_case


def raise_cross(user, case, to="琼0106", **extra):
    return raise_transfer_request(
        user=user("xy_director"),
        case_id=case.pk,
        kind=extra.pop("kind", "cross"),
        reason_category="local_protection",
        reason="被执行人系本区国有企业，存在地方保护风险。",
        target_court_id=court(to).pk,
        **extra,
    )


@pytest.mark.django_db
def test_a_transfer_to_the_same_court_is_refused(xy_case, user):
    with pytest.raises(ValidationError) as exc:
        raise_cross(user, xy_case, to="琼0105")
    assert "a transfer must go to another court" in str(exc.value)
    assert "target_court" in exc.value.message_dict
    assert not TransferRequest.objects.exists()


@pytest.mark.django_db
def test_a_second_open_request_for_the_same_case_is_refused(xy_case, user):
    first = raise_cross(user, xy_case)
    with pytest.raises(ValidationError) as exc:
        raise_transfer_request(
            user=user("zy_leader"),
            case_id=xy_case.pk,
            kind="elevated",
            reason_category="difficulty",
            reason="案情复杂，中院提级执行。",
        )
    assert exc.value.code == "duplicate"
    assert "already has an open transfer request" in exc.value.messages[0]
    assert list(TransferRequest.objects.values_list("pk", flat=True)) == [first.pk]
    # Once decided, a new request may be raised.
    decide_transfer(user=user("zy_leader"), request_id=first.pk, approve=False, opinion="不予准许")
    again = raise_cross(user, xy_case, kind="designated")
    assert again.status == "pending"


@pytest.mark.django_db
def test_only_leadership_or_supervision_raise_and_only_the_intermediate_bureau_decides(
    xy_case, user
):
    with pytest.raises(ValidationError):
        raise_transfer_request(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            kind="elevated",
            reason_category="difficulty",
            reason="—",
        )
    by_supervision = raise_transfer_request(
        user=user("supervisor"),
        case_id=xy_case.pk,
        kind="elevated",
        reason_category="negative_execution",
        reason="督查发现长期未采取措施。",
    )
    assert by_supervision.source == "supervision"
    assert by_supervision.target_court.code == "琼01"  # elevation goes to the intermediate court
    with pytest.raises(ValidationError) as exc:
        decide_transfer(
            user=user("xy_director"), request_id=by_supervision.pk, approve=True, opinion="同意"
        )
    assert "intermediate bureau's leadership" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        decide_transfer(
            user=user("zy_leader"), request_id=by_supervision.pk, approve=True, opinion=" "
        )
    assert "opinion" in exc.value.message_dict


@pytest.mark.django_db
def test_approval_moves_the_case_with_parties_dossier_measures_and_balance(
    busy_case, user, tmp_path
):
    from django.contrib.auth import get_user_model

    from courts.models import Bureau
    from personnel.models import Officer

    original = busy_case
    lh_director = get_user_model().objects.create(username="lh_director")
    Officer.objects.create(
        user=lh_director,
        name="龙华局长",
        bureau=Bureau.objects.get(court__code="琼0106", kind="enforcement"),
        role="director",
        badge_number="T00001",
    )
    files_before = media_files(tmp_path)
    request = raise_cross(user, original)
    decided = decide_transfer(
        user=user("zy_leader"),
        request_id=request.pk,
        approve=True,
        opinion="同意交叉执行，由龙华区人民法院执行。",
        effective_on=EFFECTIVE,
    )

    original.refresh_from_db()
    new = decided.new_case
    assert decided.status == "approved" and decided.decided_by.username == "zy_leader"
    # The original closes as 终结执行 (transferred).
    assert original.status == "closed"
    assert (original.closing_type, original.termination_reason) == ("terminated", "transferred")
    assert original.closed_on == EFFECTIVE and new.case_number in original.closing_note
    # The receiving court files in its own sequence, linked back.
    assert new.case_number == "（2026）琼0106执1号" and new.court.code == "琼0106"
    assert new.origin_case_id == original.pk and new.filed_on == EFFECTIVE
    assert (new.title_issuer, new.title_document_number, new.title_effective_on) == (
        original.title_issuer,
        original.title_document_number,
        original.title_effective_on,
    )
    assert new.amount_claimed == original.amount_claimed - Decimal("50000.00")
    assert sorted(new.parties.values_list("role", "name", "id_number")) == sorted(
        original.parties.values_list("role", "name", "id_number")
    )
    # The dossier is linked, not uploaded again: same stored file, no new file on disk.
    # (The released restriction left its 解除限制消费令 in the dossier too.)
    assert DossierFile.objects.filter(case=new).count() == 2
    old_file = DossierFile.objects.get(case=original, category="title")
    new_file = DossierFile.objects.get(case=new, category="title")
    assert (new_file.file.name, new_file.sha256, new_file.title) == (
        old_file.file.name,
        old_file.sha256,
        old_file.title,
    )
    assert media_files(tmp_path) == files_before
    # Open measures carry over with their terms; the old ones are released with a note.
    carried = Measure.objects.get(case=new)
    assert (carried.kind, carried.status, carried.expires_on, carried.amount) == (
        "seizure",
        "active",
        dt.date(2029, 3, 31),
        Decimal("1800000.00"),
    )
    seizure = Measure.objects.get(case=original, kind="seizure")
    assert seizure.status == "released" and seizure.ended_on == EFFECTIVE
    assert new.case_number in seizure.description
    assert not Measure.objects.filter(case=new, kind="consumption_restriction").exists()
    assert decided.carried_over["measures"] == [[seizure.pk, carried.pk]]
    # The original court keeps read access by a per-object grant.
    granted = set(
        UserObjectPermission.objects.filter(
            object_pk=str(original.pk), permission__codename="view_enforcementcase"
        ).values_list("user__username", flat=True)
    )
    assert {"xy_judge", "xy_assistant", "xy_clerk", "xy_director"} <= granted
    # Both courts' leadership is told: the original side of the decision, the
    # receiving side of the new case (linked to it); the intermediate bureau was
    # told of the request.
    told = set(
        Notification.objects.filter(
            dedup_key__startswith=f"transfer-request:{request.pk}:"
        ).values_list("recipient__username", "dedup_key", "link")
    )
    assert (
        "xy_director",
        f"transfer-request:{request.pk}:decided",
        request.get_absolute_url(),
    ) in told
    assert (
        "xy_judge",
        f"transfer-request:{request.pk}:decided",
        request.get_absolute_url(),
    ) in told
    assert (
        "lh_director",
        f"transfer-request:{request.pk}:received",
        new.get_absolute_url(),
    ) in told
    assert (
        "zy_leader",
        f"transfer-request:{request.pk}:raised",
        request.get_absolute_url(),
    ) in told


@pytest.mark.django_db
def test_ledger_balances_on_both_sides_after_a_transfer(busy_case, user):
    original = busy_case
    assert CaseAccount.objects.get(case=original).balance == Decimal("30000.00")
    request = raise_cross(user, original)
    decided = decide_transfer(
        user=user("zy_leader"),
        request_id=request.pk,
        approve=True,
        opinion="同意",
        effective_on=EFFECTIVE,
    )
    new = decided.new_case
    old_account = CaseAccount.objects.get(case=original)
    new_account = CaseAccount.objects.get(case=new)
    assert old_account.balance == 0 and new_account.balance == Decimal("30000.00")
    out = LedgerEntry.objects.get(account=old_account, kind=LedgerEntryKind.TRANSFER_OUT)
    into = LedgerEntry.objects.get(account=new_account, kind=LedgerEntryKind.TRANSFER_IN)
    # A pair of entries that sum to zero, pointing at each other's case.
    assert out.signed_amount + into.signed_amount == 0
    assert into.related_entry_id == out.pk
    assert (out.counterparty, into.counterparty) == (new.case_number, original.case_number)
    # Each account's entries add up to its balance.
    for account in (old_account, new_account):
        assert sum(e.signed_amount for e in account.entries.all()) == account.balance
    # The money recovered stays counted on the original; the new case starts at zero.
    original.refresh_from_db()
    new.refresh_from_db()
    assert original.amount_recovered == Decimal("50000.00") and new.amount_recovered == 0
    # Each court's ledger still reconciles with its accounts.
    rows = {r["court"].code: r for r in reconciliation()}
    assert rows["琼0105"]["matches"] and rows["琼0106"]["matches"]
    assert rows["琼0105"]["transfer_out"] == rows["琼0106"]["transfer_in"] == Decimal("30000.00")


@pytest.mark.django_db
def test_who_sees_what_before_and_after_a_transfer(busy_case, user, login):
    original = busy_case
    case_page = lambda c: reverse("cases:case_detail", kwargs={"pk": c.pk})  # noqa: E731
    case_api = lambda c: f"/api/v1/cases/{c.pk}/"  # noqa: E731
    xy, lh, qs = login("xy_judge"), login("lh_judge"), login("qs_judge")
    assert xy.get(case_page(original)).status_code == 200
    assert lh.get(case_page(original)).status_code == 404
    assert qs.get(case_api(original)).status_code == 404

    request = raise_cross(user, original)
    transfer_api = f"/api/v1/transfers/{request.pk}/"
    assert xy.get(transfer_api).json()["court"] == "琼0105"
    assert lh.get(transfer_api).status_code == 404
    decide_transfer(
        user=user("zy_leader"),
        request_id=request.pk,
        approve=True,
        opinion="同意",
        effective_on=EFFECTIVE,
    )
    new = EnforcementCase.objects.get(origin_case=original)

    # 秀英's judge: the original, read-only; not the new case.
    page = xy.get(case_page(original))
    assert page.status_code == 200
    assert 'id="case-actions"' not in page.content.decode()
    refused = english(xy).post(
        reverse("cases:measure_add", kwargs={"case_id": original.pk}),
        {"kind": "search", "description": "搜查", "started_on": "2026-11-25"},
    )
    assert "is closed; nothing can be changed" in refused.content.decode()
    assert xy.get(case_api(original)).json()["status"] == "closed"
    assert xy.get(case_page(new)).status_code == 404
    assert xy.get(case_api(new)).status_code == 404
    assert new.case_number not in [
        r["case_number"] for r in xy.get("/api/v1/cases/").json()["results"]
    ]
    # 龙华's judge: only the new case, which says where it came from.
    new_page = lh.get(case_page(new))
    assert new_page.status_code == 200
    assert original.case_number in new_page.content.decode()
    # The receiving court sees how the case arrived: kind, original court, the opinion.
    arrived = re.search(r'<p id="arrived-by-transfer">(.*?)</p>', new_page.content.decode(), re.S)
    assert arrived and "交叉执行" in arrived.group(1) and "同意" in arrived.group(1)
    assert "秀英" in arrived.group(1)
    # The original court's page lists the request and the new case number.
    panel = xy.get(case_page(original)).content.decode()
    assert 'id="transfer-requests"' in panel and new.case_number in panel
    assert lh.get(case_api(new)).json()["origin_case"] == original.case_number
    assert lh.get(case_page(original)).status_code == 404
    assert lh.get(case_api(original)).status_code == 404
    assert lh.get(transfer_api).status_code == 404
    # Anyone else: neither.
    for c in (original, new):
        assert qs.get(case_page(c)).status_code == 404
        assert qs.get(case_api(c)).status_code == 404
    assert qs.get(reverse("cases:transfer_detail", kwargs={"pk": request.pk})).status_code == 404
    # City-wide leadership sees the chain from both ends.
    leader = login("zy_leader")
    detail = leader.get(
        reverse("cases:transfer_detail", kwargs={"pk": request.pk})
    ).content.decode()
    assert original.case_number in detail and new.case_number in detail


@pytest.mark.django_db
def test_pages_raise_and_decide_and_a_second_decision_changes_nothing(xy_case, login):
    director = login("xy_director")
    response = director.post(
        reverse("cases:transfer_create"),
        {
            "case_number": xy_case.case_number.replace("（", "(").replace("）", ")"),
            "kind": "cross",
            "target_court": court("琼0106").pk,
            "reason_category": "conflict_of_interest",
            "reason": "承办法院与被执行人存在利害关系。",
        },
    )
    request = TransferRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert request.source == "district" and request.reason_category == "conflict_of_interest"
    same = english(director).post(
        reverse("cases:case_transfer", kwargs={"case_id": xy_case.pk}),
        {
            "kind": "designated",
            "target_court": court("琼0105").pk,
            "reason_category": "other",
            "reason": "—",
        },
    )
    assert (
        same.status_code == 200 and "a transfer must go to another court" in same.content.decode()
    )

    leader = login("zy_leader")
    decide_url = reverse("cases:transfer_decide", kwargs={"pk": request.pk})
    form = {"approve": "1", "opinion": "同意交叉执行。", "effective_on": "2026-11-20"}
    assert leader.post(decide_url, form).status_code == 302
    # A double submit returns the first decision; another decision is refused.
    assert leader.post(decide_url, form).status_code == 302
    refuse = {"approve": "0", "opinion": "不同意。", "effective_on": "2026-11-20"}
    again = english(leader).post(decide_url, refuse, follow=True)
    assert "already decided" in again.content.decode()
    assert EnforcementCase.objects.filter(origin_case=xy_case).count() == 1
    assert LedgerEntry.objects.filter(kind="transfer_in").count() == 0  # no balance to move
    listing = leader.get(reverse("cases:transfer_list")).content.decode()
    assert 'data-court="琼0105"' in listing


@pytest.mark.django_db
def test_api_lists_raises_and_decides_transfers(xy_case, login):
    director = login("xy_director")
    body = {
        "case_number": xy_case.case_number,
        "kind": "cross",
        "target_court": "琼0108",
        "reason_category": "local_protection",
        "reason": "地方保护。",
    }
    created = director.post("/api/v1/transfers/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    row = created.json()
    assert (row["court"], row["case"], row["target_court"], row["status"]) == (
        "琼0105",
        xy_case.case_number,
        "琼0108",
        "pending",
    )
    again = director.post("/api/v1/transfers/", body, content_type="application/json")
    assert again.status_code == 409
    same = director.post(
        "/api/v1/transfers/", {**body, "target_court": "琼0105"}, content_type="application/json"
    )
    assert same.status_code == 400 and "target_court" in same.json()

    leader = login("zy_leader")
    decide = f"/api/v1/transfers/{row['id']}/decide/"
    refused = director.post(
        decide, {"approve": True, "opinion": "x"}, content_type="application/json"
    )
    assert refused.status_code == 400
    approved = leader.post(
        decide, {"approve": True, "opinion": "同意。"}, content_type="application/json"
    )
    # The new case is filed on the day of the decision and numbered in its year.
    assert approved.status_code == 200, approved.content
    decided = TransferRequest.objects.get(pk=row["id"])
    new_case = EnforcementCase.objects.get(case_number=approved.json()["new_case"])
    assert new_case.filed_on == timezone.localtime(decided.decided_at).date()
    assert new_case.case_number.startswith(f"（{new_case.filed_on.year}）琼0108执")
    # The same decision again (a retried call) returns the first; another is a conflict.
    repeat = leader.post(
        decide, {"approve": True, "opinion": "同意。"}, content_type="application/json"
    )
    assert repeat.status_code == 200 and repeat.json()["new_case"] == decided.new_case.case_number
    assert (
        leader.post(
            decide, {"approve": False, "opinion": "不同意。"}, content_type="application/json"
        ).status_code
        == 409
    )
    rows = leader.get("/api/v1/transfers/", {"status": "approved"}).json()["results"]
    assert [r["id"] for r in rows] == [row["id"]] and all(r["court"] for r in rows)
    assert login("ml_judge").get(f"/api/v1/transfers/{row['id']}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_transfer_request_sent_in_parallel_with_one_key_is_raised_once(xy_case, user):
    """Issue 15 item 6: an API client retrying (or a double click on the form) sends
    the same key; parallel sends make one request and every answer names it."""
    from rest_framework.test import APIClient

    director = user("xy_director")
    body = {
        "case_number": xy_case.case_number,
        "kind": "cross",
        "target_court": "琼0108",
        "reason_category": "local_protection",
        "reason": "地方保护。",
        "idempotency_key": "client-retry-7f3a",
    }
    barrier = threading.Barrier(4)
    answers: list[tuple[int, int | None]] = []

    def send():
        client = APIClient()
        client.force_authenticate(director)
        try:
            barrier.wait(timeout=10)
            response = client.post("/api/v1/transfers/", body, format="json")
            answers.append((response.status_code, response.json().get("id")))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert TransferRequest.objects.count() == 1
    first = TransferRequest.objects.get()
    assert sorted(code for code, _ in answers) == [200, 200, 200, 201], answers
    assert {pk for _, pk in answers} == {first.pk}
    # The key is the client's own: another user sending it does not get the first
    # request back but the ordinary "already open" conflict, as with a new key.
    other = APIClient()
    other.force_authenticate(user("zy_leader"))
    reused = other.post("/api/v1/transfers/", body, format="json")
    assert reused.status_code == 409, reused.content
    fresh = other.post("/api/v1/transfers/", {**body, "idempotency_key": "another"}, format="json")
    assert fresh.status_code == 409 and TransferRequest.objects.count() == 1


@pytest.mark.django_db
def test_the_transfer_form_sent_twice_raises_one_request(xy_case, login):
    director = login("xy_director")
    page = director.get(reverse("cases:case_transfer", kwargs={"case_id": xy_case.pk}))
    key = re.search(r'name="form_key" value="([0-9a-f]+)"', page.content.decode()).group(1)
    data = {
        "kind": "cross",
        "target_court": court("琼0106").pk,
        "reason_category": "conflict_of_interest",
        "reason": "承办法院与被执行人存在利害关系。",
        "form_key": key,
    }
    url = reverse("cases:case_transfer", kwargs={"case_id": xy_case.pk})
    first = director.post(url, data)
    second = director.post(url, data)
    request = TransferRequest.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == request.get_absolute_url()


@pytest.mark.django_db(transaction=True)
def test_two_approvals_racing_take_effect_once(org, user):
    """A double click, or two leaders at once, on real PostgreSQL: the request row
    is locked, so exactly one approval moves the case."""
    from cases.services.assignment import assign_case
    from personnel.models import Team

    case = file_on_its_day(user("xy_judge"), filing_data())
    team = Team.objects.get(memberships__officer__user__username="xy_judge")
    assign_case(user=user("xy_director"), case_id=case.pk, team_id=team.pk, reason="分案")
    ledger.record_receipt(
        user=user("xy_judge"),
        case_id=case.pk,
        amount="12345.67",
        counterparty="海南椰城贸易有限公司",
        occurred_on=dt.date(2026, 6, 1),
        idempotency_key="bank:race",
    )
    request = raise_cross(user, case)
    leader = user("zy_leader")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve():
        try:
            barrier.wait(timeout=10)
            decide_transfer(
                user=leader,
                request_id=request.pk,
                approve=True,
                opinion="同意",
                effective_on=EFFECTIVE,
            )
            outcomes.append("approved")
        except ValidationError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    # The same leader's second click gets the first decision back; one effect.
    assert outcomes == ["approved", "approved"], outcomes
    assert EnforcementCase.objects.filter(origin_case=case).count() == 1
    assert LedgerEntry.objects.filter(kind="transfer_out").count() == 1
    assert LedgerEntry.objects.filter(kind="transfer_in").count() == 1
    assert CaseAccount.objects.get(case__origin_case=case).balance == Decimal("12345.67")
    assert CaseAccount.objects.get(case=case).balance == 0


# Suggestions ---------------------------------------------------------------------


@pytest.fixture
def candidates(org, user):
    """秀英: a case against a 秀英 district government body; 龙华: a long-pending
    high-value case; 美兰: a case with repeated petitions; one ordinary case."""
    from cases.services.parties import PartyData

    local = filing_data(seed=11)
    local.parties[1] = PartyData(
        role="respondent",
        kind="legal",
        name="海口市秀英区某街道办事处",
        nature="government",
        district="秀英区",
    )
    local.filed_on = dt.date(2026, 11, 24)
    local_case = file_on_its_day(user("xy_judge"), local)
    old = filing_data(
        seed=12, court_id=court("琼0106").pk, amount="2500000.00", filed_on=dt.date(2025, 6, 2)
    )
    old.title_effective_on = dt.date(2025, 3, 1)
    old_case = file_on_its_day(user("zy_leader"), old)
    petitioned = file_on_its_day(
        user("zy_leader"),
        filing_data(seed=13, court_id=court("琼0108").pk, filed_on=dt.date(2026, 11, 20)),
    )
    for day in (21, 24):
        record_petition(
            user=user("zy_leader"),
            case_id=petitioned.pk,
            received_on=dt.date(2026, 11, day),
            petitioner="王海生",
            summary="反映执行迟缓。",
        )
    ordinary = file_on_its_day(
        user("xy_judge"), filing_data(seed=14, filed_on=dt.date(2026, 11, 25))
    )
    return {"local": local_case, "old": old_case, "petitioned": petitioned, "ordinary": ordinary}


@pytest.mark.django_db
def test_suggestions_are_proposed_with_their_reasons_and_refresh_is_idempotent(candidates, login):
    counts = refresh_suggestions(today=dt.date(2026, 11, 27))
    found = {(s.case_id, s.kind): s for s in TransferSuggestion.objects.select_related("case")}
    local = found[(candidates["local"].pk, "cross")]
    assert local.reason_codes == ["local_respondent"]
    assert (
        "海口市秀英区某街道办事处" in local.reason_labels[0] and "秀英区" in local.reason_labels[0]
    )
    old = found[(candidates["old"].pk, "elevated")]
    assert {"long_pending_high_value", "overdue_nodes"} <= set(old.reason_codes)
    assert "2,500,000.00" in " ".join(old.reason_labels)
    petitioned = found[(candidates["petitioned"].pk, "elevated")]
    assert petitioned.reason_codes == ["repeated_petitions"]
    assert not any(case_id == candidates["ordinary"].pk for case_id, _ in found)
    assert counts["proposed"] == len(found) == 3

    assert refresh_suggestions(today=dt.date(2026, 11, 27)) == {
        "proposed": 0,
        "updated": 0,
        "lapsed": 0,
    }
    page = english(login("zy_leader")).get(reverse("cases:suggestion_list"))
    assert (
        "Repeated petitions" in page.content.decode()
        and page.content.decode().count("data-court") == 3
    )
    # A district judge does not see suggestions.
    assert (
        "data-court" not in login("xy_judge").get(reverse("cases:suggestion_list")).content.decode()
    )


@pytest.mark.django_db
def test_leadership_accepts_or_dismisses_and_the_decision_is_kept(candidates, user, login):
    from cases.services.transfers import decide_transfer as decide

    refresh_suggestions(today=dt.date(2026, 11, 27))
    local = TransferSuggestion.objects.get(case=candidates["local"])
    old = TransferSuggestion.objects.get(case=candidates["old"])
    petitioned = TransferSuggestion.objects.get(case=candidates["petitioned"])

    with pytest.raises(ValidationError) as exc:
        dismiss_suggestion(user=user("zy_leader"), suggestion_id=old.pk, reason="  ")
    assert "reason" in exc.value.message_dict
    dismiss_suggestion(
        user=user("zy_leader"), suggestion_id=old.pk, reason="龙华法院已有效推进，暂不提级。"
    )
    # 秀英's director may decide for a 秀英 case: a cross request to a named court.
    with pytest.raises(ValidationError):
        accept_suggestion(user=user("xy_director"), suggestion_id=local.pk, reason="同意")
    accepted = accept_suggestion(
        user=user("xy_director"),
        suggestion_id=local.pk,
        reason="同意，建议交叉执行。",
        target_court_id=court("琼0107").pk,
    )
    request = accepted.transfer_request
    assert (request.kind, request.reason_category, request.target_court.code, request.source) == (
        "cross",
        "local_protection",
        "琼0107",
        "district",
    )
    assert "海口市秀英区某街道办事处" in request.reason
    with pytest.raises(ValidationError) as exc:
        dismiss_suggestion(user=user("zy_leader"), suggestion_id=local.pk, reason="x")
    assert exc.value.code == "decided"
    # The page: 秀英's director cannot see 美兰's suggestion.
    assert (
        login("xy_director")
        .get(reverse("cases:suggestion_detail", kwargs={"pk": petitioned.pk}))
        .status_code
        == 404
    )

    # Decisions survive the nightly refresh; what no longer applies lapses.
    decide(
        user=user("zy_leader"),
        request_id=request.pk,
        approve=True,
        opinion="同意",
        effective_on=dt.date(2026, 11, 26),
    )
    refresh_suggestions(today=dt.date(2026, 11, 27))
    old.refresh_from_db()
    local.refresh_from_db()
    assert (old.status, old.decision_reason, old.decided_by.username) == (
        "dismissed",
        "龙华法院已有效推进，暂不提级。",
        "zy_leader",
    )
    assert local.status == "accepted" and local.transfer_request_id == request.pk
    assert TransferSuggestion.objects.filter(case=candidates["old"]).count() == 1
    petitioned.refresh_from_db()
    assert petitioned.status == "open"
    from cases.services.closing import close_case

    close_case(
        user=user("zy_leader"),
        case_id=candidates["petitioned"].pk,
        closing_type="cancelled",
        closed_on=dt.date(2026, 11, 26),
    )
    refresh_suggestions(today=dt.date(2026, 11, 27))
    petitioned.refresh_from_db()
    assert petitioned.status == "lapsed"


@pytest.mark.django_db
def test_the_nightly_refresh_is_a_declared_periodic_task(candidates):
    from cases.tasks import refresh_transfer_suggestions
    from command_center.schedules import declared_periodic_tasks

    assert "cases.tasks.refresh_transfer_suggestions" in {
        t["task"] for t in declared_periodic_tasks()
    }
    # The task reads today's date itself: the clock is set to the fixture's day, so
    # the thresholds (months pending) are the same whatever day the suite runs.
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, tzinfo=SHANGHAI), tick=False):
        result = refresh_transfer_suggestions.apply().get()
    assert result["proposed"] == 3


def _queries(client, url, **params) -> int:
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # warm up: session and per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_transfer_and_suggestion_pages_use_a_constant_number_of_queries(org, user, login):

    def add(n, start):
        for seed in range(start, start + n):
            case = file_on_its_day(user("xy_judge"), filing_data(seed=seed))
            raise_cross(user, case)
        refresh_suggestions(today=dt.date(2026, 11, 27))

    leader = login("zy_leader")
    add(2, 100)
    first = TransferRequest.objects.order_by("pk").first()
    small = [
        _queries(leader, reverse("cases:transfer_list")),
        _queries(leader, "/api/v1/transfers/"),
        _queries(leader, reverse("cases:suggestion_list")),
    ]
    small_detail = _queries(leader, first.get_absolute_url())
    add(6, 200)
    big = [
        _queries(leader, reverse("cases:transfer_list")),
        _queries(leader, "/api/v1/transfers/"),
        _queries(leader, reverse("cases:suggestion_list")),
    ]
    assert big == small and max(big) <= 12, (small, big)
    last = TransferRequest.objects.order_by("pk").last()
    assert _queries(leader, last.get_absolute_url()) == small_detail <= 25


@pytest.mark.django_db
def test_case_panel_offers_the_transfer_and_petition_forms(xy_case, user, login):
    from django.template import Context, Template
    from django.test import RequestFactory

    director = login("xy_director")
    response = director.post(
        reverse("cases:petition_add", kwargs={"case_id": xy_case.pk}),
        {"received_on": "2026-11-25", "petitioner": "王海生", "summary": "反映被执行人转移财产。"},
    )
    assert response.status_code == 302
    assert xy_case.petitions.get().petitioner == "王海生"
    assert xy_case.nodes.filter(definition__code="petition_registration").exists()
    assert (
        login("lh_judge")
        .get(reverse("cases:petition_add", kwargs={"case_id": xy_case.pk}))
        .status_code
        == 404
    )

    def panel(username):
        request = RequestFactory().get("/")
        request.user = user(username)
        template = Template("{% load cases_transfers %}{% case_transfers_panel case %}")
        return template.render(Context({"request": request, "case": xy_case}))

    html = panel("xy_director")
    assert 'id="request-transfer"' in html and "反映被执行人转移财产" in html
    assert 'id="request-transfer"' not in panel("xy_judge")  # a judge does not raise transfers
