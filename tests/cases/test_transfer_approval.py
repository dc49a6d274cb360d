"""Approving a move of a case between courts (DOMAIN.md §3): the approval that
moves the case with its parties, dossier, measures and balance once (also under a
real race), the ledger on both sides, and who sees what before and after."""

from __future__ import annotations

import datetime as dt
import re
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from guardian.models import UserObjectPermission

from cases.choices import LedgerEntryKind
from cases.models import CaseAccount, DossierFile, EnforcementCase, LedgerEntry, Measure
from cases.selectors import reconciliation
from cases.services import ledger, measures
from cases.services.dossier import add_dossier_file
from cases.services.transfers import decide_transfer
from haikou_exec.models import Notification
from tests.cases.conftest import file_on_its_day, filing_data
from tests.cases.helpers import _media_root as _media_root  # noqa: F401 (fixture)
from tests.cases.helpers import raise_cross
from tests.conftest import english

EFFECTIVE = dt.date(2026, 11, 20)


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
