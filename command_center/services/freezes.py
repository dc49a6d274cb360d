"""Freezing accounts found online, through the same provider interface as the
queries (网络查控's 控). A frozen account becomes a freeze measure on the case,
with its expiry in the measure register so that it is renewed in time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import AssetType, FindingSource, MeasureKind
from cases.models import PropertyFinding
from cases.services.common import ensure_open
from cases.services.measures import add_measure, max_term_months
from command_center.choices import FREEZE_TRANSITIONS, FreezeStatus
from command_center.models import FreezeRequest
from command_center.providers import property_network
from command_center.providers.base import (
    FreezeOrder,
    ProviderRejected,
    ProviderUnavailable,
)
from command_center.services.queries import _setting, queryable_cases
from command_center.services.query_chunks import _backoff_seconds, _subjects
from haikou_exec.celery import task
from haikou_exec.choices import NotificationLevel
from haikou_exec.notifications import notify
from haikou_exec.states import move

FREEZABLE = {AssetType.BANK_DEPOSIT, AssetType.SECURITIES}


@transaction.atomic
def request_freeze(
    *, user, finding_id: int, amount: Decimal, ruling_number: str, enqueue: bool = True
) -> FreezeRequest:
    """Ask the institution to freeze an account found by an online query, up to
    ``amount``, under the freeze ruling ``ruling_number``.
    Source: DOMAIN.md §2 measures: 冻结 ruling with an assistance notice."""
    finding = PropertyFinding.objects.select_related("case").filter(pk=finding_id).first()
    if finding is None or not queryable_cases(user).filter(pk=finding.case_id).exists():
        raise ValidationError({"finding": [_("No such finding among your cases.")]})
    ensure_open(finding.case)
    if finding.asset_type not in FREEZABLE or finding.source != FindingSource.ONLINE_QUERY:
        raise ValidationError(
            {
                "finding": [
                    _(
                        "Only deposits and securities found by an online query are frozen online; seize other property through its registry."
                    )
                ]
            }
        )
    code, _sep, account = finding.source_reference.partition(":")
    network = property_network()
    try:
        institution = network.institution(code)
    except ProviderRejected:
        raise ValidationError({"finding": [_("The institution is not on the network.")]}) from None
    if not institution.can_freeze:
        raise ValidationError({"finding": [_("This institution does not freeze online.")]})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": [_("The amount to freeze must be positive.")]})
    if not (ruling_number or "").strip():
        raise ValidationError({"ruling_number": [_("Give the number of the freeze ruling.")]})
    if FreezeRequest.objects.filter(
        finding=finding,
        status__in=[FreezeStatus.PENDING, FreezeStatus.RETRYING, FreezeStatus.FROZEN],
    ).exists():
        raise ValidationError({"finding": [_("This account is already frozen or being frozen.")]})
    freeze = FreezeRequest.objects.create(
        case=finding.case,
        finding=finding,
        institution_code=institution.code,
        institution_name=institution.name,
        account_reference=account,
        amount=amount,
        ruling_number=ruling_number.strip(),
        requested_by=user,
    )
    if enqueue:
        transaction.on_commit(lambda: enqueue_freeze(freeze.pk))
    return freeze


def enqueue_freeze(freeze_id: int, countdown: float = 0) -> None:
    """Send a freeze request to the query workers, after ``countdown`` seconds (DOMAIN.md §5 网络查控;
    DESIGN.md "Background work")."""
    task("command_center.tasks.execute_freeze_task").apply_async(
        args=[freeze_id], countdown=countdown
    )


def execute_freeze(freeze_id: int, now: dt.datetime | None = None) -> float | None:
    """Send one freeze request. Returns the seconds until it should be tried
    again, or None when it is done (frozen or failed) or gone.
    Source: DOMAIN.md §2 measures."""
    now = now or timezone.now()
    max_attempts = int(_setting("PROPERTY_QUERY_MAX_ATTEMPTS", 5))
    with transaction.atomic():
        freeze = (
            FreezeRequest.objects.select_for_update(skip_locked=True)
            .filter(pk=freeze_id, status__in=[FreezeStatus.PENDING, FreezeStatus.RETRYING])
            .select_related("case", "finding")
            .first()
        )
        if freeze is None:
            return None
        if freeze.next_attempt_at and freeze.next_attempt_at > now:
            return (freeze.next_attempt_at - now).total_seconds()
        freeze.attempts += 1
        network = property_network()
        subjects = _subjects(freeze.case_id)
        try:
            if not subjects:
                raise ProviderRejected(
                    _("The case has no respondent with an ID number or credit code.")
                )
            result = None
            last_rejection = None
            for subject in subjects:
                try:
                    result = network.freeze(
                        FreezeOrder(
                            request_no=f"F{freeze.pk}-{freeze.attempts}",
                            institution_code=freeze.institution_code,
                            subject=subject,
                            account_reference=freeze.account_reference,
                            amount=freeze.amount,
                            ruling_number=freeze.ruling_number,
                            months=max_term_months(freeze.finding.asset_type),
                        )
                    )
                    break
                except ProviderRejected as exc:  # not this respondent's account
                    last_rejection = exc
            if result is None:
                raise last_rejection or ProviderRejected("no result")
        except ProviderUnavailable as exc:
            to = FreezeStatus.FAILED if freeze.attempts >= max_attempts else FreezeStatus.RETRYING
            move(freeze, to, FREEZE_TRANSITIONS)
            freeze.last_error = str(exc)[:300]
            delay = None if to == FreezeStatus.FAILED else _backoff_seconds(freeze.attempts)
            freeze.next_attempt_at = (
                now + dt.timedelta(seconds=delay) if delay is not None else None
            )
            freeze.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
            if to == FreezeStatus.FAILED:
                _notify_requester(freeze)
            return delay
        except ProviderRejected as exc:
            move(freeze, FreezeStatus.FAILED, FREEZE_TRANSITIONS)
            freeze.last_error, freeze.next_attempt_at = str(exc)[:300], None
            freeze.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
            _notify_requester(freeze)
            return None
        measure = add_measure(
            user=None,
            case_id=freeze.case_id,
            kind=MeasureKind.FREEZE,
            asset_type=freeze.finding.asset_type,
            description=f"{freeze.institution_name} {freeze.account_reference}"[:300],
            started_on=timezone.localdate(),
            expires_on=result.frozen_until,
            amount=result.frozen_amount,
            reference=freeze.ruling_number[:60],
        )
        move(freeze, FreezeStatus.FROZEN, FREEZE_TRANSITIONS)
        freeze.provider_reference = result.reference
        freeze.frozen_amount, freeze.frozen_until = result.frozen_amount, result.frozen_until
        freeze.measure, freeze.completed_at = measure, now
        freeze.last_error, freeze.next_attempt_at = "", None
        freeze.save()
        _notify_requester(freeze)
    return None


def _notify_requester(freeze: FreezeRequest) -> None:
    frozen = freeze.status == FreezeStatus.FROZEN
    title = (
        _("Frozen: %(account)s, %(amount)s yuan")
        % {"account": freeze.account_reference, "amount": freeze.frozen_amount}
        if frozen
        else _("Freeze failed: %(account)s (%(error)s)")
        % {"account": freeze.account_reference, "error": freeze.last_error}
    )
    user_id, link, key = (
        freeze.requested_by_id,
        freeze.get_absolute_url(),
        f"freeze:{freeze.pk}:{freeze.status}",
    )
    transaction.on_commit(
        lambda: notify(
            [user_id],
            title=title,
            link=link,
            dedup_key=key,
            level=NotificationLevel.INFO if frozen else NotificationLevel.DANGER,
        )
    )
