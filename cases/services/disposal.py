"""变卖 and 以物抵债 after a second failed auction (最高人民法院关于人民法院民事执行中
拍卖、变卖财产的规定 第十六条、第十九条、第二十八条; 网络司法拍卖规定 第二十六条;
DOMAIN.md §2 "After a second failed auction")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import AuctionResult, DisposalKind, MeasureStatus
from cases.models import AssetDisposal, EnforcementCase, Measure
from cases.services import releases
from cases.services.common import ensure_can_change, ensure_event_date, ensure_open, lock_case
from haikou_exec.formats import written_date as _day


@transaction.atomic
def dispose_after_auctions(
    *,
    user,
    measure_id: int,
    kind: str,
    decided_on: dt.date,
    ruling_number: str,
    price: Decimal | None = None,
    buyer: str = "",
    applicant_consent: str = "",
) -> AssetDisposal:
    """After the second auction of a seized asset failed (流拍), the asset is sold by
    变卖, at no less than the reserve price of that auction, or — with the
    applicant's consent — handed to the applicant in payment (以物抵债) at that
    reserve price. Either is decided by a ruling and ends the seizure.

    Ledger effect: the sale's proceeds arrive later as a receipt in the case account
    (the usual receipt path); payment in kind is a non-cash satisfaction of the
    award: the case's amount recovered grows by the reserve price, up to what was
    still owed (the applicant pays any difference, 补交差价), and the account's cash
    balance is untouched. When that pays the award in full, the releases of the
    case's 失信 listings and 限高 orders are proposed, as for a full payment.
    Source: 拍卖、变卖财产的规定 第十六条、第十九条、第二十八条; DOMAIN.md §2 "After a second failed auction"."""
    measure = Measure.objects.select_for_update().get(pk=measure_id)
    case = lock_case(measure.case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    ensure_event_date(case, decided_on, "decided_on")
    rounds = list(measure.auction_rounds.order_by("round_number"))
    if len(rounds) < 2 or rounds[-1].result != AuctionResult.FAILED:
        raise ValidationError(
            _(
                "变卖 and 以物抵债 follow a second failed auction (拍卖变卖规定): record the "
                "second round and its failure first."
            ),
            code="not_after_second_auction",
        )
    if AssetDisposal.objects.filter(measure=measure).exists():
        raise ValidationError(_("This asset was already disposed of."), code="conflict")
    last = rounds[-1]
    reserve = last.starting_price
    errors: dict[str, list[str]] = {}
    if decided_on < last.auction_on:
        errors["decided_on"] = [
            _("The disposal follows the second auction of %(date)s.")
            % {"date": _day(last.auction_on)}
        ]
    if not ruling_number.strip():
        errors["ruling_number"] = [_("Give the number of the ruling (裁定书).")]
    satisfied = Decimal(0)
    if kind == DisposalKind.SALE:
        if price is None or price < reserve:
            errors["price"] = [
                _("变卖 is at no less than the last auction's reserve price (%(price)s yuan).")
                % {"price": reserve}
            ]
        if not buyer.strip():
            errors["buyer"] = [_("Name the buyer.")]
    elif kind == DisposalKind.PAYMENT_IN_KIND:
        if not applicant_consent.strip():
            errors["applicant_consent"] = [
                _(
                    "以物抵债 needs the applicant's consent: record who consented, when and "
                    "in which document."
                )
            ]
        if price is not None and price != reserve:
            errors["price"] = [
                _("以物抵债 is at the last auction's reserve price (%(price)s yuan).")
                % {"price": reserve}
            ]
        price = reserve
        owed = max(case.amount_claimed - case.amount_recovered, Decimal(0))
        satisfied = min(reserve, owed)
    else:
        errors["kind"] = [_("Choose 变卖 or 以物抵债.")]
    if errors:
        raise ValidationError(errors)
    disposal = AssetDisposal.objects.create(
        measure=measure,
        kind=kind,
        reserve_price=reserve,
        price=price,
        satisfied_amount=satisfied,
        decided_on=decided_on,
        ruling_number=ruling_number.strip(),
        buyer=buyer.strip(),
        applicant_consent=applicant_consent.strip(),
        recorded_by=user,
    )
    # The ruling transfers the asset: the seizure has done its work.
    Measure.objects.filter(pk=measure.pk, status=MeasureStatus.ACTIVE).update(
        status=MeasureStatus.RELEASED, ended_on=decided_on
    )
    if satisfied:
        EnforcementCase.objects.filter(pk=case.pk).update(
            amount_recovered=F("amount_recovered") + satisfied,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
    paid_in_full = case.amount_recovered + satisfied >= case.amount_claimed
    if satisfied and case.amount_claimed > 0 and paid_in_full:
        # Payment in kind that pays the award in full is performance, like a receipt
        # through the ledger: the listings and restrictions are released within 3
        # working days (失信名单规定 第十条; DOMAIN.md §2 "Releases after performance").
        releases.propose_releases(case, decided_on)
    return disposal
