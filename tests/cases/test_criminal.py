"""Criminal property judgments and 刑更 (DOMAIN.md §4): intake routed to the
criminal enforcement bureau whichever court judged, the 7-day filing limit and
6-month term, receipts allocated in the legal order, and the certificate of
performance status (its PDF's text) with the "able but not paying" facts."""

from __future__ import annotations

import datetime as dt
import random
import re
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.choices import CriminalItemKind
from cases.models import (
    CaseNode,
    CommutationLink,
    CriminalJudgment,
    CriminalJudgmentItem,
    DossierFile,
    PerformanceCertificate,
    ReceiptAllocation,
)
from cases.reference_data_criminal import seed_criminal_reference_data
from cases.services import ledger, measures
from cases.services.assignment import assign_case
from cases.services.criminal import (
    CommutationData,
    ItemData,
    TransferFormData,
    allocate_receipts,
    file_criminal_judgment,
    generate_certificate,
    link_case_by_hand,
    open_commutation_review,
    plan_allocation,
    receive_transfer_form,
    record_ability_fact,
    record_criminal_receipt,
)
from courts.models import Bureau, Court
from haikou_exec.identifiers import make_resident_id
from tests.conftest import english, require_tool

CONVICT_ID = make_resident_id(random.Random(2024))
ORDER = CriminalItemKind.payment_order()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def criminal(org, user):
    """The criminal enforcement bureau's node definitions and a team around xs_judge."""
    from personnel.models import Officer, Team, TeamMembership

    seed_criminal_reference_data()  # a transactional test's flush wipes migration rows
    bureau = Bureau.objects.get(kind="criminal_enforcement")
    team = Team.objects.create(name="刑事执行一组（陈志强）", bureau=bureau)
    TeamMembership.objects.create(
        team=team,
        officer=Officer.objects.get(user__username="xs_judge"),
        role="judge",
        started_on=dt.date(2026, 1, 1),
    )
    return team


def court(code: str) -> Court:
    return Court.objects.get(code=code)


def form(
    *, judged_by="琼0106", number="（2026）琼0106刑初88号", received_on, convict_id=CONVICT_ID
):
    return TransferFormData(
        judging_court_id=court(judged_by).pk,
        judgment_number=number,
        judgment_effective_on=dt.date(2026, 10, 9),
        convict_name="符某强",
        convict_id_number=convict_id,
        convict_prison="海南省美兰监狱",
        crime="诈骗罪",
        received_on=received_on,
        items=[
            ItemData(CriminalItemKind.FINE, Decimal("20000.00")),
            ItemData(CriminalItemKind.CONFISCATION, Decimal("50000.00")),
            ItemData(CriminalItemKind.RESTITUTION, Decimal("20000.00"), "李阿婆"),
            ItemData(CriminalItemKind.RESTITUTION, Decimal("10000.00"), "陈先生"),
            ItemData(CriminalItemKind.MEDICAL_COSTS, Decimal("10000.00"), "李阿婆"),
            ItemData(CriminalItemKind.CIVIL_DEBT, Decimal("5000.00"), "海口某小额贷款公司"),
            ItemData(CriminalItemKind.ILLICIT_PROPERTY, Decimal("8000.00"), "", "赃款"),
        ],
    )


def assign_to_team(case, team, user):
    assign_case(user=user("zy_leader"), case_id=case.pk, team_id=team.pk, reason="刑事执行局分案")


@pytest.mark.django_db
def test_intake_files_to_the_criminal_bureau_whichever_court_judged(criminal, user, login):
    judgment = receive_transfer_form(
        user=user("xs_judge"),
        data=form(received_on=dt.date(2026, 11, 16)),
        filed_on=dt.date(2026, 11, 20),
    )
    case = judgment.case
    assert judgment.status == "filed"
    assert (case.court.code, case.bureau.kind, case.is_criminal_property) == (
        "琼01",
        "criminal_enforcement",
        True,
    )
    assert case.case_number == "（2026）琼01执1号" and case.origin == "criminal_property"
    assert case.title_issuer == "海口市龙华区人民法院"
    assert case.amount_claimed == Decimal("123000.00")
    roles = sorted(case.parties.values_list("role", "name"))
    assert ("respondent", "符某强") in roles
    assert {("applicant", "李阿婆"), ("applicant", "陈先生")} <= set(roles)
    # The 7-day filing limit counts from the form's receipt; the 6-month term from filing.
    filing = CaseNode.objects.get(case=case, definition__code="criminal_filing")
    assert (filing.triggered_on, filing.due_on, filing.status, filing.completed_on) == (
        dt.date(2026, 11, 16),
        dt.date(2026, 11, 23),
        "done",
        dt.date(2026, 11, 20),
    )
    assert CaseNode.objects.get(case=case, definition__code="closing").due_on == dt.date(
        2027, 5, 20
    )
    # Victims become parties the items point at (payees of disbursements).
    item = CriminalJudgmentItem.objects.get(judgment=judgment, kind="medical_costs")
    assert item.beneficiary.name == "李阿婆" and item.beneficiary.case_id == case.pk

    # A judgment of 美兰 goes to the same bureau, in the same sequence.
    other = receive_transfer_form(
        user=user("xs_judge"),
        data=form(
            judged_by="琼0108", number="（2026）琼0108刑初5号", received_on=dt.date(2026, 11, 20)
        ),
        filed_on=dt.date(2026, 11, 20),
    )
    assert other.case.case_number == "（2026）琼01执2号" and other.case.court.code == "琼01"

    # Only the criminal enforcement bureau receives forms; the same form twice is refused.
    with pytest.raises(ValidationError):
        receive_transfer_form(
            user=user("lh_judge"),
            data=form(number="（2026）琼0106刑初1号", received_on=dt.date(2026, 11, 20)),
        )
    with pytest.raises(ValidationError) as exc:
        receive_transfer_form(user=user("xs_judge"), data=form(received_on=dt.date(2026, 11, 20)))
    assert "already received" in exc.value.messages[0]

    # Who sees it: the criminal bureau, the intermediate court; not a district judge.
    url = reverse("cases:criminal_judgment_detail", kwargs={"pk": judgment.pk})
    assert login("xs_judge").get(url).status_code == 200
    assert login("zy_leader").get(url).status_code == 200
    assert login("lh_judge").get(url).status_code == 404
    assert login("lh_judge").get(case.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_form_waiting_to_be_filed_shows_its_limit_and_late_filing_is_recorded(
    criminal, user, login
):
    judgment = receive_transfer_form(
        user=user("xs_judge"), data=form(received_on=dt.date(2026, 11, 10)), file_now=False
    )
    assert judgment.status == "received" and judgment.case is None
    client = login("xs_judge")
    listing = client.get(reverse("cases:criminal_judgment_list"), {"status": "received"})
    assert judgment.judgment_number in listing.content.decode()
    assert 'data-court="琼01"' in listing.content.decode()
    detail = client.get(judgment.get_absolute_url()).content.decode()
    assert "2026年11月17日" in detail and "text-bg-danger" in detail  # overdue
    response = client.post(
        reverse("cases:criminal_file", kwargs={"pk": judgment.pk}), {"filed_on": "2026-11-26"}
    )
    assert response.status_code == 302
    judgment.refresh_from_db()
    node = CaseNode.objects.get(case=judgment.case, definition__code="criminal_filing")
    assert node.due_on == dt.date(2026, 11, 17) and node.completed_on == dt.date(2026, 11, 26)
    assert "text-bg-danger" in client.get(judgment.get_absolute_url()).content.decode()  # late
    with pytest.raises(ValidationError):
        file_criminal_judgment(
            user=user("xs_judge"), judgment_id=judgment.pk, filed_on=dt.date(2026, 11, 26)
        )


def _items(**amounts) -> list[CriminalJudgmentItem]:
    """Unsaved items: kind → amount or [amounts] (several victims)."""
    items, pk = [], 0
    for kind, value in amounts.items():
        for amount in value if isinstance(value, list) else [value]:
            pk += 1
            items.append(
                CriminalJudgmentItem(pk=pk, kind=kind, amount=Decimal(amount), paid=Decimal("0"))
            )
    return items


def _pay(items, amount) -> Decimal:
    plan, rest = plan_allocation(Decimal(amount), items)
    for item, share in plan:
        item.paid += share
    return rest


def _assert_legal_order(items) -> None:
    """No class is paid anything while an earlier class is still owed."""
    for index, kind in enumerate(ORDER):
        if any(i.paid > 0 for i in items if i.kind == kind):
            for earlier in ORDER[:index]:
                assert all(i.paid == i.amount for i in items if i.kind == earlier), (kind, earlier)


def test_allocation_pays_each_class_in_full_before_the_next():
    items = _items(
        fine="20000",
        confiscation="50000",
        restitution=["20000", "10000"],
        medical_costs="10000",
        civil_debt="5000",
        illicit_property="8000",
    )
    by = lambda kind: [i.paid for i in items if i.kind == kind]  # noqa: E731
    assert _pay(items, "25000.00") == 0
    # Medical costs first, in full; the victims share the rest pro rata; nothing later.
    assert by("medical_costs") == [Decimal("10000")]
    assert by("restitution") == [Decimal("10000.00"), Decimal("5000.00")]
    assert by("civil_debt") == by("fine") == by("confiscation") == [0]
    _assert_legal_order(items)
    assert _pay(items, "30000.00") == 0
    assert by("restitution") == [Decimal("20000"), Decimal("10000")]
    assert by("civil_debt") == [Decimal("5000")] and by("fine") == [Decimal("10000")]
    assert by("confiscation") == [0]
    _assert_legal_order(items)
    # More than everything owed: the rest is left over (to be refunded), never to
    # the illicit money and goods, which are recovered as such.
    assert _pay(items, "100000.00") == Decimal("40000.00")
    assert by("confiscation") == [Decimal("50000")] and by("illicit_property") == [0]


def test_allocation_order_holds_for_any_sequence_of_receipts():
    rng = random.Random(5)
    for _round in range(40):
        items = _items(
            fine=str(rng.randint(1, 9) * 1000),
            confiscation=str(rng.randint(1, 9) * 1000),
            restitution=[f"{rng.randint(100, 99999)}.{rng.randint(0, 99):02d}" for _ in range(3)],
            medical_costs=f"{rng.randint(1, 5000)}.01",
            civil_debt=str(rng.randint(1, 9) * 100),
        )
        total = sum(i.amount for i in items)
        paid_in = Decimal("0")
        while paid_in < total:
            amount = Decimal(rng.randint(1, 40000)) / 100
            rest = _pay(items, amount)
            paid_in += amount
            _assert_legal_order(items)
            assert all(0 <= i.paid <= i.amount for i in items)
            assert sum(i.paid for i in items) == min(paid_in, total)
            assert rest == max(paid_in - total, 0) - max(paid_in - amount - total, 0)


@pytest.mark.django_db
def test_receipts_are_allocated_in_the_legal_order_once(criminal, user, login):
    judgment = receive_transfer_form(
        user=user("xs_judge"),
        data=form(received_on=dt.date(2026, 11, 16)),
        filed_on=dt.date(2026, 11, 20),
    )
    case = judgment.case
    assign_to_team(case, criminal, user)
    client = login("xs_judge")
    response = client.post(
        reverse("cases:criminal_receipt", kwargs={"case_id": case.pk}),
        {
            "amount": "25000.00",
            "counterparty": "符某强家属",
            "occurred_on": "2026-11-24",
            "form_key": "0" * 32,
        },
    )
    assert response.status_code == 302 and response["Location"] == judgment.get_absolute_url()
    paid = dict(
        CriminalJudgmentItem.objects.filter(judgment=judgment)
        .values_list("beneficiary_name", "paid")
        .filter(kind="restitution")
    )
    assert paid == {"李阿婆": Decimal("10000.00"), "陈先生": Decimal("5000.00")}
    # A receipt recorded on the ordinary funds page is allocated by the next run, once.
    ledger.record_receipt(
        user=user("xs_judge"),
        case_id=case.pk,
        amount="30000.00",
        counterparty="冻结存款划拨",
        occurred_on=dt.date(2026, 11, 25),
        idempotency_key="bank:xs-2",
    )
    assert len(allocate_receipts(case_id=case.pk)) == 4  # restitution ×2, civil debt, fine
    assert allocate_receipts(case_id=case.pk) == []
    totals = {
        kind: paid
        for kind, paid in CriminalJudgmentItem.objects.filter(judgment=judgment)
        .exclude(kind="restitution")
        .values_list("kind", "paid")
    }
    assert totals == {
        "medical_costs": Decimal("10000.00"),
        "civil_debt": Decimal("5000.00"),
        "fine": Decimal("10000.00"),
        "confiscation": Decimal("0.00"),
        "illicit_property": Decimal("0.00"),
    }
    assert sum(
        a.amount for a in ReceiptAllocation.objects.filter(item__judgment=judgment)
    ) == Decimal("55000.00")
    # The same receipt form submitted twice records and allocates once.
    entry, allocations = record_criminal_receipt(
        user=user("xs_judge"),
        case_id=case.pk,
        amount="25000.00",
        counterparty="符某强家属",
        occurred_on=dt.date(2026, 11, 24),
        idempotency_key=f"criminal-receipt-form:{case.pk}:{'0' * 32}",
    )
    assert len(allocations) == 3 and ReceiptAllocation.objects.count() == 7
    page = client.get(judgment.get_absolute_url()).content.decode()
    assert "10,000.00" in page and 'data-kind="fine"' in page


def _pdf_text(path) -> str:
    out = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return re.sub(r"\s+", "", out)


@pytest.mark.django_db
def test_commutation_review_links_cases_and_the_certificate_says_what_was_paid(
    criminal, user, login, tmp_path
):
    xs = user("xs_judge")
    judgment = receive_transfer_form(
        user=xs, data=form(received_on=dt.date(2026, 11, 2)), filed_on=dt.date(2026, 11, 3)
    )
    case = judgment.case
    assign_to_team(case, criminal, user)
    record_criminal_receipt(
        user=xs,
        case_id=case.pk,
        amount="25000.00",
        counterparty="符某强家属",
        occurred_on=dt.date(2026, 11, 10),
        idempotency_key="bank:cert-1",
    )
    measures.add_measure(
        user=xs,
        case_id=case.pk,
        kind="freeze",
        asset_type="bank_deposit",
        description="冻结符某强名下中国银行存款",
        started_on=dt.date(2026, 11, 5),
        expires_on=dt.date(2027, 11, 4),
        amount=Decimal("3200.00"),
    )
    # A second judgment whose form carried no ID number: linked by hand.
    unmatched = receive_transfer_form(
        user=xs,
        data=form(
            judged_by="琼0108",
            number="（2026）琼0108刑初9号",
            received_on=dt.date(2026, 11, 4),
            convict_id="",
        ),
        filed_on=dt.date(2026, 11, 4),
    )

    review = open_commutation_review(
        user=xs,
        data=CommutationData(
            kind="commutation",
            convict_name="符某强",
            convict_id_number=CONVICT_ID,
            prison="海南省美兰监狱",
            request_document_number="（2026）琼美狱减字第12号",
            requested_on=dt.date(2026, 11, 24),
        ),
        filed_on=dt.date(2026, 11, 25),
    )
    assert review.case.case_type == "刑更" and review.case.bureau.kind == "criminal_enforcement"
    assert review.case.case_number == "（2026）琼01刑更1号"
    assert review.certificate_due_on == dt.date(2026, 12, 1)
    node = CaseNode.objects.get(case=review.case, definition__code="commutation_certificate")
    assert (node.triggered_on, node.due_on, node.status) == (
        dt.date(2026, 11, 24),
        dt.date(2026, 12, 1),
        "open",
    )
    assert list(review.links.values_list("case_id", "method")) == [(case.pk, "id_number")]
    assign_to_team(review.case, criminal, user)
    link_case_by_hand(user=xs, review_id=review.pk, case_number=unmatched.case.case_number)
    assert CommutationLink.objects.filter(review=review).count() == 2
    with pytest.raises(ValidationError):
        record_ability_fact(
            user=xs,
            review_id=review.pk,
            kind="hidden_assets",
            description="x",
            evidence=" ",
            found_on=dt.date(2026, 11, 26),
        )
    record_ability_fact(
        user=xs,
        review_id=review.pk,
        kind="hidden_assets",
        description="判决生效后将名下海口市龙华区房产过户至其弟符某明名下",
        evidence="不动产登记中心查询记录、过户合同",
        found_on=dt.date(2026, 11, 26),
        amount=Decimal("860000.00"),
    )
    record_ability_fact(
        user=xs,
        review_id=review.pk,
        kind="excessive_spending",
        description="服刑期间月均消费超出监狱规定额度三倍",
        evidence="监狱罪犯账户消费明细",
        found_on=dt.date(2026, 11, 26),
    )

    client = login("xs_judge")
    response = client.post(
        reverse("cases:commutation_certificate", kwargs={"pk": review.pk}),
        {"issued_on": "2026-11-27"},
    )
    assert response.status_code == 302
    certificate = PerformanceCertificate.objects.select_related("dossier_file").get(review=review)
    record = certificate.dossier_file
    assert record.case_id == review.case_id and record.category == "documents"
    review.refresh_from_db()
    node.refresh_from_db()
    assert review.certificate_issued_on == dt.date(2026, 11, 27)
    assert (node.status, node.completed_on) == ("done", dt.date(2026, 11, 27))
    assert (
        certificate.summary["total_paid"] == "25000.00"
        and certificate.summary["able_but_not_paying"]
    )

    download = client.get(record.get_absolute_url())
    assert download.status_code == 200
    path = tmp_path / "certificate.pdf"
    path.write_bytes(b"".join(download.streaming_content))
    text = _pdf_text(path)
    assert "履行情况证明" in text and "海口市中级人民法院" in text
    assert "符某强" in text and "海南省美兰监狱" in text
    assert review.case.case_number in text and case.case_number in text
    assert unmatched.case.case_number in text
    # The amounts per item, from the ledger's allocation.
    assert "人身损害赔偿中的医疗费用" in text and "退赔被害人的损失" in text
    assert "李阿婆" in text and "10,000.00" in text and "5,000.00" in text
    assert "已履行人民币25,000.00元" in text
    assert "尚未履行人民币221,000.00元" in text  # 2 × 123,000 − 25,000
    assert "冻结符某强名下中国银行存款" in text  # the measures
    # The "able but not paying" facts with their evidence (法释〔2024〕5号).
    assert "隐藏、转移财产" in text and "将名下海口市龙华区房产过户至其弟符某明名下" in text
    assert "不动产登记中心查询记录" in text and "860,000.00" in text
    assert "服刑期间消费明显超出规定额度" in text and "监狱罪犯账户消费明细" in text
    assert "法释〔2024〕5号" in text

    # Outside the criminal bureau's scope the review and its file answer 404.
    other = login("lh_judge")
    assert other.get(review.get_absolute_url()).status_code == 404
    assert other.get(record.get_absolute_url()).status_code == 404
    page = client.get(review.get_absolute_url()).content.decode()
    assert "25,000.00" in page and DossierFile.objects.filter(case=review.case).count() == 1


def _queries(client, url, **params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_criminal_pages_use_a_constant_number_of_queries(criminal, user, login):
    def add(n, start):
        for k in range(start, start + n):
            judgment = receive_transfer_form(
                user=user("xs_judge"),
                data=form(number=f"（2026）琼0106刑初{k}号", received_on=dt.date(2026, 11, 16)),
            )
            open_commutation_review(
                user=user("xs_judge"),
                data=CommutationData(
                    kind="parole",
                    convict_name="符某强",
                    convict_id_number=CONVICT_ID,
                    prison="海南省美兰监狱",
                    requested_on=dt.date(2026, 11, 24),
                ),
            )
        return judgment

    client = login("xs_judge")
    add(1, 1)
    small = [
        _queries(client, reverse("cases:criminal_judgment_list")),
        _queries(client, reverse("cases:commutation_list")),
    ]
    add(5, 10)
    big = [
        _queries(client, reverse("cases:criminal_judgment_list")),
        _queries(client, reverse("cases:commutation_list")),
    ]
    assert big == small and max(big) <= 12, (small, big)


@pytest.mark.django_db
def test_the_pages_take_the_form_the_review_the_link_and_the_fact(criminal, user, login):
    client = login("xs_judge")
    items = {
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "30",
        "items-0-kind": "fine",
        "items-0-amount": "3000.00",
        "items-1-kind": "restitution",
        "items-1-amount": "7000.00",
        "items-1-beneficiary_name": "王某",
        "items-2-kind": "",
    }
    base = {
        "judging_court": court("琼0107").pk,
        "judgment_number": "(2026)琼0107刑初21号",
        "judgment_effective_on": "2026-10-20",
        "convict_name": "吴某",
        "convict_id_number": CONVICT_ID,
        "received_on": "2026-11-25",
        "file_now": "on",
        "filed_on": "2026-11-26",
    }
    # A restitution without the victim's name is refused, nothing is saved.
    refused = english(client).post(
        reverse("cases:criminal_intake"),
        {**base, **items, "items-1-beneficiary_name": ""},
    )
    assert refused.status_code == 200 and "name the victim or creditor" in refused.content.decode()
    assert not CriminalJudgment.objects.exists()
    response = client.post(reverse("cases:criminal_intake"), {**base, **items})
    judgment = CriminalJudgment.objects.get()
    assert response.status_code == 302 and response["Location"] == judgment.get_absolute_url()
    assert (
        judgment.judgment_number == "（2026）琼0107刑初21号" and judgment.case.court.code == "琼01"
    )
    assert sorted(judgment.items.values_list("kind", "amount")) == [
        ("fine", Decimal("3000.00")),
        ("restitution", Decimal("7000.00")),
    ]

    response = client.post(
        reverse("cases:commutation_create"),
        {
            "kind": "parole",
            "convict_name": "吴某",
            "convict_id_number": CONVICT_ID,
            "prison": "海南省三亚监狱",
            "requested_on": "2026-11-26",
            "filed_on": "2026-11-26",
        },
    )
    review = judgment.case.commutation_links.get().review
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url()
    assign_to_team(review.case, criminal, user)
    other = receive_transfer_form(
        user=user("xs_judge"),
        data=form(
            number="（2026）琼0106刑初77号", received_on=dt.date(2026, 11, 25), convict_id=""
        ),
    )
    link = client.post(
        reverse("cases:commutation_link", kwargs={"pk": review.pk}),
        {"case_number": other.case.case_number},
    )
    assert link.status_code == 302 and review.links.count() == 2
    fact = client.post(
        reverse("cases:ability_fact_add", kwargs={"pk": review.pk}),
        {
            "kind": "false_declaration",
            "description": "申报无财产，但查明其名下有车辆一辆",
            "evidence": "车辆登记信息",
            "found_on": "2026-11-26",
        },
    )
    assert fact.status_code == 302
    page = client.get(review.get_absolute_url()).content.decode()
    assert "申报无财产，但查明其名下有车辆一辆" in page and other.case.case_number in page


def _review_of_a_paid_case(criminal, user):
    """A 刑更 review linked (by resident ID) to a criminal property case with a receipt."""
    xs = user("xs_judge")
    judgment = receive_transfer_form(
        user=xs, data=form(received_on=dt.date(2026, 11, 2)), filed_on=dt.date(2026, 11, 3)
    )
    assign_to_team(judgment.case, criminal, user)
    record_criminal_receipt(
        user=xs,
        case_id=judgment.case_id,
        amount="10000.00",
        counterparty="符某强家属",
        occurred_on=dt.date(2026, 11, 10),
        idempotency_key="bank:lock-1",
    )
    review = open_commutation_review(
        user=xs,
        data=CommutationData(
            kind="commutation",
            convict_name="符某强",
            convict_id_number=CONVICT_ID,
            prison="海南省美兰监狱",
            requested_on=dt.date(2026, 11, 24),
        ),
        filed_on=dt.date(2026, 11, 25),
    )
    assign_to_team(review.case, criminal, user)
    return xs, judgment.case, review


@pytest.mark.django_db(transaction=True)
def test_the_certificate_pdf_is_rendered_with_no_transaction_open(criminal, user, monkeypatch):
    """WeasyPrint works for a second or more: rendering under the review's and the
    cases' row locks would hold every write on them that long. Outside a test's
    transaction, a transaction open while rendering would mean locks held."""
    from django.db import connection

    from cases.services import documents

    xs, _case, review = _review_of_a_paid_case(criminal, user)
    render, in_transaction = documents.html_to_pdf, []

    def watched(html):
        in_transaction.append(connection.in_atomic_block)
        return render(html)

    monkeypatch.setattr(documents, "html_to_pdf", watched)
    certificate = generate_certificate(
        user=xs, review_id=review.pk, issued_on=dt.date(2026, 11, 27)
    )
    assert in_transaction == [False]
    assert certificate.summary["total_paid"] == "10000.00"
    review.refresh_from_db()
    assert review.certificate_issued_on == dt.date(2026, 11, 27)


@pytest.mark.django_db
def test_a_receipt_while_the_pdf_renders_is_in_the_stored_certificate(criminal, user, monkeypatch):
    """The PDF is rendered between two transactions; if the ledger changes in
    between (another officer records a receipt), the stored certificate is the one
    rendered again from the rows as they are under the lock, never the stale one."""
    from cases.services import documents

    xs, case, review = _review_of_a_paid_case(criminal, user)
    render, rendered = documents.html_to_pdf, []

    def with_a_receipt_meanwhile(html):
        if not rendered:
            record_criminal_receipt(
                user=xs,
                case_id=case.pk,
                amount="5000.00",
                counterparty="符某强家属",
                occurred_on=dt.date(2026, 11, 26),
                idempotency_key="bank:lock-2",
            )
        rendered.append((html, render(html)))
        return rendered[-1][1]

    monkeypatch.setattr(documents, "html_to_pdf", with_a_receipt_meanwhile)
    certificate = generate_certificate(
        user=xs, review_id=review.pk, issued_on=dt.date(2026, 11, 27)
    )
    assert len(rendered) == 2
    (stale_html, _stale_pdf), (html, pdf) = rendered
    assert "15,000.00" not in stale_html and "15,000.00" in html
    assert certificate.summary["total_paid"] == "15000.00"
    with certificate.dossier_file.file.open("rb") as stored:
        assert stored.read() == pdf
    assert PerformanceCertificate.objects.filter(review=review).count() == 1
