"""Measures with their terms, renewals, auctions, findings and investigation
steps (DOMAIN.md §2 "Enforcement measures and documents")."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import (
    MEASURE_TRANSITIONS,
    AssetType,
    AuctionResult,
    CaseStatus,
    CompletionEvent,
    FindingSource,
    InvestigationKind,
    MeasureKind,
    MeasureStatus,
    TriggerEvent,
    ValuationMethod,
)
from cases.deadlines import add_months
from cases.models import AuctionRound, InvestigationStep, Measure, MeasureTermRule, PropertyFinding
from cases.services import releases
from cases.services.common import (
    bump_version,
    ensure_can_change,
    ensure_event_date,
    ensure_implementation,
    ensure_open,
    lock_case,
    move_status,
)
from cases.services.documents import render_then_store
from cases.services.nodes import complete_nodes, open_nodes
from haikou_exec.formats import written_date as _day
from haikou_exec.states import move

# Dishonest-debtor listing: 2 years, extendable by 1–3 (DOMAIN.md §2).
DISHONEST_LISTING_MONTHS = 24


def max_term_months(asset_type: str) -> int:
    """The longest term of a measure on this asset type, from the configured rules (DOMAIN.md §2
    "Enforcement measures and documents")."""
    rule = MeasureTermRule.objects.filter(asset_type=asset_type).first()
    if rule is None:
        raise ValidationError(
            {
                "asset_type": [
                    _("No maximum term is configured for this asset type; ask an administrator.")
                ]
            }
        )
    return rule.max_months


def _check_term(
    kind: str, asset_type: str, started_on: dt.date, expires_on: dt.date | None
) -> None:
    if kind in MeasureKind.asset_measures():
        if not asset_type:
            raise ValidationError(
                {"asset_type": [_("Say which kind of asset is seized, detained or frozen.")]}
            )
        if expires_on is None:
            raise ValidationError(
                {"expires_on": [_("A seizure, detention or freeze needs its expiry date.")]}
            )
        limit = add_months(started_on, max_term_months(asset_type))
        if expires_on > limit:
            raise ValidationError(
                {
                    "expires_on": [
                        _(
                            "%(asset)s may be held for at most %(months)s months: until %(limit)s at the latest."
                        )
                        % {
                            "asset": AssetType(asset_type).label,
                            "months": max_term_months(asset_type),
                            "limit": limit,
                        }
                    ]
                }
            )
    if expires_on is not None and expires_on < started_on:
        raise ValidationError({"expires_on": [_("The expiry date is before the start.")]})


@transaction.atomic
def add_measure(
    *,
    user,
    case_id: int,
    kind: str,
    description: str,
    started_on: dt.date,
    asset_type: str = "",
    expires_on: dt.date | None = None,
    amount: Decimal | None = None,
    reference: str = "",
) -> Measure:
    """Record a measure within the legal term of its kind (deposits 1 year, movables 2,
    real estate 3; a dishonest listing 2 years); a seizure opens the 30-day
    reference-price node (DOMAIN.md §2 "Enforcement measures and documents")."""
    case = lock_case(case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    ensure_implementation(case)
    if started_on < case.filed_on:
        raise ValidationError(
            {"started_on": [_("A measure cannot start before the case was filed.")]}
        )
    ensure_event_date(case, started_on, "started_on")
    if kind == MeasureKind.DISHONEST_LISTING and expires_on is None:
        expires_on = add_months(started_on, DISHONEST_LISTING_MONTHS)
    _check_term(kind, asset_type, started_on, expires_on)
    if amount is not None and amount < 0:
        raise ValidationError({"amount": [_("The amount cannot be negative.")]})
    measure = Measure.objects.create(
        case=case,
        kind=kind,
        asset_type=asset_type,
        description=description,
        started_on=started_on,
        expires_on=expires_on,
        amount=amount,
        reference=reference,
        recorded_by=user,
    )
    if kind == MeasureKind.SEIZURE:
        # The reference-price procedure starts within 30 days of a seizure.
        open_nodes(case, TriggerEvent.SEIZURE, started_on, ref=f"measure:{measure.pk}")
    if case.status == CaseStatus.ASSIGNED:
        move_status(case, CaseStatus.IN_PROGRESS)
    bump_version(case)
    case.save(update_fields=["status", "version", "updated_at"])
    return measure


def _move(measure: Measure, to: str) -> None:
    message = _("This measure is %(status)s and cannot change.")
    move(measure, to, MEASURE_TRANSITIONS, message=message, code=None)


@transaction.atomic
def renew_measure(
    *, user, measure_id: int, new_expires_on: dt.date, renewed_on: dt.date, reference: str = ""
) -> Measure:
    """Renewal happens before expiry, or the measure lapses (DOMAIN.md §2). The
    renewal is a new term, again within the maximum."""
    measure = Measure.objects.select_for_update().get(pk=measure_id)
    case = lock_case(measure.case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    if (
        measure.kind not in MeasureKind.asset_measures()
        and measure.kind != MeasureKind.DISHONEST_LISTING
    ):
        raise ValidationError(_("Only seizures, detentions, freezes and listings are renewed."))
    if measure.expires_on and renewed_on > measure.expires_on:
        raise ValidationError(
            {
                "renewed_on": [
                    _("The measure expired on %(date)s; it has lapsed and cannot be renewed.")
                    % {"date": _day(measure.expires_on)}
                ]
            }
        )
    ensure_event_date(case, renewed_on, "renewed_on")
    start = measure.expires_on or renewed_on
    _check_term(measure.kind, measure.asset_type, start, new_expires_on)
    _move(measure, MeasureStatus.RENEWED)
    measure.ended_on = renewed_on
    measure.save(update_fields=["status", "ended_on"])
    return Measure.objects.create(
        case=case,
        kind=measure.kind,
        asset_type=measure.asset_type,
        description=measure.description,
        started_on=start,
        expires_on=new_expires_on,
        amount=measure.amount,
        reference=reference or measure.reference,
        renewed_from=measure,
        recorded_by=user,
    )


def release_measure(*, user, measure_id: int, released_on: dt.date) -> Measure:
    """Release (解除). A dishonest listing or a consumption restriction is released
    by the judge with its document (删除失信信息决定书, 解除限制消费令), which
    completes the release proposed by performance (``services.releases``); on a
    closed case too, as performance usually closes it first. The document's PDF is
    rendered with no row locked (``documents.render_then_store``).
    Source: 失信名单规定 第十条; DOMAIN.md §2 "Releases after performance"."""

    def prepare() -> tuple[str, tuple[Measure, object]]:
        measure = Measure.objects.select_for_update().get(pk=measure_id)
        case = lock_case(measure.case_id)
        ensure_can_change(user, case)
        ensure_event_date(case, released_on, "released_on")
        if released_on < measure.started_on:
            raise ValidationError(
                {"released_on": [_("A measure cannot be released before it started.")]}
            )
        _move(measure, MeasureStatus.RELEASED)  # checks the transition; saved by store
        if measure.kind not in MeasureKind.credit_measures():
            return "", (measure, case)
        releases.ensure_may_release(user, case)
        return releases.release_html(case, measure, released_on), (measure, case)

    def store(state, pdf: bytes | None) -> Measure:
        measure, case = state
        measure.ended_on = released_on
        if pdf is not None:
            releases.store_release(
                user=user, case=case, measure=measure, released_on=released_on, pdf=pdf
            )
        measure.save(update_fields=["status", "ended_on", "release_document"])
        return measure

    with transaction.atomic():
        html, state = prepare()
        if not html:  # seizures, freezes …: no document to render
            return store(state, None)
    return render_then_store(prepare, store)


def lapse_expired_measures(today: dt.date) -> int:
    """Mark measures not renewed in time as lapsed (run by the expiry job).
    Source: DOMAIN.md §2 "Enforcement measures and documents"; MEASURE_TRANSITIONS."""
    return Measure.objects.filter(status=MeasureStatus.ACTIVE, expires_on__lt=today).update(
        status=MeasureStatus.LAPSED, ended_on=today
    )


def _money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def schedule_auction_round(
    *,
    user,
    measure_id: int,
    appraisal_value: Decimal,
    starting_price: Decimal,
    deposit: Decimal,
    announced_on: dt.date,
    auction_on: dt.date,
) -> AuctionRound:
    """Online judicial auction price rules (DOMAIN.md §2): start at ≥ 70% of the
    appraisal; deposit 5–20% of the start; notice 15 days (movables) or 30 (real
    estate); the second round within 30 days of the failed first, cut by ≤ 20%;
    after a second failure the asset is sold by 变卖, not auctioned again."""
    measure = Measure.objects.select_for_update().get(pk=measure_id)
    case = lock_case(measure.case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    if measure.kind not in (MeasureKind.SEIZURE, MeasureKind.DETENTION):
        raise ValidationError(_("Only seized or detained assets are auctioned."))
    ensure_event_date(case, announced_on, "announced_on")
    previous = list(measure.auction_rounds.order_by("round_number"))
    round_number = len(previous) + 1
    if round_number > 2:
        raise ValidationError(
            _("After a second failed auction the asset is sold by 变卖, not auctioned again.")
        )
    errors: dict[str, list[str]] = {}
    if round_number == 1 and starting_price < _money(appraisal_value * Decimal("0.70")):
        errors["starting_price"] = [
            _("The starting price must be at least 70%% of the appraisal (%(min)s yuan).")
            % {"min": _money(appraisal_value * Decimal("0.70"))}
        ]
    if round_number == 2:
        first = previous[0]
        if first.result != AuctionResult.FAILED:
            raise ValidationError(_("A second round follows only a failed first round."))
        floor = _money(first.starting_price * Decimal("0.80"))
        if starting_price < floor:
            errors["starting_price"] = [
                _("The second round may cut the price by at most 20%%: at least %(min)s yuan.")
                % {"min": floor}
            ]
        if auction_on > first.auction_on + dt.timedelta(days=30):
            errors["auction_on"] = [
                _("The second round is held within 30 days of the first (by %(date)s).")
                % {"date": _day(first.auction_on + dt.timedelta(days=30))}
            ]
    low, high = _money(starting_price * Decimal("0.05")), _money(starting_price * Decimal("0.20"))
    if not low <= deposit <= high:
        errors["deposit"] = [
            _("The deposit must be 5–20%% of the starting price (%(low)s–%(high)s yuan).")
            % {"low": low, "high": high}
        ]
    notice_days = 30 if measure.asset_type == AssetType.REAL_ESTATE else 15
    if (auction_on - announced_on).days < notice_days:
        errors["auction_on"] = errors.get("auction_on", []) + [
            _("The notice period is %(days)s days: the auction cannot be before %(date)s.")
            % {"days": notice_days, "date": announced_on + dt.timedelta(days=notice_days)}
        ]
    if errors:
        raise ValidationError(errors)
    complete_nodes(
        case, CompletionEvent.REFERENCE_PRICE_STARTED, announced_on, ref=f"measure:{measure.pk}"
    )
    return AuctionRound.objects.create(
        measure=measure,
        round_number=round_number,
        appraisal_value=appraisal_value,
        starting_price=starting_price,
        deposit=deposit,
        notice_days=notice_days,
        announced_on=announced_on,
        auction_on=auction_on,
    )


@transaction.atomic
def record_auction_result(
    *, user, round_id: int, result: str, sold_price: Decimal | None = None
) -> AuctionRound:
    """Record a round's result once the auction was held; a sale is at or above the
    starting price (DOMAIN.md §2 "Online judicial auction")."""
    auction = AuctionRound.objects.select_for_update().select_related("measure").get(pk=round_id)
    case = lock_case(auction.measure.case_id)
    ensure_can_change(user, case)
    if auction.result != AuctionResult.PENDING:
        raise ValidationError(_("The result of this round is already recorded."))
    today = timezone.localdate()
    if today < auction.auction_on:
        # The result is known only once the auction was held (issue 17, finding 6).
        raise ValidationError(
            {
                "result": [
                    _("The auction is held on %(date)s; its result cannot be recorded before then.")
                    % {"date": _day(auction.auction_on)}
                ]
            },
            code="auction_not_held",
        )
    if result == AuctionResult.SOLD and (sold_price is None or sold_price < auction.starting_price):
        raise ValidationError({"sold_price": [_("A sale is at or above the starting price.")]})
    auction.result, auction.sold_price = (
        result,
        sold_price if result == AuctionResult.SOLD else None,
    )
    auction.save(update_fields=["result", "sold_price"])
    return auction


# The node of each way of setting the reference price (migration 0014_releases_termination_review_valuation).
VALUATION_NODES = {
    ValuationMethod.ONLINE_INQUIRY: "online_price_inquiry",
    ValuationMethod.APPRAISAL: "appraisal_report",
}


def _valuation_ref(measure: Measure, method: str) -> str:
    return f"valuation:{measure.pk}:{method}"


def _asset_measure(user, measure_id: int, method: str, day: dt.date, field: str):
    measure = Measure.objects.select_for_update().get(pk=measure_id)
    case = lock_case(measure.case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    if measure.kind not in MeasureKind.asset_measures():
        raise ValidationError(_("Only seized, detained or frozen assets are valued."))
    if method not in VALUATION_NODES:
        raise ValidationError({"method": [_("Unknown way of valuation.")]})
    ensure_event_date(case, day, field)
    return measure, case


@transaction.atomic
def request_valuation(*, user, measure_id: int, method: str, requested_on: dt.date) -> list:
    """Starting the reference-price procedure of a seized asset (within 30 days of
    the seizure): an online price inquiry reports within 3 days, a commissioned
    appraisal within 30 (确定财产处置参考价规定; DOMAIN.md §2 node table). The
    report's time limit opens here (issue 17, finding 8)."""
    measure, case = _asset_measure(user, measure_id, method, requested_on, "requested_on")
    complete_nodes(
        case, CompletionEvent.REFERENCE_PRICE_STARTED, requested_on, ref=f"measure:{measure.pk}"
    )
    return open_nodes(
        case,
        TriggerEvent.APPRAISAL_REQUESTED,
        requested_on,
        ref=_valuation_ref(measure, method),
        codes=[VALUATION_NODES[method]],
    )


@transaction.atomic
def record_valuation_report(*, user, measure_id: int, method: str, reported_on: dt.date) -> int:
    """The inquiry or appraisal report arrived: its time limit is met.
    Source: DOMAIN.md §2 "Enforcement measures and documents"."""
    measure, case = _asset_measure(user, measure_id, method, reported_on, "reported_on")
    done = complete_nodes(
        case, CompletionEvent.VALUATION_REPORTED, reported_on, ref=_valuation_ref(measure, method)
    )
    if not done:
        raise ValidationError(_("No valuation of this kind is waiting for its report."))
    return done


def finding_fingerprint(
    source: str, asset_type: str, source_reference: str, description: str
) -> str:
    """What makes a property finding the same finding again (its source, type, reference and
    description)."""
    return hashlib.sha256(
        f"{source}|{asset_type}|{source_reference}|{description}".encode()
    ).hexdigest()


@transaction.atomic
def record_finding(
    *,
    user,
    case_id: int,
    source: str,
    asset_type: str,
    description: str,
    found_at: dt.datetime | None = None,
    estimated_value: Decimal | None = None,
    source_reference: str = "",
    urgent: bool = False,
) -> tuple[PropertyFinding, bool]:
    """Record property found, with source and time; the same finding twice is kept
    once. A clue from the applicant is verified within 7 days, 3 if urgent
    (DOMAIN.md §2 node table; issue 17, finding 8).
    Source: DOMAIN.md §2 终本 condition 3, property investigation."""
    case = lock_case(case_id)
    ensure_can_change(user, case)
    ensure_implementation(case)
    if found_at is not None:
        ensure_event_date(case, timezone.localtime(found_at).date(), "found_at")
    finding, created = PropertyFinding.objects.get_or_create(
        case=case,
        fingerprint=finding_fingerprint(source, asset_type, source_reference, description),
        defaults={
            "source": source,
            "asset_type": asset_type,
            "description": description,
            "found_at": found_at or timezone.now(),
            "estimated_value": estimated_value,
            "source_reference": source_reference,
            "recorded_by": user,
        },
    )
    if created and source == FindingSource.APPLICANT_CLUE and not case.is_closed:
        received = timezone.localtime(finding.found_at).date()
        open_nodes(
            case, TriggerEvent.CLUE_RECEIVED, received, ref=f"finding:{finding.pk}", urgent=urgent
        )
    return finding, created


ONLINE_STEPS = {
    InvestigationKind.ONLINE_DEPOSITS,
    InvestigationKind.ONLINE_VEHICLES,
    InvestigationKind.ONLINE_REAL_ESTATE,
    InvestigationKind.ONLINE_SECURITIES,
}


@transaction.atomic
def record_investigation(
    *, user, case_id: int, kind: str, done_on: dt.date, outcome: str, found_property: bool = False
) -> InvestigationStep:
    """Record a property-investigation step; the online query, the clue check and the
    whole investigation complete their nodes (DOMAIN.md §2 node table; 终本
    condition 3)."""
    case = lock_case(case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    ensure_implementation(case)
    if done_on < case.filed_on:
        raise ValidationError({"done_on": [_("The step cannot be before the filing.")]})
    ensure_event_date(case, done_on, "done_on")
    step = InvestigationStep.objects.create(
        case=case,
        kind=kind,
        done_on=done_on,
        outcome=outcome,
        found_property=found_property,
        recorded_by=user,
    )
    if kind in ONLINE_STEPS:
        complete_nodes(case, CompletionEvent.ONLINE_QUERY_STARTED, done_on)
    if kind == InvestigationKind.CLUE_CHECK:
        complete_nodes(case, CompletionEvent.CLUE_VERIFIED, done_on)
    done = set(case.investigations.values_list("kind", flat=True))
    if ONLINE_STEPS | {InvestigationKind.ON_SITE} <= done:
        complete_nodes(case, CompletionEvent.INVESTIGATION_DONE, done_on)
    if case.status == CaseStatus.ASSIGNED:
        move_status(case, CaseStatus.IN_PROGRESS)
        bump_version(case)
        case.save(update_fields=["status", "version", "updated_at"])
    return step
