"""Issue 17 finding 11 (变卖 / 以物抵债): after the second auction of a seized asset
failed, the handling judge records on the case page its sale (变卖, at no less than
the last reserve price, to a named buyer) or its transfer to the applicant in
payment (以物抵债, with the applicant's consent, at that reserve price). Payment in
kind satisfies the award without cash: the amount recovered grows, the account's
balance does not; the seizure ends."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.models import AssetDisposal, CaseNode, LedgerEntry
from cases.services import measures
from tests.conftest import english

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI), tick=False)


def _auctioned(case, judge, *, asset_type, description, appraisal, fail_second=True):
    """A seized asset with two auction rounds (the second failed unless told)."""
    with _at(dt.date(2026, 3, 10)):
        asset = measures.add_measure(
            user=judge,
            case_id=case.pk,
            kind="seizure",
            asset_type=asset_type,
            description=description,
            started_on=dt.date(2026, 3, 10),
            expires_on=dt.date(2028, 3, 9),
        )
    start = (appraisal * Decimal("0.7")).quantize(Decimal("0.01"))
    with _at(dt.date(2026, 6, 1)):
        first = measures.schedule_auction_round(
            user=judge,
            measure_id=asset.pk,
            appraisal_value=appraisal,
            starting_price=start,
            deposit=(start * Decimal("0.1")).quantize(Decimal("0.01")),
            announced_on=dt.date(2026, 6, 1),
            auction_on=dt.date(2026, 7, 1),
        )
    with _at(dt.date(2026, 7, 1)):  # failed that day; the second announced at once
        measures.record_auction_result(user=judge, round_id=first.pk, result="failed")
        second_start = (start * Decimal("0.8")).quantize(Decimal("0.01"))
        second = measures.schedule_auction_round(
            user=judge,
            measure_id=asset.pk,
            appraisal_value=appraisal,
            starting_price=second_start,
            deposit=(second_start * Decimal("0.1")).quantize(Decimal("0.01")),
            announced_on=dt.date(2026, 7, 1),
            auction_on=dt.date(2026, 7, 31),
        )
    if fail_second:
        with _at(dt.date(2026, 8, 1)):
            measures.record_auction_result(user=judge, round_id=second.pk, result="failed")
    return asset, second_start


@pytest.mark.django_db
def test_payment_in_kind_and_sale_after_the_second_failed_auction(xy_case, user, login):
    judge = user("xy_judge")
    car, car_reserve = _auctioned(
        xy_case, judge, asset_type="movable", description="轿车一辆", appraisal=Decimal("100000")
    )
    house, house_reserve = _auctioned(
        xy_case, judge, asset_type="real_estate", description="商铺", appraisal=Decimal("400000")
    )
    assert (car_reserve, house_reserve) == (Decimal("56000.00"), Decimal("224000.00"))
    client = english(login("xy_judge"))
    page = client.get(f"/cases/{xy_case.pk}/").content.decode()
    assert f"/cases/{xy_case.pk}/measures/{car.pk}/dispose/" in page
    url = f"/cases/{xy_case.pk}/measures/{car.pk}/dispose/"
    base = {
        "kind": "payment_in_kind",
        "decided_on": "2026-08-10",
        "ruling_number": "（2026）琼0105执1号之二",
    }
    with _at(dt.date(2026, 8, 10)):
        refused = client.post(url, base)
        assert refused.status_code == 200 and "applicant&#x27;s consent" in refused.content.decode()
        wrong_price = client.post(url, {**base, "applicant_consent": "x", "price": "60000"})
        assert "reserve price (56000.00 yuan)" in wrong_price.content.decode()
        done = client.post(
            url, {**base, "applicant_consent": "申请执行人王海生2026年8月8日书面同意以物抵债"}
        )
    assert done.status_code == 302
    xy_case.refresh_from_db()
    car.refresh_from_db()
    in_kind = AssetDisposal.objects.get(measure=car)
    assert (in_kind.price, in_kind.satisfied_amount) == (car_reserve, car_reserve)
    assert xy_case.amount_recovered == car_reserve  # satisfied against the award…
    assert xy_case.account.balance == 0  # …without cash
    assert not LedgerEntry.objects.filter(account__case=xy_case).exists()
    assert car.status == "released" and car.ended_on == dt.date(2026, 8, 10)

    sale = f"/cases/{xy_case.pk}/measures/{house.pk}/dispose/"
    with _at(dt.date(2026, 8, 12)):
        low = client.post(
            sale,
            {
                **base,
                "kind": "sale",
                "price": "200000",
                "buyer": "海南某贸易公司",
                "ruling_number": "（2026）琼0105执1号之三",
            },
        )
        assert "no less than the last auction" in low.content.decode()
        sold = client.post(
            sale,
            {
                **base,
                "kind": "sale",
                "price": "230000",
                "buyer": "海南某贸易公司",
                "ruling_number": "（2026）琼0105执1号之三",
            },
        )
    assert sold.status_code == 302
    disposal = AssetDisposal.objects.get(measure=house)
    assert (disposal.kind, disposal.price, disposal.satisfied_amount) == ("sale", 230000, 0)
    xy_case.refresh_from_db()
    assert xy_case.amount_recovered == car_reserve  # the sale's money comes as a receipt
    page = client.get(f"/cases/{xy_case.pk}/").content.decode()
    assert "（2026）琼0105执1号之二" in page and "（2026）琼0105执1号之三" in page
    with _at(dt.date(2026, 8, 12)):
        again = client.post(url, {**base, "applicant_consent": "再次"})
    assert "already disposed" in again.content.decode()


@pytest.mark.django_db
def test_no_disposal_before_the_second_auction_failed(xy_case, user, login):
    judge = user("xy_judge")
    asset, _reserve = _auctioned(
        xy_case,
        judge,
        asset_type="movable",
        description="轿车一辆",
        appraisal=Decimal("100000"),
        fail_second=False,
    )
    client = english(login("xy_judge"))
    with _at(dt.date(2026, 8, 10)):
        response = client.post(
            f"/cases/{xy_case.pk}/measures/{asset.pk}/dispose/",
            {
                "kind": "sale",
                "decided_on": "2026-08-10",
                "ruling_number": "x",
                "price": "60000",
                "buyer": "某公司",
            },
        )
    assert response.status_code == 200 and "second failed auction" in response.content.decode()
    assert not AssetDisposal.objects.exists()
    # Another court's judge cannot reach the case at all.
    other = login("lh_judge").post(f"/cases/{xy_case.pk}/measures/{asset.pk}/dispose/", {})
    assert other.status_code == 404


@pytest.mark.django_db
def test_payment_in_kind_of_the_whole_award_proposes_the_releases(xy_case, user, login):
    """以物抵债 that pays the award in full is performance, like a full payment through
    the ledger (DOMAIN.md §2 "Releases after performance", 失信名单规定 第十条): every
    失信 listing and 限高 order is proposed for release within 3 working days of the
    ruling, and the case closes 执行完毕 with the releases still open."""
    judge = user("xy_judge")
    with _at(dt.date(2026, 4, 1)):
        listing = measures.add_measure(
            user=judge,
            case_id=xy_case.pk,
            kind="dishonest_listing",
            description="纳入失信被执行人名单",
            started_on=dt.date(2026, 4, 1),
            reference="（2026）琼0105执1号之一",
        )
        restriction = measures.add_measure(
            user=judge,
            case_id=xy_case.pk,
            kind="consumption_restriction",
            description="限制高消费",
            started_on=dt.date(2026, 4, 1),
        )
    # Reserve of the second round: 500000 × 0.7 × 0.8 = 280000 ≥ the 250000 awarded.
    house, reserve = _auctioned(
        xy_case, judge, asset_type="real_estate", description="住宅", appraisal=Decimal("500000")
    )
    assert reserve == Decimal("280000.00")
    client = english(login("xy_judge"))
    with _at(dt.date(2026, 8, 12)):  # a Wednesday
        done = client.post(
            f"/cases/{xy_case.pk}/measures/{house.pk}/dispose/",
            {
                "kind": "payment_in_kind",
                "decided_on": "2026-08-12",
                "ruling_number": "（2026）琼0105执1号之二",
                "applicant_consent": "申请执行人王海生2026年8月10日书面同意以物抵债并补交差价",
            },
        )
    assert done.status_code == 302, done.content.decode()[-2000:]
    xy_case.refresh_from_db()
    assert xy_case.amount_recovered == xy_case.amount_claimed == Decimal("250000.00")
    nodes = CaseNode.objects.filter(case=xy_case, definition__code="measure_release")
    assert {(n.trigger_ref, n.status, n.triggered_on, n.due_on) for n in nodes} == {
        (f"measure:{m.pk}", "open", dt.date(2026, 8, 12), dt.date(2026, 8, 17))
        for m in (listing, restriction)
    }
    with _at(dt.date(2026, 8, 13)):
        closed = client.post(
            f"/cases/{xy_case.pk}/close/",
            {
                "version": xy_case.version,
                "closing_type": "fully_executed",
                "closed_on": "2026-08-13",
            },
        )
    assert closed.status_code == 302, closed.content.decode()[-2000:]
    xy_case.refresh_from_db()
    assert (xy_case.closing_type, xy_case.performance_basis) == ("fully_executed", "ledger")
    # Closing proposes nothing twice (one node per measure) and keeps them open.
    assert nodes.count() == 2 and set(nodes.values_list("status", flat=True)) == {"open"}
