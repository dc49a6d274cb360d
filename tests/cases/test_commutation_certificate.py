"""刑更 (commutation and parole) reviews (DOMAIN.md §4): linking the convict's
criminal property cases (by resident ID or by hand), the "able but not paying"
facts, and the certificate of performance status (its PDF's text), rendered with
no transaction open and never stale when a receipt arrives while it renders."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import CaseNode, CommutationLink, DossierFile, PerformanceCertificate
from cases.services import measures
from cases.services.criminal import (
    CommutationData,
    generate_certificate,
    link_case_by_hand,
    open_commutation_review,
    receive_transfer_form,
    record_ability_fact,
    record_criminal_receipt,
)
from tests.cases.helpers import CONVICT_ID, assign_to_team, form
from tests.cases.helpers import _media_root as _media_root  # noqa: F401 (fixture)
from tests.conftest import require_tool


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
