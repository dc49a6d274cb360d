"""Moving cases between courts (DOMAIN.md §3): elevated (提级), cross (交叉) and
designated (指定) execution.

A request is raised by a district bureau, by the intermediate bureau's own review
or by supervision, and decided by the intermediate bureau's leadership with a
written opinion::

    pending ──approve──▶ approved   (the case moves; once)
       │  └──reject───▶ rejected
       └────withdraw──▶ withdrawn

On approval, in one transaction: the receiving court files a new case in its own
number sequence (``origin_case`` points back) with the same parties and title;
the dossier files are linked (same stored content) and the open measures carried
over; the ledger balance moves by a pair of entries that sum to zero; the
original case closes as 终结执行 (transferred); the original court's team and
leadership keep read access by a per-object grant; both courts are notified.
The request row is locked first, so a double click takes effect once.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import (
    MEASURE_TRANSITIONS,
    TRANSFER_TRANSITIONS,
    ApprovalStatus,
    CaseStatus,
    CaseType,
    ClosingType,
    MeasureStatus,
    TerminationReason,
    TransferKind,
    TransferReason,
    TransferSource,
    TransferStatus,
    TriggerEvent,
)
from cases.models import (
    DossierFile,
    EnforcementCase,
    Measure,
    Petition,
    TransferRequest,
)
from cases.services.closing import close_case
from cases.services.common import ensure_open, lock_case
from cases.services.filing import FilingData, file_case
from cases.services.ledger import transfer_balance
from cases.services.nodes import open_nodes
from cases.services.parties import PartyData
from courts.access import VIEW, scope_for
from courts.choices import CourtTier
from courts.models import Court
from haikou_exec.choices import NotificationLevel
from haikou_exec.formats import written_date as _day
from haikou_exec.notifications import notify
from haikou_exec.states import move
from personnel.choices import OfficerRole
from personnel.recipients import court_leadership

# Who may do what -------------------------------------------------------------


def may_decide_transfers(user) -> bool:
    """The intermediate bureau's leadership decides (DOMAIN.md §3)."""
    scope = scope_for(user)
    return scope.superuser or scope.city_leadership


def may_raise_transfer(user, case: EnforcementCase) -> bool:
    """The case's own bureau leadership (a district bureau's request), the
    intermediate bureau's leadership (its own review) or supervision."""
    scope = scope_for(user)
    if scope.superuser or scope.city_leadership:
        return True
    if scope.role == OfficerRole.SUPERVISOR and scope.all_courts:
        return True
    return scope.leads_bureau and scope.court_id == case.court_id and not scope.criminal_citywide


def source_for(user) -> str:
    """Who asks for a transfer: supervision, the intermediate court's review or the district
    (DOMAIN.md §3)."""
    scope = scope_for(user)
    if scope.role == OfficerRole.SUPERVISOR:
        return TransferSource.SUPERVISION
    if scope.superuser or scope.city_leadership:
        return TransferSource.INTERMEDIATE_REVIEW
    return TransferSource.DISTRICT


def team_user_ids(team_id: int | None) -> list[int]:
    """The users of the team's current members."""
    from personnel.models import TeamMembership

    if team_id is None:
        return []
    return list(
        TeamMembership.objects.filter(
            team_id=team_id, ended_on__isnull=True, officer__user__isnull=False
        ).values_list("officer__user_id", flat=True)
    )


def court_district(court: Court) -> str:
    """海口市秀英区人民法院 → 秀英: the district a district court sits for."""
    match = re.search(r"市(.+?)区人民法院", court.name) or re.search(r"(.+?)区", court.short_name)
    return match.group(1) if match else ""


# Raising a request -------------------------------------------------------------


def receiving_court(case: EnforcementCase, kind: str, target_court_id: int | None) -> Court:
    """Elevation goes to the intermediate court; cross and designated execution to
    a named district court. Never to the case's own court."""
    if kind == TransferKind.ELEVATED:
        target = case.court.parent or Court.objects.filter(tier=CourtTier.INTERMEDIATE).first()
        if target is None or case.court.tier == CourtTier.INTERMEDIATE:
            raise ValidationError(
                {
                    "kind": [
                        _(
                            "Case %(case)s is already at the intermediate court; it cannot be elevated."
                        )
                        % {"case": case.case_number}
                    ]
                },
                code="same_court",
            )
        return target
    if kind not in TransferKind.values:
        raise ValidationError({"kind": [_("Choose elevated, cross or designated execution.")]})
    if not target_court_id:
        raise ValidationError({"target_court": [_("Name the district court that shall execute.")]})
    target = Court.objects.filter(pk=target_court_id).first()
    if target is None or target.tier != CourtTier.DISTRICT:
        raise ValidationError(
            {"target_court": [_("Cross and designated execution go to a district court.")]}
        )
    if target.pk == case.court_id:
        raise ValidationError(
            {
                "target_court": [
                    _("Case %(case)s is already at %(court)s: a transfer must go to another court.")
                    % {"case": case.case_number, "court": target.name}
                ]
            },
            code="same_court",
        )
    return target


def _check_transferable(case: EnforcementCase) -> None:
    ensure_open(case)
    if case.is_criminal_property or case.case_type == CaseType.COMMUTATION:
        raise ValidationError(
            _(
                "Criminal property and 刑更 cases stay with the criminal enforcement bureau "
                "(centralised jurisdiction); they are not moved between courts."
            ),
            code="criminal",
        )
    if case.case_type not in CaseType.implementation_codes():
        raise ValidationError(
            _("Only implementation cases (执, 执恢, 执保) are moved between courts."),
            code="case_type",
        )


def _refuse_second_open_request(case: EnforcementCase) -> None:
    existing = (
        TransferRequest.objects.filter(case=case, status=TransferStatus.PENDING)
        .select_related("target_court")
        .first()
    )
    if existing is not None:
        raise ValidationError(
            _(
                "Case %(case)s already has an open transfer request (%(kind)s to %(court)s, "
                "raised on %(date)s). Decide or withdraw it before raising another."
            )
            % {
                "case": case.case_number,
                "kind": existing.get_kind_display(),
                "court": existing.target_court.name,
                "date": timezone.localtime(existing.requested_at).date(),
            },
            code="duplicate",
        )


@transaction.atomic
def raise_transfer_request(
    *,
    user,
    case_id: int,
    kind: str,
    reason_category: str,
    reason: str,
    target_court_id: int | None = None,
    idempotency_key: str | None = None,
) -> TransferRequest:
    """Raise a request (DOMAIN.md §5). Refused for a transfer to the case's own court
    and when the case already has an open request (the case row is locked, so two
    requests raised at the same moment cannot both pass). Sent again with the same
    ``idempotency_key``, it returns the first request, marked ``is_repeat``
    (issue 15 item 6)."""
    case = lock_case(case_id)
    if not EnforcementCase.objects.restrict(user, VIEW).filter(pk=case.pk).exists():
        raise Http404
    if idempotency_key:
        first = TransferRequest.objects.filter(idempotency_key=idempotency_key).first()
        if first is not None:
            if first.case_id != case.pk or first.requested_by_id != user.pk:
                raise ValidationError(
                    {"idempotency_key": [_("This key was already used for another request.")]},
                    code="duplicate",
                )
            first.is_repeat = True
            return first
    if not (user.has_perm("cases.add_transferrequest") and may_raise_transfer(user, case)):
        raise ValidationError(
            _(
                "A transfer is requested by the case's bureau leadership, the intermediate "
                "bureau or supervision."
            ),
            code="permission",
        )
    _check_transferable(case)
    errors: dict[str, list[str]] = {}
    if reason_category not in TransferReason.values:
        errors["reason_category"] = [_("Choose the reason for the transfer.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Explain why the case should move.")]
    if errors:
        raise ValidationError(errors)
    target = receiving_court(case, kind, target_court_id)
    _refuse_second_open_request(case)
    request = TransferRequest.objects.create(
        case=case,
        kind=kind,
        source=source_for(user),
        reason_category=reason_category,
        reason=reason.strip(),
        target_court=target,
        requested_by=user,
        idempotency_key=idempotency_key or None,
    )
    intermediate = Court.objects.filter(tier=CourtTier.INTERMEDIATE).first()
    if intermediate is not None:
        notify(
            court_leadership(intermediate.pk),
            title=_("Transfer request to decide: %(kind)s of %(case)s to %(court)s")
            % {"kind": request.get_kind_display(), "case": case.case_number, "court": target.name},
            body=request.reason,
            dedup_key=f"transfer-request:{request.pk}:raised",
            link=request.get_absolute_url(),
            level=NotificationLevel.WARNING,
        )
    return request


def _already_decided(request: TransferRequest) -> str:
    decider = request.decided_by
    return _("This request was already decided (%(status)s%(by)s); nothing was changed.") % {
        "status": request.get_status_display(),
        "by": f"，{decider.get_full_name() or decider.get_username()}" if decider else "",
    }


def _move(request: TransferRequest, to: str) -> None:
    move(request, to, TRANSFER_TRANSITIONS, message=_already_decided, code="decided")


@transaction.atomic
def withdraw_transfer_request(*, user, request_id: int) -> TransferRequest:
    """The requester or the leadership withdraws a pending transfer request (DOMAIN.md
    §3; the request's transition table)."""
    request = TransferRequest.objects.select_for_update().select_related("case").get(pk=request_id)
    if not (
        request.requested_by_id == user.pk
        or may_decide_transfers(user)
        or may_raise_transfer(user, request.case)
    ):
        raise ValidationError(_("Only the requester or leadership may withdraw a request."))
    _move(request, TransferStatus.WITHDRAWN)
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    return request


# Deciding ----------------------------------------------------------------------


def _continuation_data(case: EnforcementCase, target: Court, on: dt.date) -> FilingData:
    """Same parties and title; the claim still outstanding."""
    remaining = max(case.amount_claimed - case.amount_recovered, Decimal("0"))
    parties = [PartyData.of(p) for p in case.parties.order_by("role", "id")]
    return FilingData(
        case_type=case.case_type,
        title_issuer=case.title_issuer,
        title_document_number=case.title_document_number,
        title_effective_on=case.title_effective_on,
        amount_claimed=remaining,
        filed_on=on,
        origin=case.origin,
        cause=case.cause,
        court_id=target.pk,
        parties=parties,
        origin_case_id=case.pk,
    )


def _link_dossier(original: EnforcementCase, new_case: EnforcementCase) -> list[int]:
    """New dossier rows that point at the same stored files: nothing is uploaded
    or copied on disk, and the original's rows stay with the original."""
    rows = [
        DossierFile(
            case=new_case,
            category=f.category,
            title=f.title,
            file=f.file.name,
            original_name=f.original_name,
            content_type=f.content_type,
            size=f.size,
            sha256=f.sha256,
            uploaded_by_id=f.uploaded_by_id,
        )
        for f in original.dossier_files.order_by("category", "uploaded_at", "id")
    ]
    return [r.pk for r in DossierFile.objects.bulk_create(rows)]


def _carry_measures(
    original: EnforcementCase, new_case: EnforcementCase, on: dt.date
) -> list[list[int]]:
    """Active measures continue on the new case with the same terms; the old ones
    are released with a note saying where they went."""
    old = list(
        Measure.objects.select_for_update()
        .filter(case=original, status=MeasureStatus.ACTIVE)
        .order_by("id")
    )
    if not old:
        return []
    new = Measure.objects.bulk_create(
        [
            Measure(
                case=new_case,
                kind=m.kind,
                asset_type=m.asset_type,
                description=m.description,
                amount=m.amount,
                started_on=m.started_on,
                expires_on=m.expires_on,
                reference=m.reference,
                recorded_by_id=m.recorded_by_id,
            )
            for m in old
        ]
    )
    note = f"（{on.isoformat()} 随案移送{new_case.case_number}）"
    for m in old:
        move(m, MeasureStatus.RELEASED, MEASURE_TRANSITIONS)
        m.ended_on = on
        m.description = (m.description[: 300 - len(note)] + note)[:300]
    Measure.objects.bulk_update(old, ["status", "ended_on", "description"])
    return [[o.pk, n.pk] for o, n in zip(old, new, strict=True)]


def _keep_read_access(original: EnforcementCase) -> list[int]:
    """The original court's team and leadership keep read access to the case they
    transferred (DESIGN.md "Access": a guardian per-object grant)."""
    from guardian.shortcuts import assign_perm

    ids = set(team_user_ids(original.team_id)) | set(court_leadership(original.court_id))
    if ids:
        users = list(get_user_model().objects.filter(pk__in=ids))
        assign_perm("cases.view_enforcementcase", users, original)
    return sorted(ids)


def _notify_decision(request: TransferRequest) -> None:
    case = request.case
    args = {
        "kind": request.get_kind_display(),
        "case": case.case_number,
        "court": request.target_court.name,
    }
    original_side = {request.requested_by_id, *court_leadership(case.court_id)}
    if request.status == TransferStatus.APPROVED:
        original_side |= set(team_user_ids(case.team_id))
        args["new"] = request.new_case.case_number
        notify(
            original_side,
            title=_("%(kind)s approved: %(case)s moves to %(court)s as %(new)s") % args,
            body=request.opinion,
            dedup_key=f"transfer-request:{request.pk}:decided",
            link=request.get_absolute_url(),
            level=NotificationLevel.INFO,
        )
        notify(
            court_leadership(request.target_court_id),
            title=_("Case %(new)s received by %(kind)s from %(case)s") % args,
            body=request.opinion,
            dedup_key=f"transfer-request:{request.pk}:received",
            link=request.new_case.get_absolute_url(),
            level=NotificationLevel.WARNING,
        )
    else:
        notify(
            original_side,
            title=_("%(kind)s of %(case)s to %(court)s rejected") % args,
            body=request.opinion,
            dedup_key=f"transfer-request:{request.pk}:decided",
            link=request.get_absolute_url(),
            level=NotificationLevel.INFO,
        )


def _is_repeat(request: TransferRequest, user, approve: bool) -> bool:
    """The same person's same decision again (issue "Trust" 6: a repeat returns the
    first result); a different decision on a decided request is refused by the
    transition table."""
    wanted = TransferStatus.APPROVED if approve else TransferStatus.REJECTED
    return request.status == wanted and request.decided_by_id == user.pk


@transaction.atomic
def decide_transfer(
    *,
    user,
    request_id: int,
    approve: bool,
    opinion: str,
    effective_on: dt.date | None = None,
) -> TransferRequest:
    """The intermediate bureau's leadership decides with a written opinion.

    The request row is locked before anything is read, so a second decision (a
    double click, two leaders at once) waits, then finds the request decided and
    changes nothing.
    Source: DOMAIN.md §3; TRANSFER_TRANSITIONS."""
    request = (
        TransferRequest.objects.select_for_update(of=("self",))
        .select_related("case", "target_court")
        .get(pk=request_id)
    )
    if not may_decide_transfers(user):
        raise ValidationError(
            _("Transfers are decided by the intermediate bureau's leadership."),
            code="permission",
        )
    if _is_repeat(request, user, approve):
        return request  # a double click or a retried call: the first decision stands
    if not (opinion or "").strip():
        raise ValidationError({"opinion": [_("Write the opinion that goes with the decision.")]})
    today = timezone.localdate()
    effective_on = effective_on or today
    _move(request, TransferStatus.APPROVED if approve else TransferStatus.REJECTED)
    request.decided_by, request.decided_at = user, timezone.now()
    request.opinion = opinion.strip()
    if not approve:
        request.save(update_fields=["status", "decided_by", "decided_at", "opinion"])
        _notify_decision(request)
        return request

    original = lock_case(request.case_id)
    _check_transferable(original)
    target = receiving_court(original, request.kind, request.target_court_id)
    if not original.filed_on <= effective_on <= today:
        raise ValidationError(
            {
                "effective_on": [
                    _("The transfer takes effect between the filing (%(filed)s) and today.")
                    % {"filed": _day(original.filed_on)}
                ]
            }
        )
    if original.disbursement_requests.filter(status=ApprovalStatus.PENDING).exists():
        raise ValidationError(
            _(
                "Case %(case)s has disbursement requests waiting for approval; decide them "
                "before the balance moves."
            )
            % {"case": original.case_number},
            code="pending_disbursement",
        )
    new_case = file_case(user=None, data=_continuation_data(original, target, effective_on))
    dossier = _link_dossier(original, new_case)
    measures = _carry_measures(original, new_case, effective_on)
    entries = transfer_balance(
        user=user,
        from_case_id=original.pk,
        to_case_id=new_case.pk,
        occurred_on=effective_on,
        key=f"transfer-request:{request.pk}",
    )
    close_case(
        user=user,
        case_id=original.pk,
        closing_type=ClosingType.TERMINATED,
        termination_reason=TerminationReason.TRANSFERRED,
        closed_on=effective_on,
        note=_("%(kind)s to %(court)s (%(new)s): %(opinion)s")
        % {
            "kind": request.get_kind_display(),
            "court": target.name,
            "new": new_case.case_number,
            "opinion": request.opinion,
        },
    )
    readers = _keep_read_access(original)
    request.new_case = new_case
    request.effective_on = effective_on
    request.carried_over = {
        "dossier_files": dossier,
        "measures": measures,
        "balance": str(entries[0].amount) if entries else "0.00",
        "ledger_entries": [e.pk for e in entries] if entries else [],
        "read_access": readers,
    }
    request.save()
    request.case = original
    _notify_decision(request)
    return request


# Petitions -----------------------------------------------------------------------


@transaction.atomic
def record_petition(
    *, user, case_id: int, received_on: dt.date, petitioner: str, summary: str
) -> Petition:
    """Register a petition (执行信访); its registration and conclusion limits
    start (5 and 30 working days, DOMAIN.md §2)."""
    case = lock_case(case_id)
    if not (
        user.has_perm("cases.add_petition")
        and EnforcementCase.objects.restrict(user, VIEW).filter(pk=case.pk).exists()
    ):
        raise Http404
    if received_on > timezone.localdate() or received_on < case.filed_on:
        raise ValidationError(
            {"received_on": [_("The petition date must be between filing and today.")]}
        )
    if not petitioner.strip() or not summary.strip():
        raise ValidationError(_("Say who petitioned and what about."))
    petition = Petition.objects.create(
        case=case,
        received_on=received_on,
        petitioner=petitioner.strip(),
        summary=summary.strip(),
        recorded_by=user,
    )
    if case.status != CaseStatus.CLOSED:
        open_nodes(case, TriggerEvent.PETITION_RECEIVED, received_on, ref=f"petition:{petition.pk}")
    return petition
