"""Reads of criminal property and 刑更 (DOMAIN.md §4): the lists of criminal
judgments and reviews (a constant number of queries whatever the page size), and
what the certificate of performance status says about a convict's cases."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum

from cases.choices import AbilityFactKind, CriminalItemKind, LedgerEntryKind
from cases.models import (
    CommutationReview,
    CriminalJudgment,
    CriminalJudgmentItem,
    LedgerEntry,
    Measure,
)


def criminal_judgment_list(queryset: QuerySet[CriminalJudgment]) -> QuerySet[CriminalJudgment]:
    return queryset.select_related("court", "judging_court", "case").prefetch_related(
        Prefetch("items", queryset=CriminalJudgmentItem.objects.order_by("id"))
    )


def commutation_list(queryset: QuerySet[CommutationReview]) -> QuerySet[CommutationReview]:
    return queryset.select_related("case__court").annotate(link_count=Count("links"))


# The names a court document uses, whatever the interface language.
ITEM_NAMES_CN = {
    CriminalItemKind.MEDICAL_COSTS: "人身损害赔偿中的医疗费用",
    CriminalItemKind.RESTITUTION: "退赔被害人的损失",
    CriminalItemKind.CIVIL_DEBT: "其他民事债务",
    CriminalItemKind.FINE: "罚金",
    CriminalItemKind.CONFISCATION: "没收财产",
    CriminalItemKind.ILLICIT_PROPERTY: "追缴违法所得、赃款赃物",
}
FACT_NAMES_CN = {
    AbilityFactKind.HIDDEN_ASSETS: "隐藏、转移财产",
    AbilityFactKind.FALSE_DECLARATION: "虚假申报财产",
    AbilityFactKind.EXCESSIVE_SPENDING: "服刑期间消费明显超出规定额度",
    AbilityFactKind.OTHER: "其他有履行能力而不履行的情形",
}


def performance_summary(review: CommutationReview) -> dict:
    """What the certificate says, from the ledger (amounts paid per item), the
    measures and the recorded facts, for every linked case."""
    links = list(review.links.select_related("case__court").order_by("case__filed_on", "case_id"))
    case_ids = [link.case_id for link in links]
    judgments = {
        j.case_id: j
        for j in CriminalJudgment.objects.filter(case_id__in=case_ids)
        .select_related("judging_court")
        .prefetch_related("items")
    }
    receipts = dict(
        LedgerEntry.objects.filter(account__case_id__in=case_ids, kind=LedgerEntryKind.RECEIPT)
        .values("account__case_id")
        .annotate(total=Sum("amount"))
        .values_list("account__case_id", "total")
    )
    measures: dict[int, list[Measure]] = {}
    for measure in Measure.objects.filter(case_id__in=case_ids).order_by("started_on", "id"):
        measures.setdefault(measure.case_id, []).append(measure)
    labels = dict(CriminalItemKind.choices)
    order = {
        k: n
        for n, k in enumerate(
            [*CriminalItemKind.payment_order(), CriminalItemKind.ILLICIT_PROPERTY]
        )
    }
    cases, total_owed, total_paid = [], Decimal("0"), Decimal("0")
    for link in links:
        case = link.case
        judgment = judgments.get(case.pk)
        items = []
        if judgment is not None:
            for item in sorted(judgment.items.all(), key=lambda i: (order[i.kind], i.pk)):
                items.append(
                    {
                        "kind": item.kind,
                        "label": str(labels[item.kind]),
                        "label_cn": ITEM_NAMES_CN[item.kind],
                        "beneficiary": item.beneficiary_name,
                        "amount": str(item.amount),
                        "paid": str(item.paid),
                        "outstanding": str(item.amount - item.paid),
                    }
                )
                total_owed += item.amount
                total_paid += item.paid
        cases.append(
            {
                "case_number": case.case_number,
                "court": case.court.name,
                "status": str(case.get_status_display()),
                "judgment_number": judgment.judgment_number
                if judgment
                else case.title_document_number,
                "judging_court": judgment.judging_court.name if judgment else case.title_issuer,
                "amount_claimed": str(case.amount_claimed),
                "received": str(receipts.get(case.pk) or Decimal("0.00")),
                "items": items,
                "measures": [
                    {
                        "kind": str(m.get_kind_display()),
                        "description": m.description,
                        "amount": str(m.amount) if m.amount is not None else "",
                        "started_on": m.started_on.isoformat(),
                        "expires_on": m.expires_on.isoformat() if m.expires_on else "",
                        "status": str(m.get_status_display()),
                    }
                    for m in measures.get(case.pk, [])
                ],
            }
        )
    facts = [
        {
            "kind": f.kind,
            "label": str(f.get_kind_display()),
            "label_cn": FACT_NAMES_CN.get(f.kind, str(f.get_kind_display())),
            "description": f.description,
            "evidence": f.evidence,
            "amount": str(f.amount) if f.amount is not None else "",
            "found_on": f.found_on.isoformat(),
        }
        for f in review.facts.order_by("found_on", "id")
    ]
    if not cases or total_owed == 0:
        performance = "none_linked" if not cases else "no_items"
    elif total_paid >= total_owed:
        performance = "fully_performed"
    elif total_paid > 0:
        performance = "partly_performed"
    else:
        performance = "not_performed"
    return {
        "convict": review.convict_name,
        "convict_id": review.masked_convict_id,
        "prison": review.prison,
        "kind": review.kind,
        "requested_on": review.requested_on.isoformat(),
        "cases": cases,
        "total_owed": str(total_owed),
        "total_paid": str(total_paid),
        "total_outstanding": str(total_owed - total_paid),
        "performance": performance,
        "able_but_not_paying": bool(facts),
        "facts": facts,
    }
