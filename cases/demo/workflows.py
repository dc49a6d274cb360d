"""Demo examples of the workflows that follow rules rather than volume (issue 17
finding 11): a 以物抵债 and a 变卖 after two failed auctions, and a 委托执行 to a
court outside Haikou — each through its service, on an open 秀英 case, by
its director, dated in the weeks before today. Idempotent: nothing is added once
a disposal or a commission exists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cases.choices import CaseStatus, CaseType, DisposalKind, DossierCategory
from cases.models import AssetDisposal, Commission, DossierFile, EnforcementCase


def _candidates(today: dt.date):
    """Open 秀英 执 cases filed before the first seizure of the examples (100 days
    ago), with no stay."""
    return (
        EnforcementCase.objects.filter(
            court__code="琼0105",
            case_type=CaseType.FIRST,
            status__in=[CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS],
            filed_on__lte=today - dt.timedelta(days=100),
            pauses__isnull=True,
        )
        .distinct()
        .order_by("pk")
    )


def _auctioned_twice(judge, case, description: str, appraisal: Decimal, today: dt.date):
    from cases.services import measures

    start = today - dt.timedelta(days=100)
    asset = measures.add_measure(
        user=judge,
        case_id=case.pk,
        kind="seizure",
        asset_type="movable",
        description=description,
        started_on=start,
        expires_on=start + dt.timedelta(days=700),
    )
    reserve = (appraisal * Decimal("0.7")).quantize(Decimal("0.01"))
    first = measures.schedule_auction_round(
        user=judge,
        measure_id=asset.pk,
        appraisal_value=appraisal,
        starting_price=reserve,
        deposit=(reserve * Decimal("0.1")).quantize(Decimal("0.01")),
        announced_on=start + dt.timedelta(days=10),
        auction_on=start + dt.timedelta(days=30),
    )
    measures.record_auction_result(user=judge, round_id=first.pk, result="failed")
    second_price = (reserve * Decimal("0.8")).quantize(Decimal("0.01"))
    second = measures.schedule_auction_round(
        user=judge,
        measure_id=asset.pk,
        appraisal_value=appraisal,
        starting_price=second_price,
        deposit=(second_price * Decimal("0.1")).quantize(Decimal("0.01")),
        announced_on=start + dt.timedelta(days=31),
        auction_on=start + dt.timedelta(days=55),
    )
    measures.record_auction_result(user=judge, round_id=second.pk, result="failed")
    return asset, second_price, start + dt.timedelta(days=60)


def seed_workflow_examples(today: dt.date | None = None) -> dict[str, int]:
    from cases.demo.closing import _demo_pdf
    from cases.services.commission import commission_case
    from cases.services.disposal import dispose_after_auctions

    if AssetDisposal.objects.exists() or Commission.objects.exists():
        return {}
    today = today or timezone.localdate()
    # The bureau's director acts: he may change and close any case of the court.
    judge = get_user_model().objects.get(username="xy_director")
    cases = list(_candidates(today)[:2])
    # Commissioning closes the case, which needs an empty account.
    commissioned = (
        _candidates(today).filter(account__balance=0).exclude(pk__in=[c.pk for c in cases]).first()
    )
    if len(cases) < 2 or commissioned is None:
        return {}
    cases.append(commissioned)
    counts = {"disposals": 0, "commissions": 0}
    with transaction.atomic():
        car, car_reserve, decided = _auctioned_twice(
            judge, cases[0], "被执行人名下小型轿车一辆", Decimal("120000"), today
        )
        dispose_after_auctions(
            user=judge,
            measure_id=car.pk,
            kind=DisposalKind.PAYMENT_IN_KIND,
            decided_on=decided,
            ruling_number=f"{cases[0].case_number}之一",
            applicant_consent="申请执行人书面同意以第二次拍卖保留价接受该车抵偿债务",
        )
        stock, stock_reserve, decided = _auctioned_twice(
            judge, cases[1], "被执行人仓库存货一批", Decimal("300000"), today
        )
        dispose_after_auctions(
            user=judge,
            measure_id=stock.pk,
            kind=DisposalKind.SALE,
            decided_on=decided,
            ruling_number=f"{cases[1].case_number}之一",
            price=stock_reserve + Decimal("5000"),
            buyer="海南椰风商贸有限公司",
        )
        counts["disposals"] = 2
        name, sha256, size = _demo_pdf("民事判决书")
        title = DossierFile(
            case=cases[2],
            category=DossierCategory.TITLE,
            title="民事判决书",
            original_name="title.pdf",
            content_type="application/pdf",
            size=size,
            sha256=sha256,
            uploaded_by=judge,
        )
        title.file.name = name
        title.save()
        commission_case(
            user=judge,
            case_id=cases[2].pk,
            other_court="广州市天河区人民法院",
            letter_number=f"{cases[2].case_number}之委托函",
            sent_on=today - dt.timedelta(days=12),
            documents=[title],
        )
        counts["commissions"] = 1
    return counts
