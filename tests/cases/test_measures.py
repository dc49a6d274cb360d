import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.models import CaseNode, Measure
from cases.services import measures


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("asset_type", "ok_until", "too_late"),
    [
        ("bank_deposit", dt.date(2027, 3, 10), dt.date(2027, 3, 11)),
        ("movable", dt.date(2028, 3, 10), dt.date(2028, 3, 11)),
        ("real_estate", dt.date(2029, 3, 10), dt.date(2029, 3, 11)),
    ],
)
def test_maximum_terms_per_asset_type(xy_case, user, asset_type, ok_until, too_late):
    judge = user("xy_judge")
    with pytest.raises(ValidationError) as err:
        measures.add_measure(
            user=judge,
            case_id=xy_case.pk,
            kind="seizure",
            asset_type=asset_type,
            description="x",
            started_on=dt.date(2026, 3, 10),
            expires_on=too_late,
        )
    assert str(ok_until) in " ".join(err.value.messages)
    measure = measures.add_measure(
        user=judge,
        case_id=xy_case.pk,
        kind="seizure",
        asset_type=asset_type,
        description="海口市龙华区某小区房产",
        started_on=dt.date(2026, 3, 10),
        expires_on=ok_until,
    )
    assert CaseNode.objects.filter(
        case=xy_case, definition__code="reference_price", trigger_ref=f"measure:{measure.pk}"
    ).exists()


@pytest.mark.django_db
def test_renewal_before_expiry_only(xy_case, user):
    judge = user("xy_judge")
    freeze = measures.add_measure(
        user=judge,
        case_id=xy_case.pk,
        kind="freeze",
        asset_type="bank_deposit",
        description="工商银行账户",
        started_on=dt.date(2026, 3, 10),
        expires_on=dt.date(2026, 11, 20),
    )
    with pytest.raises(ValidationError, match="lapsed"):
        measures.renew_measure(
            user=judge,
            measure_id=freeze.pk,
            new_expires_on=dt.date(2027, 11, 20),
            renewed_on=dt.date(2026, 11, 21),
        )
    renewal = measures.renew_measure(
        user=judge,
        measure_id=freeze.pk,
        new_expires_on=dt.date(2027, 11, 20),
        renewed_on=dt.date(2026, 11, 10),
    )
    freeze.refresh_from_db()
    assert (
        freeze.status == "renewed"
        and renewal.renewed_from_id == freeze.pk
        and renewal.status == "active"
    )
    assert measures.lapse_expired_measures(dt.date(2027, 11, 21)) == 1
    assert Measure.objects.get(pk=renewal.pk).status == "lapsed"


@pytest.mark.django_db
def test_dishonest_listing_gets_its_two_year_term(xy_case, user):
    listing = measures.add_measure(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        kind="dishonest_listing",
        description="纳入失信被执行人名单",
        started_on=dt.date(2026, 4, 1),
    )
    assert listing.expires_on == dt.date(2028, 4, 1)


@pytest.mark.django_db
def test_auction_price_rules(xy_case, user):
    judge = user("xy_judge")
    house = measures.add_measure(
        user=judge,
        case_id=xy_case.pk,
        kind="seizure",
        asset_type="real_estate",
        description="房产",
        started_on=dt.date(2026, 3, 10),
        expires_on=dt.date(2029, 3, 9),
    )
    common = dict(
        user=judge,
        measure_id=house.pk,
        appraisal_value=Decimal("1000000"),
        announced_on=dt.date(2026, 6, 1),
    )
    with pytest.raises(ValidationError) as err:
        measures.schedule_auction_round(
            **common,
            starting_price=Decimal("690000"),
            deposit=Decimal("100000"),
            auction_on=dt.date(2026, 7, 1),
        )
    assert "starting_price" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        measures.schedule_auction_round(
            **common,
            starting_price=Decimal("700000"),
            deposit=Decimal("100000"),
            auction_on=dt.date(2026, 6, 20),
        )
    assert "auction_on" in err.value.message_dict  # real estate: 30 days' notice
    with pytest.raises(ValidationError) as err:
        measures.schedule_auction_round(
            **common,
            starting_price=Decimal("700000"),
            deposit=Decimal("150000"),
            auction_on=dt.date(2026, 7, 1),
        )
    assert "deposit" in err.value.message_dict
    first = measures.schedule_auction_round(
        **common,
        starting_price=Decimal("700000"),
        deposit=Decimal("70000"),
        auction_on=dt.date(2026, 7, 1),
    )
    assert CaseNode.objects.get(case=xy_case, definition__code="reference_price").status == "done"
    measures.record_auction_result(user=judge, round_id=first.pk, result="failed")
    second = dict(common, announced_on=dt.date(2026, 6, 2))
    with pytest.raises(ValidationError) as err:
        measures.schedule_auction_round(
            **second,
            starting_price=Decimal("559999"),
            deposit=Decimal("56000"),
            auction_on=dt.date(2026, 7, 31),
        )
    assert "starting_price" in err.value.message_dict  # cut by more than 20%
    with pytest.raises(ValidationError) as err:
        measures.schedule_auction_round(
            **second,
            starting_price=Decimal("560000"),
            deposit=Decimal("56000"),
            auction_on=dt.date(2026, 8, 1),
        )
    assert "auction_on" in err.value.message_dict  # beyond 30 days after the first
    r2 = measures.schedule_auction_round(
        **second,
        starting_price=Decimal("560000"),
        deposit=Decimal("56000"),
        auction_on=dt.date(2026, 7, 31),
    )
    measures.record_auction_result(user=judge, round_id=r2.pk, result="failed")
    with pytest.raises(ValidationError, match="变卖"):
        measures.schedule_auction_round(
            **second,
            starting_price=Decimal("560000"),
            deposit=Decimal("56000"),
            auction_on=dt.date(2026, 8, 30),
        )


@pytest.mark.django_db
def test_findings_are_kept_once(xy_case, user):
    args = dict(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        source="online_query",
        asset_type="bank_deposit",
        description="中国银行海口分行 账户余额 12,000.00 元",
        source_reference="BOC-4601",
    )
    _, created = measures.record_finding(**args)
    _, created_again = measures.record_finding(**args)
    assert created and not created_again
    assert xy_case.findings.count() == 1
