"""Suggestions of candidates for elevated or cross execution, with why
(DOMAIN.md §3 "Suggestions"):

- the respondent is a government body or state enterprise of the court's own
  district (a local-protection risk) → cross execution;
- a long-pending case with a high amount → elevation;
- several overdue process nodes (negative execution) → elevation;
- repeated petitions → elevation.

The thresholds are data (``SuggestionSettings``, [assumed] values). A nightly job
refreshes the list idempotently: one suggestion per case and kind, whatever was
decided about it — a dismissed suggestion is not proposed again, an open one
whose reasons no longer hold lapses. Leadership accepts (which raises a transfer
request) or dismisses with a reason; the decision is kept.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import (
    SUGGESTION_TRANSITIONS,
    CaseStatus,
    CaseType,
    NodeStatus,
    PartyRole,
    RespondentNature,
    SuggestionReason,
    SuggestionStatus,
    TransferKind,
    TransferReason,
    TransferStatus,
)
from cases.deadlines import add_months
from cases.models import (
    CaseNode,
    EnforcementCase,
    Party,
    Petition,
    SuggestionSettings,
    TransferRequest,
    TransferSuggestion,
)
from cases.services.transfers import (
    court_district,
    raise_transfer_request,
)
from courts.access import VIEW, lock_for, scope_for
from courts.choices import CourtTier
from courts.models import Court
from haikou_exec.notifications import notify
from haikou_exec.states import move
from personnel.recipients import court_leadership

REASON_KIND = {
    SuggestionReason.LOCAL_RESPONDENT: TransferKind.CROSS,
    SuggestionReason.LONG_PENDING_HIGH_VALUE: TransferKind.ELEVATED,
    SuggestionReason.OVERDUE_NODES: TransferKind.ELEVATED,
    SuggestionReason.REPEATED_PETITIONS: TransferKind.ELEVATED,
}
REASON_CATEGORY = {
    SuggestionReason.LOCAL_RESPONDENT: TransferReason.LOCAL_PROTECTION,
    SuggestionReason.LONG_PENDING_HIGH_VALUE: TransferReason.DIFFICULTY,
    SuggestionReason.OVERDUE_NODES: TransferReason.NEGATIVE_EXECUTION,
    SuggestionReason.REPEATED_PETITIONS: TransferReason.DIFFICULTY,
}
# Serialises refreshes (two beat runs, or a manual run during the nightly one).
REFRESH_LOCK = 4_004_001


def _candidates_base():
    """Open implementation cases of the district courts, not criminal, without an
    open transfer request."""
    pending = TransferRequest.objects.filter(case=OuterRef("pk"), status=TransferStatus.PENDING)
    return (
        EnforcementCase.objects.filter(
            court__tier=CourtTier.DISTRICT,
            case_type__in=CaseType.implementation_codes(),
            is_criminal_property=False,
        )
        .exclude(status=CaseStatus.CLOSED)
        .exclude(Exists(pending))
    )


def candidate_reasons(today: dt.date, cfg: SuggestionSettings) -> dict[tuple[int, str], list[dict]]:
    """(case id, kind) → the reasons that make it a candidate, each with its figures."""
    found: dict[tuple[int, str], list[dict]] = defaultdict(list)
    base = _candidates_base()

    if cfg.local_respondent_enabled:
        for court in Court.objects.filter(tier=CourtTier.DISTRICT):
            district = court_district(court)
            if not district:
                continue
            rows = (
                Party.objects.filter(
                    case__in=base.filter(court=court).values("pk"),
                    role=PartyRole.RESPONDENT,
                    nature__in=[
                        RespondentNature.GOVERNMENT_BODY,
                        RespondentNature.STATE_ENTERPRISE,
                    ],
                )
                .filter(Q(district__contains=district) | Q(district="", address__contains=district))
                .order_by("case_id", "id")
                .values_list("case_id", "name", "nature")
            )
            for case_id, name, nature in rows:
                key = (case_id, TransferKind.CROSS)
                if not any(r["code"] == SuggestionReason.LOCAL_RESPONDENT for r in found[key]):
                    found[key].append(
                        {
                            "code": SuggestionReason.LOCAL_RESPONDENT,
                            "respondent": name,
                            "nature": nature,
                            "district": f"{district}区",
                        }
                    )

    cutoff = add_months(today, -cfg.long_pending_months)
    rows = base.filter(filed_on__lte=cutoff, amount_claimed__gte=cfg.high_value_amount)
    for case_id, filed_on, amount in rows.values_list("pk", "filed_on", "amount_claimed"):
        found[(case_id, TransferKind.ELEVATED)].append(
            {
                "code": SuggestionReason.LONG_PENDING_HIGH_VALUE,
                "filed_on": filed_on.isoformat(),
                "amount": str(amount),
            }
        )

    if cfg.overdue_nodes_threshold:
        overdue = (
            CaseNode.objects.filter(
                case__in=base.values("pk"), status=NodeStatus.OPEN, due_on__lt=today
            )
            .values("case_id")
            .annotate(n=Count("id"))
            .filter(n__gte=cfg.overdue_nodes_threshold)
        )
        for row in overdue:
            found[(row["case_id"], TransferKind.ELEVATED)].append(
                {"code": SuggestionReason.OVERDUE_NODES, "count": row["n"]}
            )

    if cfg.petitions_threshold:
        since = add_months(today, -cfg.petitions_window_months)
        petitions = (
            Petition.objects.filter(case__in=base.values("pk"), received_on__gte=since)
            .values("case_id")
            .annotate(n=Count("id"))
            .filter(n__gte=cfg.petitions_threshold)
        )
        for row in petitions:
            found[(row["case_id"], TransferKind.ELEVATED)].append(
                {
                    "code": SuggestionReason.REPEATED_PETITIONS,
                    "count": row["n"],
                    "months": cfg.petitions_window_months,
                }
            )
    return dict(found)


@transaction.atomic
def refresh_suggestions(*, today: dt.date | None = None) -> dict[str, int]:
    """Propose new candidates, update the reasons of open suggestions, lapse those
    that no longer apply. Running it twice changes nothing the second time.
    Source: DOMAIN.md §3."""
    today = today or timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REFRESH_LOCK])
    cfg = SuggestionSettings.current()
    candidates = candidate_reasons(today, cfg)
    existing = {
        (s.case_id, s.kind): s
        for s in TransferSuggestion.objects.only("id", "case_id", "kind", "status", "reasons")
    }
    new = [
        TransferSuggestion(case_id=case_id, kind=kind, reasons=reasons)
        for (case_id, kind), reasons in candidates.items()
        if (case_id, kind) not in existing
    ]
    TransferSuggestion.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    now = timezone.now()
    changed, lapsed = [], []
    for key, suggestion in existing.items():
        if suggestion.status != SuggestionStatus.OPEN:
            continue
        if key not in candidates:
            _move(suggestion, SuggestionStatus.LAPSED)
            suggestion.decided_at = now
            suggestion.decision_reason = _("No longer applies (checked on %(date)s).") % {
                "date": today
            }
            suggestion.refreshed_at = now
            lapsed.append(suggestion)
        elif candidates[key] != suggestion.reasons:
            suggestion.reasons = candidates[key]
            suggestion.refreshed_at = now
            changed.append(suggestion)
    TransferSuggestion.objects.bulk_update(changed, ["reasons", "refreshed_at"], batch_size=1000)
    TransferSuggestion.objects.bulk_update(
        lapsed,
        ["status", "decided_at", "decision_reason", "refreshed_at"],
        batch_size=1000,
    )
    if new:
        intermediate = Court.objects.filter(tier=CourtTier.INTERMEDIATE).first()
        if intermediate is not None:
            from django.urls import reverse

            notify(
                court_leadership(intermediate.pk),
                title=_("%(n)d new transfer suggestions to consider") % {"n": len(new)},
                dedup_key=f"transfer-suggestions:{today.isoformat()}",
                link=reverse("cases:suggestion_list") + "?status=open",
            )
    return {"proposed": len(new), "updated": len(changed), "lapsed": len(lapsed)}


def may_decide_suggestion(user, case: EnforcementCase) -> bool:
    """The intermediate bureau's leadership, or the leadership of the case's own
    bureau (which then raises a district request)."""
    scope = scope_for(user)
    if scope.superuser or scope.city_leadership:
        return True
    return scope.leads_bureau and scope.court_id == case.court_id and not scope.criminal_citywide


def suggested_receiving_court(case: EnforcementCase) -> Court | None:
    """For cross execution: the other district court with the fewest open cases."""
    return (
        Court.objects.filter(tier=CourtTier.DISTRICT)
        .exclude(pk=case.court_id)
        .annotate(open_cases=Count("cases", filter=~Q(cases__status=CaseStatus.CLOSED)))
        .order_by("open_cases", "sort_order")
        .first()
    )


def _lock_for_decision(user, suggestion_id: int) -> TransferSuggestion:
    suggestion = lock_for(TransferSuggestion, suggestion_id, user, VIEW, related=("case",))
    if not may_decide_suggestion(user, suggestion.case):
        raise ValidationError(
            _(
                "Suggestions are decided by the intermediate bureau's or the case's bureau leadership."
            ),
            code="permission",
        )
    return suggestion


def _move(suggestion: TransferSuggestion, to: str) -> None:
    message = _("This suggestion is already %(status)s; nothing was changed.")
    move(suggestion, to, SUGGESTION_TRANSITIONS, message=message, code="decided")


@transaction.atomic
def accept_suggestion(
    *, user, suggestion_id: int, reason: str = "", target_court_id: int | None = None
) -> TransferSuggestion:
    """Accepting raises the transfer request (decided like any other).
    Source: DOMAIN.md §3: each transfer is a request the intermediate bureau decides."""
    suggestion = _lock_for_decision(user, suggestion_id)
    _move(suggestion, SuggestionStatus.ACCEPTED)
    codes = suggestion.reason_codes
    category = (
        REASON_CATEGORY.get(codes[0], TransferReason.OTHER) if codes else TransferReason.OTHER
    )
    text = "\n".join([reason.strip(), *suggestion.reason_labels]).strip()
    request = raise_transfer_request(
        user=user,
        case_id=suggestion.case_id,
        kind=suggestion.kind,
        reason_category=category,
        reason=text,
        target_court_id=target_court_id,
    )
    suggestion.transfer_request = request
    suggestion.decided_by, suggestion.decided_at = user, timezone.now()
    suggestion.decision_reason = reason.strip()
    suggestion.save(
        update_fields=["status", "transfer_request", "decided_by", "decided_at", "decision_reason"]
    )
    return suggestion


@transaction.atomic
def dismiss_suggestion(*, user, suggestion_id: int, reason: str) -> TransferSuggestion:
    """Dismiss a transfer suggestion with the reason; the intermediate bureau decides
    (DOMAIN.md §3: every transfer keeps its reason and approver)."""
    suggestion = _lock_for_decision(user, suggestion_id)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why the suggestion is dismissed.")]})
    _move(suggestion, SuggestionStatus.DISMISSED)
    suggestion.decided_by, suggestion.decided_at = user, timezone.now()
    suggestion.decision_reason = reason.strip()
    suggestion.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    return suggestion
