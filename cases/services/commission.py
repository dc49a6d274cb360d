"""委托执行: commissioning a court outside Haikou, and receiving commissions from
one (最高人民法院关于委托执行若干问题的规定; DOMAIN.md §2 "Commissioned execution"
and the node table: the commissioned court starts within 15 days and reports in
writing within 30). Within Haikou a case moves by 提级/交叉/指定 (DOMAIN.md §3)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import (
    COMMISSION_TRANSITIONS,
    CaseType,
    ClosingType,
    CommissionDirection,
    CommissionStatus,
    DossierCategory,
    NodeStatus,
    TerminationReason,
    TriggerEvent,
)
from cases.models import CaseNode, Commission, DossierFile
from cases.services.closing import close_case
from cases.services.common import (
    ensure_can_change,
    ensure_event_date,
    ensure_open,
    lock_case,
    may_decide,
)
from cases.services.filing import FilingData, file_case
from cases.services.nodes import open_nodes
from courts.models import Court
from haikou_exec.formats import written_date as _day
from haikou_exec.states import move

# [assumed] the commissioned court files within 7 days (DOMAIN.md §2); [rule] it
# starts within 15 and reports within 30 (the node table).
FILE_DAYS, START_DAYS, REPORT_DAYS = 7, 15, 30
COMMISSION_NODES = ("commission_start", "commission_report")


def _outside_haikou(name: str, field: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({field: [_("Name the court outside Haikou.")]})
    if "海口" in name or Court.objects.filter(name=name).exists():
        raise ValidationError(
            {
                field: [
                    _(
                        "%(court)s is a Haikou court: within Haikou a case moves by elevated, "
                        "cross or designated execution (DOMAIN.md §3), not by commission."
                    )
                    % {"court": name}
                ]
            }
        )
    return name


@transaction.atomic
def commission_case(
    *,
    user,
    case_id: int,
    other_court: str,
    letter_number: str,
    sent_on: dt.date,
    documents,
) -> Commission:
    """Commission a court outside Haikou: the case is sent with its documents (the
    title of execution at least, with the commission letter), and the commissioning
    court closes its case as 终结执行 (委托) — DOMAIN.md §2. The dates by which the
    commissioned court files, starts and reports are kept on the commission."""
    case = lock_case(case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    ensure_event_date(case, sent_on, "sent_on")
    if case.case_type not in CaseType.implementation_codes():
        raise ValidationError(
            _("Only implementation cases (执, 执恢, 执保) are commissioned for execution.")
        )
    errors: dict[str, list[str]] = {}
    try:
        other_court = _outside_haikou(other_court, "other_court")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not letter_number.strip():
        errors["letter_number"] = [_("Give the number of the commission letter (委托执行函).")]
    ids = [getattr(d, "pk", d) for d in documents]
    files = list(DossierFile.objects.filter(case=case, pk__in=ids))
    if len(files) != len(set(ids)):
        errors["documents"] = [_("Send documents of this case's dossier only.")]
    elif not any(f.category == DossierCategory.TITLE for f in files):
        errors["documents"] = [
            _("The case is sent with its documents: include the title of execution (执行依据).")
        ]
    if errors:
        raise ValidationError(errors)
    commission = Commission.objects.create(
        case=case,
        direction=CommissionDirection.OUTGOING,
        other_court=other_court,
        letter_number=letter_number.strip(),
        sent_on=sent_on,
        file_by=sent_on + dt.timedelta(days=FILE_DAYS),
        start_by=sent_on + dt.timedelta(days=START_DAYS),
        report_by=sent_on + dt.timedelta(days=REPORT_DAYS),
        recorded_by=user,
    )
    commission.documents.set(files)
    close_case(
        user=user,
        case_id=case.pk,
        closing_type=ClosingType.TERMINATED,
        termination_reason=TerminationReason.COMMISSIONED,
        closed_on=sent_on,
        note=_("Commissioned to %(court)s (%(letter)s)")
        % {"court": other_court, "letter": commission.letter_number},
    )
    return commission


@transaction.atomic
def receive_commission(
    *,
    user,
    data: FilingData,
    commissioning_court: str,
    commissioning_case_number: str,
    letter_number: str,
) -> Commission:
    """A court outside Haikou commissions us: the case is filed here as 执, its
    origin (the commissioning court, its case and letter) recorded, and the 15-day
    start and 30-day report limits open from the day it is received (the filing
    day).
    Source: 最高人民法院关于委托执行若干问题的规定; DOMAIN.md §2 "Commissioned execution"."""
    errors: dict[str, list[str]] = {}
    try:
        commissioning_court = _outside_haikou(commissioning_court, "commissioning_court")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not commissioning_case_number.strip():
        errors["commissioning_case_number"] = [_("Give the commissioning court's case number.")]
    if not letter_number.strip():
        errors["letter_number"] = [_("Give the number of the commission letter (委托执行函).")]
    if data.case_type != CaseType.FIRST:
        errors["case_type"] = [_("A commission received is filed as 执.")]
    if errors:
        raise ValidationError(errors)
    case = file_case(user=user, data=data)
    commission = Commission.objects.create(
        case=case,
        direction=CommissionDirection.INCOMING,
        other_court=commissioning_court,
        other_case_number=commissioning_case_number.strip(),
        letter_number=letter_number.strip(),
        sent_on=case.filed_on,
        start_by=case.filed_on + dt.timedelta(days=START_DAYS),
        report_by=case.filed_on + dt.timedelta(days=REPORT_DAYS),
        recorded_by=user,
    )
    open_nodes(
        case, TriggerEvent.COMMISSION_RECEIVED, case.filed_on, ref=f"commission:{commission.pk}"
    )
    return commission


@transaction.atomic
def record_commission_report(
    *, user, commission_id: int, reported_on: dt.date, report: str, other_case_number: str = ""
) -> Commission:
    """The written report on the commission: for one we sent, what the commissioned
    court told us (with its case number); for one we received, ours to the
    commissioning court, which completes its 15- and 30-day nodes.
    Source: 最高人民法院关于委托执行若干问题的规定 (a written report within 30 days); DOMAIN.md §2."""
    commission = Commission.objects.select_for_update().get(pk=commission_id)
    case = lock_case(commission.case_id)
    ensure_can_change(user, case)
    # Reported once, and only while open (COMMISSION_TRANSITIONS): a repeat is a conflict.
    move(
        commission,
        CommissionStatus.REPORTED,
        COMMISSION_TRANSITIONS,
        message=_("The report of this commission is already recorded."),
        code="conflict",
    )
    if not commission.sent_on <= reported_on <= timezone.localdate():
        raise ValidationError(
            {"reported_on": [_("The report is dated between the commission and today.")]}
        )
    if not report.strip():
        raise ValidationError({"report": [_("Write what the report says.")]})
    commission.reported_on = reported_on
    commission.report = report.strip()
    if other_case_number.strip():
        commission.other_case_number = other_case_number.strip()
    commission.save(update_fields=["status", "reported_on", "report", "other_case_number"])
    if commission.direction == CommissionDirection.INCOMING:
        CaseNode.objects.filter(
            case=case,
            trigger_ref=f"commission:{commission.pk}",
            definition__code__in=COMMISSION_NODES,
            status=NodeStatus.OPEN,
        ).update(status=NodeStatus.DONE, completed_on=reported_on)
    return commission


@transaction.atomic
def take_back_commission(
    *,
    user,
    commission_id: int,
    kind: str,
    taken_back_on: dt.date,
    letter_number: str,
    reason: str,
):
    """Take back a case commissioned to a court outside Haikou (DOMAIN.md §2: the
    commissioning court "can take it back") and resume it here as 执恢, whose
    origin is the case closed 终结执行 (委托) (法发〔2014〕26号 第六条第四项: a case
    closed by commission and returned by the commissioned court is resumed by 执恢).

    - ``returned`` (退回委托): the commissioned court sent it back, by its letter;
    - ``withdrawn`` (撤回委托): we withdraw it by ours, only while the commissioned
      court has not filed it (no case number of its own, no report): once filed
      there, it is executed there until that court returns it.

    Decided by the handling judge or the bureau's leadership, as the closing was.
    Returns the 执恢 case, filed today."""
    from cases.services.closing import resume_enforcement

    commission = Commission.objects.select_for_update().get(pk=commission_id)
    case = lock_case(commission.case_id)
    ensure_can_change(user, case)
    if not may_decide(user, case):
        raise ValidationError(
            _(
                "Only the handling judge or the bureau's leadership takes back a commissioned "
                "case (DOMAIN.md §2 “Commissioned execution”)."
            ),
            code="take_back_role",
        )
    if commission.direction != CommissionDirection.OUTGOING:
        raise ValidationError(
            _(
                "Only a commission we sent is taken back; a commission received is returned "
                "by the commissioning court's letter, not here."
            )
        )
    if commission.status in CommissionStatus.taken_back():
        raise ValidationError(
            _("This commission was already taken back on %(date)s.")
            % {"date": _day(commission.taken_back_on)},
            code="conflict",
        )
    errors: dict[str, list[str]] = {}
    if kind == CommissionStatus.WITHDRAWN and (
        commission.status == CommissionStatus.REPORTED or commission.other_case_number
    ):
        errors["kind"] = [
            _(
                "%(court)s has filed the commission (%(number)s): it is executed there, and only "
                "that court returns it (退回委托); a withdrawal (撤回委托) is possible only before "
                "it files."
            )
            % {"court": commission.other_court, "number": commission.other_case_number or "—"}
        ]
    elif kind not in CommissionStatus.taken_back():
        errors["kind"] = [_("Choose 退回委托 or 撤回委托.")]
    today = timezone.localdate()
    if not commission.sent_on <= taken_back_on <= today:
        errors["taken_back_on"] = [
            _("The commission is taken back between its sending (%(sent)s) and today.")
            % {"sent": _day(commission.sent_on)}
        ]
    if not letter_number.strip():
        errors["letter_number"] = [
            _("Give the number of the letter returning (退回函) or withdrawing (撤回函) it.")
        ]
    if not reason.strip():
        errors["reason"] = [_("Say why it is taken back (e.g. 委托不当: no property there).")]
    if errors:
        raise ValidationError(errors)
    # The checks above refuse, in their own words, every step the table does not allow
    # (a second take-back; a withdrawal after the commissioned court filed it).
    move(commission, kind, COMMISSION_TRANSITIONS, code="conflict")
    commission.taken_back_on = taken_back_on
    commission.take_back_letter = letter_number.strip()
    commission.take_back_reason = reason.strip()
    commission.save(
        update_fields=["status", "taken_back_on", "take_back_letter", "take_back_reason"]
    )
    return resume_enforcement(
        user=user,
        case_id=case.pk,
        filed_on=today,
        reason=_("%(kind)s by %(court)s (%(letter)s): %(reason)s")
        % {
            "kind": CommissionStatus(kind).label,
            "court": commission.other_court,
            "letter": commission.take_back_letter,
            "reason": commission.take_back_reason,
        },
    )
