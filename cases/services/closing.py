"""Closing a case (结案) and resuming it (恢复执行) — DOMAIN.md §2 "Closing types".

终本 (termination of the current procedure) is allowed only when every condition
of the 终本 rules holds; the check lists exactly what is missing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.choices import (
    CASE_CLASS,
    REFUSABLE_ORIGINS,
    CaseClass,
    CaseStatus,
    CaseType,
    ClosingType,
    CompletionEvent,
    DocumentKind,
    FindingSource,
    InvestigationKind,
    MeasureKind,
    MeasureStatus,
    NodeStatus,
    PerformanceBasis,
    TerminationReason,
    closing_types_for,
)
from cases.deadlines import add_months
from cases.models import ApplicantInterview, CaseNode, DossierFile, EnforcementCase
from cases.services import releases
from cases.services.common import (
    bump_version,
    check_version,
    ensure_can_change,
    ensure_open,
    lock_case,
    may_decide,
    move_status,
)
from cases.services.filing import (
    FilingData,
    check_filing_date,
    check_resumption_origin,
    file_case,
)
from cases.services.nodes import can_approve_extension, complete_nodes
from cases.services.parties import PartyData
from haikou_exec.formats import written_date as _day


@dataclass(frozen=True)
class Condition:
    code: str
    label: str
    satisfied: bool
    missing: str = ""


TERMINATION_CONDITIONS = {
    "documents": gettext_lazy("1. Enforcement notice and property-report order issued"),
    "restrictions": gettext_lazy(
        "2. Consumption restricted and debtor listed as dishonest where the law allows"
    ),
    "investigation": gettext_lazy(
        "3. Property investigation exhausted; no property, or none that can be disposed of"
    ),
    "three_months": gettext_lazy("4. At least 3 months since filing"),
    "debtor_search": gettext_lazy("5. Missing debtor searched for; obstruction punished"),
    "interview": gettext_lazy(
        "Applicant told and heard (interview recorded), confirmed or approved"
    ),
}

REQUIRED_ONLINE = [
    InvestigationKind.ONLINE_DEPOSITS,
    InvestigationKind.ONLINE_VEHICLES,
    InvestigationKind.ONLINE_REAL_ESTATE,
    InvestigationKind.ONLINE_SECURITIES,
]


def termination_checklist(
    case: EnforcementCase,
    *,
    on: dt.date,
    listing_exempt_reason: str = "",
    undisposable_reason: str = "",
    records: dict | None = None,
) -> list[Condition]:
    """The five conditions of 终本 (终本规定 art. 1) plus the applicant interview,
    checked against what is recorded on the case. ``records`` — the case page's
    ``selectors.case_timeline`` — saves reading the same rows twice."""
    if records is not None:
        documents = {d.kind for d in records["documents"]}
        in_force = [m for m in records["measures"] if m.status == MeasureStatus.ACTIVE]
        investigations = records["investigations"]
        property_found = any(s.found_property for s in investigations) or bool(records["findings"])
        clues_given = any(f.source == FindingSource.APPLICANT_CLUE for f in records["findings"])
        held = [i for i in records["interviews"] if i.held_on <= on]
    else:
        documents = set(case.documents.values_list("kind", flat=True))
        in_force = list(case.measures.filter(status=MeasureStatus.ACTIVE).only("kind"))
        investigations = list(case.investigations.only("kind", "recorded_by_id"))
        property_found = (
            case.investigations.filter(found_property=True).exists() or case.findings.exists()
        )
        clues_given = case.findings.filter(source=FindingSource.APPLICANT_CLUE).exists()
        held = list(ApplicantInterview.objects.filter(case=case, held_on__lte=on))
    # From recorded facts, not ticks (issue 17, finding 9): the measures in force
    # today, the online queries the 网络查控 system ran (recorded by no one), and
    # the interviews of the last day one was held (a confirmation recorded that
    # day clears an unconfirmed record of the same day).
    measures = {m.kind for m in in_force}
    steps = {
        s.kind for s in investigations if s.kind not in REQUIRED_ONLINE or s.recorded_by_id is None
    }
    last_day = max((i.held_on for i in held), default=None)
    last = [i for i in held if i.held_on == last_day]
    interview = next((i for i in last if i.satisfies_rule), last[0] if last else None)
    result: list[Condition] = []

    missing = []
    if DocumentKind.ENFORCEMENT_NOTICE not in documents:
        missing.append(_("the enforcement notice"))
    if DocumentKind.PROPERTY_REPORT_ORDER not in documents:
        missing.append(_("the property-report order"))
    result.append(
        Condition(
            "documents", str(TERMINATION_CONDITIONS["documents"]), not missing, "、".join(missing)
        )
    )

    missing = []
    if MeasureKind.CONSUMPTION_RESTRICTION not in measures:
        missing.append(_("no consumption restriction issued"))
    if MeasureKind.DISHONEST_LISTING not in measures and not listing_exempt_reason.strip():
        missing.append(_("debtor not listed as dishonest, and no legal reason given why not"))
    result.append(
        Condition(
            "restrictions",
            str(TERMINATION_CONDITIONS["restrictions"]),
            not missing,
            "；".join(missing),
        )
    )

    missing = [
        _("%(query)s (run by the online query and control system)") % {"query": label}
        for kind, label in InvestigationKind.choices
        if kind in REQUIRED_ONLINE and kind not in steps
    ]
    if InvestigationKind.ON_SITE not in steps:
        missing.append(str(InvestigationKind.ON_SITE.label))
    if clues_given and InvestigationKind.CLUE_CHECK not in steps:
        missing.append(str(InvestigationKind.CLUE_CHECK.label))
    if property_found and not undisposable_reason.strip():
        missing.append(_("property was found: say why it cannot be disposed of"))
    result.append(
        Condition(
            "investigation",
            str(TERMINATION_CONDITIONS["investigation"]),
            not missing,
            "；".join(missing),
        )
    )

    earliest = add_months(case.filed_on, 3)
    result.append(
        Condition(
            "three_months",
            str(TERMINATION_CONDITIONS["three_months"]),
            on >= earliest,
            "" if on >= earliest else _("not before %(date)s") % {"date": _day(earliest)},
        )
    )

    ok = InvestigationKind.DEBTOR_SEARCH in steps
    result.append(
        Condition(
            "debtor_search",
            str(TERMINATION_CONDITIONS["debtor_search"]),
            ok,
            "" if ok else _("no search for the debtor (and review of obstruction) recorded"),
        )
    )

    ok = interview is not None and interview.satisfies_rule
    detail = ""
    if interview is None:
        detail = _("no interview with the applicant recorded")
    elif not ok and interview.awaits_president:
        detail = _("the collegial review waits for the decision of the court president")
    elif not ok:
        detail = _(
            "the applicant did not confirm, and no collegial review with the president's approval"
        )
    result.append(Condition("interview", str(TERMINATION_CONDITIONS["interview"]), ok, detail))
    return result


@transaction.atomic
def record_applicant_interview(
    *,
    user,
    case_id: int,
    held_on: dt.date,
    record: str,
    applicant_confirmed: bool,
    collegial_review: bool = False,
    president_approved: bool = False,
) -> ApplicantInterview:
    """Before 终本 the applicant is told and heard (约谈申请执行人): the applicant
    signs a confirmation, or a collegial panel reviews and the president decides
    (``decide_termination_review``) — the approval is the president's own record,
    never ticked by the one recording the interview (issue 17, finding 9). Only
    implementation cases end by 终本.
    Source: DOMAIN.md §2 "Closing types" (终本: the applicant is heard)."""
    case = lock_case(case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    if CASE_CLASS[case.case_type] != CaseClass.IMPLEMENTATION:
        raise ValidationError(
            _(
                "终本 applies only to implementation cases (执、执恢、执保); a %(type)s case "
                "closes by its review outcome."
            )
            % {"type": case.case_type},
            code="termination_on_review",
        )
    if president_approved:
        raise ValidationError(
            {
                "president_approved": [
                    _(
                        "The president's approval is given by the court president on the case "
                        "page, not recorded with the interview."
                    )
                ]
            },
            code="self_certified",
        )
    if held_on < case.filed_on or held_on > timezone.localdate():
        raise ValidationError(
            {"held_on": [_("The interview date must be between filing and today.")]}
        )
    if not record.strip():
        raise ValidationError({"record": [_("Write down what the applicant was told and said.")]})
    return ApplicantInterview.objects.create(
        case=case,
        held_on=held_on,
        record=record,
        applicant_confirmed=applicant_confirmed,
        collegial_review=collegial_review,
        recorded_by=user,
    )


@transaction.atomic
def decide_termination_review(
    *, user, interview_id: int, approve: bool, opinion: str = ""
) -> ApplicantInterview:
    """终本 without the applicant's confirmation needs a collegial review approved by
    the court president, or the vice-president to whom it is delegated (DOMAIN.md
    §2 "Who approves"); nobody approves what they recorded. Decided once."""
    interview = ApplicantInterview.objects.select_for_update().get(pk=interview_id)
    case = lock_case(interview.case_id)
    if not can_approve_extension(user, case):
        raise ValidationError(
            _(
                "Only the president of %(court)s, or the vice-president to whom the president "
                "delegated it, approves 终本 after a collegial review (DOMAIN.md §2)."
            )
            % {"court": case.court.name},
            code="approver",
        )
    if interview.recorded_by_id == user.pk:
        raise ValidationError(
            _("Nobody approves their own request: another person decides this review."),
            code="own_request",
        )
    if not interview.collegial_review:
        raise ValidationError(_("Only a collegial review goes to the president."))
    if interview.decided_at is not None:
        if interview.decided_by_id == user.pk and interview.president_approved == approve:
            return interview  # the same decision sent twice: the first stands
        raise ValidationError(_("This review has already been decided."))
    ensure_open(case)
    interview.president_approved = approve
    interview.decided_by, interview.decided_at, interview.opinion = user, timezone.now(), opinion
    interview.save(update_fields=["president_approved", "decided_by", "decided_at", "opinion"])
    return interview


# Closing carries the statistics: decided by the handling judge or leadership.
may_close = may_decide


def _closing_type_errors(case: EnforcementCase, closing_type: str) -> list[str]:
    """Closing types by case class (DOMAIN.md §2): review cases close by review
    outcomes; 不予执行 only for arbitral awards and notarised debts."""
    allowed = closing_types_for(case.case_type)
    if closing_type not in allowed:
        labels = "、".join(str(label) for value, label in ClosingType.choices if value in allowed)
        if CASE_CLASS[case.case_type] == CaseClass.IMPLEMENTATION:
            rule = _("an implementation case closes by one of the six closing types")
        else:
            rule = _(
                "a review case (执异、执复、执监、执协、执他) closes by its review outcome, "
                "never as 执行完毕 or 终本"
            )
        return [
            _("A %(type)s case cannot close as “%(closing)s”: %(rule)s (%(allowed)s).")
            % {
                "type": case.case_type,
                "closing": dict(ClosingType.choices).get(closing_type, closing_type),
                "rule": rule,
                "allowed": labels,
            }
        ]
    if closing_type == ClosingType.REFUSED and case.origin not in REFUSABLE_ORIGINS:
        return [
            _(
                "不予执行 applies only to arbitral awards and notarised debt instruments; "
                "the title of this case is “%(origin)s”."
            )
            % {"origin": case.get_origin_display()}
        ]
    return []


def _performance_errors(
    case: EnforcementCase, basis: str, evidence: DossierFile | None
) -> dict[str, list[str]]:
    """执行完毕 needs performance (法发〔2014〕26号, DOMAIN.md §2): the ledger shows
    the amount due recovered, or a settlement performed in full, the act done or
    the applicant's written confirmation is in the dossier."""
    recovered, due = case.amount_recovered, case.amount_claimed
    if basis in ("", PerformanceBasis.LEDGER):
        if due > 0 and recovered >= due:
            return {}
        return {
            "performance_basis": [
                _(
                    "执行完毕 needs the title performed: the ledger shows %(recovered)s of "
                    "%(due)s yuan recovered. Missing: %(missing)s yuan, or a settlement "
                    "agreement performed in full, the act done, or the applicant's written "
                    "confirmation, with its evidence in the dossier."
                )
                % {
                    "recovered": recovered,
                    "due": due,
                    "missing": max(due - recovered, Decimal("0")),
                }
            ]
        }
    if basis not in PerformanceBasis.needing_evidence():
        return {"performance_basis": [_("Unknown basis of performance.")]}
    if evidence is None:
        return {
            "performance_evidence": [
                _(
                    "执行完毕 on “%(basis)s” needs its evidence: choose the dossier file "
                    "that records it (upload it to the dossier first)."
                )
                % {"basis": PerformanceBasis(basis).label}
            ]
        }
    return {}


def _is_repeat(case, closing_type: str, closed_on: dt.date, expected_version) -> bool:
    """A double submit of the closing form (issue 15 item 6): the case was closed in
    the same way on the same day by the save right after the version the form saw."""
    return (
        case.is_closed
        and expected_version is not None
        and case.closing_type == closing_type
        and case.closed_on == closed_on
        and case.version == int(expected_version) + 1
    )


@transaction.atomic
def close_case(
    *,
    user,
    case_id: int,
    closing_type: str,
    closed_on: dt.date,
    note: str = "",
    termination_reason: str = "",
    listing_exempt_reason: str = "",
    undisposable_reason: str = "",
    expected_version: int | None = None,
    allow_balance: bool = False,
    performance_basis: str = "",
    performance_evidence_id: int | None = None,
) -> EnforcementCase:
    """Close the case, only by the handling judge or the bureau's leadership, under its
    closing type's conditions: 终本 only when every condition holds, 执行完毕 only
    with performance, no funds left unless allowed; the same form twice closes once
    (DOMAIN.md §2 "Closing types", "Who files what, and what each closing needs")."""
    case = lock_case(case_id)
    ensure_can_change(user, case)
    if _is_repeat(case, closing_type, closed_on, expected_version):
        return case  # the same closing form sent twice: the first closing stands
    ensure_open(case)
    check_version(case, expected_version)
    if not may_close(user, case):
        raise ValidationError(
            _(
                "Only the handling judge or the bureau's leadership may close a case "
                "(DOMAIN.md §2); a judge assistant or clerk may prepare it but not close it."
            ),
            code="closing_role",
        )
    if closing_type not in ClosingType.values:
        raise ValidationError({"closing_type": [_("Unknown closing type.")]})
    errors = _closing_type_errors(case, closing_type)
    if errors:
        raise ValidationError({"closing_type": errors}, code="closing_type")
    evidence = None
    if closing_type == ClosingType.FULLY_EXECUTED:
        if performance_evidence_id:
            evidence = DossierFile.objects.filter(pk=performance_evidence_id, case=case).first()
            if evidence is None:
                raise ValidationError(
                    {"performance_evidence": [_("The evidence must be a file of this case.")]}
                )
        problems = _performance_errors(case, performance_basis, evidence)
        if problems:
            raise ValidationError(problems, code="not_performed")
    if closed_on < case.filed_on or closed_on > timezone.localdate():
        raise ValidationError(
            {"closed_on": [_("The closing date must be between filing and today.")]}
        )
    if (
        case.pauses.filter(ended_on__isnull=True).exists()
        and closing_type == ClosingType.FULLY_EXECUTED
    ):
        raise ValidationError(
            _("The case is stayed or suspended; resume it before closing it as fully executed.")
        )
    if (
        closing_type == ClosingType.TERMINATED
        and termination_reason not in TerminationReason.values
    ):
        raise ValidationError({"termination_reason": [_("Say why enforcement is terminated.")]})
    if closing_type == ClosingType.TERMINATED_PROCEDURE:
        missing = [
            c
            for c in termination_checklist(
                case,
                on=closed_on,
                listing_exempt_reason=listing_exempt_reason,
                undisposable_reason=undisposable_reason,
            )
            if not c.satisfied
        ]
        if missing:
            raise ValidationError(
                {
                    "closing_type": [
                        _("终本 is not allowed yet. Missing: %(items)s")
                        % {"items": "；".join(f"{c.label}（{c.missing}）" for c in missing)}
                    ]
                },
                code="termination_conditions",
            )
    account = getattr(case, "account", None)
    if account is not None and account.balance > 0 and not allow_balance:
        raise ValidationError(
            _(
                "%(amount)s yuan of case funds are still on the account; disburse them before closing."
            )
            % {"amount": account.balance}
        )
    move_status(case, CaseStatus.CLOSED)
    case.closing_type, case.closed_on = closing_type, closed_on
    case.termination_reason = termination_reason if closing_type == ClosingType.TERMINATED else ""
    extra = [s for s in (listing_exempt_reason, undisposable_reason) if s.strip()]
    case.closing_note = "\n".join([note, *extra]).strip()
    if closing_type == ClosingType.FULLY_EXECUTED:
        case.performance_basis = performance_basis or PerformanceBasis.LEDGER
        case.performance_evidence = evidence
    bump_version(case)
    case.save()
    complete_nodes(case, CompletionEvent.CLOSED, closed_on)
    # The releases after performance outlive the closing: they are due after it.
    CaseNode.objects.filter(case=case, status=NodeStatus.OPEN).exclude(
        definition__code=releases.RELEASE_NODE
    ).update(status=NodeStatus.CANCELLED)
    if closing_type == ClosingType.FULLY_EXECUTED:
        releases.propose_releases(case, closed_on)
    return case


@transaction.atomic
def resume_enforcement(*, user, case_id: int, filed_on: dt.date, reason: str) -> EnforcementCase:
    """Resumption (执恢) files a new case that continues the closed one
    (``origin_case``): same parties and title, the unrecovered amount. The origin
    is a 终本 case, or a case commissioned out and taken back
    (``commission.take_back_commission``; ``filing.check_resumption_origin``).
    Source: DOMAIN.md §2 "Closing types" (恢复执行)."""
    original = EnforcementCase.objects.select_for_update().get(pk=case_id)
    ensure_can_change(user, original)
    if original.closing_type not in (ClosingType.TERMINATED_PROCEDURE, ClosingType.TERMINATED):
        raise ValidationError(
            _("Only a case closed by 终本 is resumed; file a new case otherwise.")
        )
    # Locked above: a second resumption waits here, then is refused (DOMAIN.md §2).
    check_resumption_origin(original.pk, original.court_id)
    if user is not None:
        check_filing_date(user, filed_on, "", timezone.localdate())
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why enforcement resumes (e.g. property found).")]})
    remaining = max(original.amount_claimed - original.amount_recovered, Decimal("0"))
    parties = [PartyData.of(p) for p in original.parties.all()]
    return file_case(
        user=None,
        data=FilingData(
            case_type=CaseType.RESUMED,
            title_issuer=original.title_issuer,
            title_document_number=original.title_document_number,
            title_effective_on=original.title_effective_on,
            amount_claimed=remaining,
            filed_on=filed_on,
            origin=original.origin,
            cause=original.cause,
            court_id=original.court_id,
            parties=parties,
            origin_case_id=original.pk,
            is_criminal_property=original.is_criminal_property,
        ),
    )
