"""Filing (立案): lawful case numbers, the title of execution, parties, the case
account and the first process nodes (DOMAIN.md §2)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import (
    CRIMINAL_PROPERTY_RIGHT,
    FILING_RIGHTS,
    CaseOrigin,
    CaseType,
    ClosingType,
    CommissionDirection,
    CommissionStatus,
    TerminationReason,
    TriggerEvent,
)
from cases.models import CaseAccount, Commission, EnforcementCase
from cases.numbers import format_case_number
from cases.services.agents import AgentData, add_agents
from cases.services.nodes import open_nodes
from cases.services.parties import PartyData, add_parties
from courts.access import ADD, scope_for
from courts.choices import BureauKind
from courts.models import Bureau, Court
from haikou_exec.formats import written_date as _day

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def allocate_case_number(court_id: int, year: int, case_type: str) -> int:
    """The next sequence number for a court, year and type code.

    Gap-free and safe under concurrency: the UPDATE takes a row lock held until the
    filing transaction ends, and a rolled-back filing rolls the number back too.
    Must run inside the filing transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("allocate_case_number must run inside the filing transaction")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO cases_casenumbersequence (court_id, year, case_type, last_value) "
            "VALUES (%s, %s, %s, 0) ON CONFLICT (court_id, year, case_type) DO NOTHING",
            [court_id, year, case_type],
        )
        cursor.execute(
            "UPDATE cases_casenumbersequence SET last_value = last_value + 1 "
            "WHERE court_id = %s AND year = %s AND case_type = %s RETURNING last_value",
            [court_id, year, case_type],
        )
        return cursor.fetchone()[0]


def new_public_query_code() -> str:
    """A random 8-character code for the public case query."""
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(8))


@dataclass
class FilingData:
    case_type: str
    title_issuer: str
    title_document_number: str
    title_effective_on: dt.date
    amount_claimed: Decimal
    filed_on: dt.date
    origin: str = CaseOrigin.CIVIL
    cause: str = ""
    court_id: int | None = None
    parties: list[PartyData] = field(default_factory=list)
    origin_case_id: int | None = None
    is_criminal_property: bool = False
    # 补录: an earlier filing date, with its reason, registered by the director.
    late_registration_reason: str = ""
    # Agents (委托代理人): (index of the represented party in ``parties``, agent).
    agents: list[tuple[int, AgentData]] = field(default_factory=list)


LATE_REGISTRATION_DAYS = 30


def check_filing_date(user, filed_on: dt.date, late_reason: str, today: dt.date):
    """The filing date is the day of filing (DOMAIN.md §2). A late registration
    (补录) needs a reason and the director's approval (the director registers it),
    reaches back at most 30 days, and never into a year whose statistics are
    closed (after 31 January). Returns the approver of a late registration."""
    if filed_on >= today:
        return None  # today (a future date is refused with the other fields)
    problem = ""
    if not late_reason.strip():
        problem = _("give the reason for the late registration")
    elif not (user.is_superuser or scope_for(user).leads_bureau):
        problem = _("a late registration is approved by the bureau's director, who registers it")
    elif (today - filed_on).days > LATE_REGISTRATION_DAYS:
        problem = _(
            "a late registration reaches back at most %(days)s days (not before %(date)s)"
        ) % {
            "days": LATE_REGISTRATION_DAYS,
            "date": _day(today - dt.timedelta(days=LATE_REGISTRATION_DAYS)),
        }
    elif filed_on.year < today.year and today > dt.date(today.year, 1, 31):
        problem = _("the statistics of %(year)s were closed on 31 January") % {
            "year": filed_on.year
        }
    if problem:
        raise ValidationError(
            {
                "filed_on": [
                    _(
                        "The filing date is the day of filing (%(today)s); %(date)s is earlier: "
                        "%(problem)s (DOMAIN.md §2 补录)."
                    )
                    % {"today": _day(today), "date": _day(filed_on), "problem": problem}
                ]
            },
            code="filing_date",
        )
    return user


def _validate(data: FilingData, today: dt.date) -> None:
    errors: dict[str, list[str]] = {}
    if data.case_type not in CaseType.values:
        errors["case_type"] = [
            _("“%(code)s” is not a lawful type code; use one of %(codes)s.")
            % {"code": data.case_type, "codes": "、".join(CaseType.values)}
        ]
    if data.amount_claimed is None or Decimal(data.amount_claimed) < 0:
        errors["amount_claimed"] = [_("The amount claimed cannot be negative.")]
    elif Decimal(data.amount_claimed).as_tuple().exponent < -2:
        errors["amount_claimed"] = [_("Amounts are in yuan with at most 2 decimals.")]
    if data.filed_on > today:
        errors["filed_on"] = [_("The filing date cannot be in the future.")]
    if data.title_effective_on > data.filed_on:
        errors["title_effective_on"] = [
            _("The title must have taken effect before the case is filed.")
        ]
    if data.case_type in CaseType.implementation_codes():
        roles = {p.role for p in data.parties}
        if not {"applicant", "respondent"} <= roles and data.case_type != CaseType.RESUMED:
            errors["parties"] = [
                _("An implementation case needs at least one applicant and one respondent.")
            ]
    if any(not 0 <= index < len(data.parties) for index, _agent in data.agents):
        errors["agents"] = [_("Each agent represents one of the parties filed with the case.")]
    if errors:
        raise ValidationError(errors)


def filing_court_for(user, requested_court_id: int | None) -> Court:
    """Officers file in their own court; city-wide readers may file for any court.
    A request naming a court the user may not file in is refused, never rewritten."""
    scope = scope_for(user)
    if requested_court_id:
        court = Court.objects.filter(pk=requested_court_id).first()
        if court is None:
            raise ValidationError({"court": [_("Unknown court.")]}, code="court")
        if scope.all_courts or court.pk == scope.court_id:
            return court
        raise ValidationError(
            {
                "court": [
                    _(
                        "You file cases in your own court only; %(court)s is not yours "
                        "(leave the court out, or ask that court to file)."
                    )
                    % {"court": court.name}
                ]
            },
            code="court",
        )
    if scope.court_id is None:
        raise ValidationError({"court": [_("Choose the court the case is filed in.")]})
    return Court.objects.get(pk=scope.court_id)


def _refuse_filing(code: str, where: str, rule) -> ValidationError:
    return ValidationError(
        {
            "case_type": [
                _("%(code)s cannot be filed %(where)s: %(rule)s (DOMAIN.md §2).")
                % {"code": code, "where": where, "rule": rule}
            ]
        },
        code="filing_rights",
    )


def filing_place(user, data: FilingData) -> tuple[Court, Bureau]:
    """The court and bureau a case is filed in, from the one table of filing rights
    (``cases.choices.FILING_RIGHTS``): 执复 and 执监 only at the intermediate court,
    刑更 and criminal-property cases only through the criminal enforcement bureau's
    intake (``user is None`` there), never through the generic filing page or API."""
    if data.is_criminal_property:
        right, label = CRIMINAL_PROPERTY_RIGHT, _("a criminal-property case")
    else:
        right, label = FILING_RIGHTS[data.case_type], data.case_type
    if user is not None and right.intake_only:
        raise _refuse_filing(label, _("through the filing page or API"), right.rule)
    if data.is_criminal_property:
        bureau = Bureau.objects.select_related("court").get(kind=BureauKind.CRIMINAL_ENFORCEMENT)
        return bureau.court, bureau
    if user is None:
        court = Court.objects.get(pk=data.court_id)
    else:
        court = filing_court_for(user, data.court_id)
    if court.tier not in right.tiers:
        raise _refuse_filing(label, _("at %(court)s") % {"court": court.name}, right.rule)
    if user is not None:
        scope = scope_for(user)
        if not (scope.superuser or scope.city_leadership) and scope.criminal_citywide != (
            right.bureau == BureauKind.CRIMINAL_ENFORCEMENT
        ):
            raise _refuse_filing(
                label,
                _("by your bureau"),
                _("each bureau files only the cases the table of filing rights gives it"),
            )
    return court, Bureau.objects.get(court=court, kind=right.bureau)


RESUMABLE_CLOSINGS = frozenset({ClosingType.TERMINATED_PROCEDURE})


def _commissioned_out(origin: EnforcementCase) -> bool:
    return (
        origin.closing_type == ClosingType.TERMINATED
        and origin.termination_reason == TerminationReason.COMMISSIONED
    )


def _commission_problem(origin: EnforcementCase) -> str:
    """A case closed 终结执行 (委托) is resumed once the commission was taken back
    — returned by the commissioned court or withdrawn by us (法发〔2014〕26号 第六条
    第四项) — not while the commissioned court executes it."""
    commission = (
        Commission.objects.filter(case=origin, direction=CommissionDirection.OUTGOING)
        .order_by("-sent_on", "-id")
        .first()
    )
    if commission is None or commission.status in CommissionStatus.taken_back():
        return ""
    return _(
        "%(case)s is commissioned to %(court)s and executed there: it is resumed only once "
        "the commission is taken back (退回委托 or 撤回委托)"
    ) % {"case": origin.case_number, "court": commission.other_court}


def check_resumption_origin(origin_case_id: int | None, court_id: int) -> EnforcementCase:
    """执恢 needs an origin (法发〔2014〕26号; DOMAIN.md §2 "执恢 needs an origin"):
    an implementation case of the same court closed by 终本, or closed 终结执行 (委托)
    and taken back from the commissioned court (第六条第四项), resumed at most once
    (a later resumption starts from the latest case). The origin row is locked, so
    two resumptions filed at once are one after the other and the second sees the
    first."""
    if not origin_case_id:
        raise ValidationError(
            {
                "origin_case": [
                    _(
                        "A 执恢 case needs its origin: the 终本 case of this court it resumes "
                        "(use “resume enforcement” on that case)."
                    )
                ]
            },
            code="resumption_origin",
        )
    origin = (
        EnforcementCase.objects.select_for_update()
        .filter(pk=origin_case_id)
        .only(
            "pk",
            "court_id",
            "case_type",
            "status",
            "closing_type",
            "termination_reason",
            "case_number",
        )
        .first()
    )
    problem = ""
    if origin is None:
        problem = _("the origin case does not exist")
    elif origin.court_id != court_id:
        problem = _("%(case)s is another court's case") % {"case": origin.case_number}
    elif origin.case_type not in CaseType.implementation_codes():
        problem = _("%(case)s is not an implementation case") % {"case": origin.case_number}
    elif _commissioned_out(origin):
        problem = _commission_problem(origin)
    elif origin.closing_type not in RESUMABLE_CLOSINGS:
        problem = _("%(case)s was not closed by 终本") % {"case": origin.case_number}
    if origin is not None and not problem:
        resumed = (
            EnforcementCase.objects.filter(origin_case=origin, case_type=CaseType.RESUMED)
            .values_list("case_number", flat=True)
            .first()
        )
        if resumed:
            problem = _(
                "%(case)s was already resumed by %(resumed)s; resume the latest case instead"
            ) % {"case": origin.case_number, "resumed": resumed}
    if problem:
        raise ValidationError(
            {
                "origin_case": [
                    _(
                        "执恢 is filed only from a case of the same court closed by 终本, or "
                        "taken back from a commission, once: %(problem)s."
                    )
                    % {"problem": problem}
                ]
            },
            code="resumption_origin",
        )
    return origin


def check_reconsideration_origin(origin_case_id: int, court) -> EnforcementCase:
    """The origin of a 执复 is the 执异 case whose ruling it reviews, at a court one
    level below (DOMAIN.md §2 "Filing rights by court level": 执复 is decided by
    the court one level up)."""
    origin = EnforcementCase.objects.filter(pk=origin_case_id).select_related("court").first()
    if (
        origin is None
        or origin.case_type != CaseType.OBJECTION
        or origin.court.parent_id != court.pk
    ):
        raise ValidationError(
            {
                "origin_case": [
                    _(
                        "执复 reviews the 执异 ruling of a court one level below %(court)s: "
                        "the origin must be such a 执异 case."
                    )
                    % {"court": court.name}
                ]
            },
            code="reconsideration_origin",
        )
    return origin


@transaction.atomic
def file_case(*, user, data: FilingData, today: dt.date | None = None) -> EnforcementCase:
    """File a case: validate, allocate the number, create parties (several on each
    side: natural persons, legal persons, other organisations) and their agents,
    the account and the first nodes.

    Criminal-property cases go to the criminal enforcement bureau of the
    intermediate court, whichever court judged them (DOMAIN.md §4)."""
    today = today or timezone.localdate()
    _validate(data, today)
    if user is not None and not user.has_perm(f"cases.{ADD}_enforcementcase"):
        raise ValidationError(_("You may not file cases."))
    approver = (
        check_filing_date(user, data.filed_on, data.late_registration_reason, today)
        if user is not None
        else None
    )
    court, bureau = filing_place(user, data)
    if data.case_type == CaseType.RESUMED:
        check_resumption_origin(data.origin_case_id, court.pk)
    elif data.case_type == CaseType.RECONSIDERATION and data.origin_case_id:
        check_reconsideration_origin(data.origin_case_id, court)
    year = data.filed_on.year
    sequence = allocate_case_number(court.pk, year, data.case_type)
    case = EnforcementCase.objects.create(
        court=court,
        bureau=bureau,
        case_type=data.case_type,
        year=year,
        sequence=sequence,
        case_number=format_case_number(year, court.code, data.case_type, sequence),
        origin=data.origin,
        title_issuer=data.title_issuer,
        title_document_number=data.title_document_number,
        title_effective_on=data.title_effective_on,
        cause=data.cause,
        amount_claimed=Decimal(data.amount_claimed),
        filed_on=data.filed_on,
        origin_case_id=data.origin_case_id,
        public_query_code=new_public_query_code(),
        is_criminal_property=data.is_criminal_property,
        late_registration_reason=data.late_registration_reason.strip() if approver else "",
        late_registration_approved_by=approver,
    )
    parties = add_parties(case, data.parties)
    add_agents(case, [(parties[index], agent) for index, agent in data.agents])
    CaseAccount.objects.create(case=case)
    open_nodes(case, TriggerEvent.FILING, data.filed_on)
    return case
