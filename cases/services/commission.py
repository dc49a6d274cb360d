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
from cases.services.common import ensure_can_change, ensure_event_date, ensure_open, lock_case
from cases.services.filing import FilingData, file_case
from cases.services.nodes import open_nodes
from courts.models import Court

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
    day)."""
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
    commissioning court, which completes its 15- and 30-day nodes."""
    commission = Commission.objects.select_for_update().get(pk=commission_id)
    case = lock_case(commission.case_id)
    ensure_can_change(user, case)
    if commission.status != CommissionStatus.OPEN:
        raise ValidationError(_("The report of this commission is already recorded."))
    if not commission.sent_on <= reported_on <= timezone.localdate():
        raise ValidationError(
            {"reported_on": [_("The report is dated between the commission and today.")]}
        )
    if not report.strip():
        raise ValidationError({"report": [_("Write what the report says.")]})
    commission.status = CommissionStatus.REPORTED
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
