"""Criminal property judgments and commutation/parole review (DOMAIN.md §4).

- Intake of the trial department's transfer form (移送执行表). Every criminal
  property case in the city is filed to the intermediate court's criminal
  enforcement bureau whichever court judged it (centralised jurisdiction), within
  7 days of the form's receipt; it is enforced within 6 months (the ordinary
  closing node of a 执 case).
- Receipts are allocated over the judgment's items in the legal order: medical
  costs → restitution to victims → other civil debts → fines → confiscation
  (最高人民法院《关于刑事裁判涉财产部分执行的若干规定》art. 13). A later class
  receives nothing while an earlier one is unpaid; within a class the items share
  pro rata.
- 刑更: the review case is linked to the convict's enforcement cases (by resident
  ID, and by hand); the certificate of performance status is due 7 days after the
  prison's request and is generated as a PDF from the ledger and the measures,
  with the "able but not paying" facts (法释〔2024〕5号).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from cases.choices import (
    AbilityFactKind,
    CaseLinkMethod,
    CaseOrigin,
    CaseType,
    CommutationKind,
    CriminalItemKind,
    CriminalJudgmentStatus,
    DossierCategory,
    LedgerEntryKind,
    NodeStatus,
    PartyKind,
    PartyRole,
    TriggerEvent,
)
from cases.models import (
    AbilityToPayFact,
    CaseNode,
    CommutationLink,
    CommutationReview,
    CriminalJudgment,
    CriminalJudgmentItem,
    DossierFile,
    EnforcementCase,
    LedgerEntry,
    Measure,
    Party,
    PerformanceCertificate,
    ReceiptAllocation,
)
from cases.numbers import normalise_parentheses
from cases.reference_data_criminal import COMMUTATION_CERTIFICATE, CRIMINAL_FILING
from cases.services.common import ensure_can_change, lock_case
from cases.services.dossier import add_generated_file
from cases.services.filing import FilingData, file_case
from cases.services.ledger import record_receipt
from cases.services.nodes import open_nodes
from cases.services.parties import PartyData
from courts.access import VIEW, lock_for, scope_for
from courts.choices import BureauKind
from courts.models import Bureau, Court
from haikou_exec.identifiers import validate_resident_id

CENT = Decimal("0.01")
FILING_LIMIT_DAYS = 7
CERTIFICATE_LIMIT_DAYS = 7
# The names a court document uses, whatever the interface language.
ITEM_NAMES_CN = {
    CriminalItemKind.MEDICAL_COSTS: "人身损害赔偿中的医疗费用",
    CriminalItemKind.RESTITUTION: "退赔被害人的损失",
    CriminalItemKind.CIVIL_DEBT: "其他民事债务",
    CriminalItemKind.FINE: "罚金",
    CriminalItemKind.CONFISCATION: "没收财产",
    CriminalItemKind.ILLICIT_PROPERTY: "追缴违法所得、赃款赃物",
}
FACT_NAMES_CN = {
    AbilityFactKind.HIDDEN_ASSETS: "隐藏、转移财产",
    AbilityFactKind.FALSE_DECLARATION: "虚假申报财产",
    AbilityFactKind.EXCESSIVE_SPENDING: "服刑期间消费明显超出规定额度",
    AbilityFactKind.OTHER: "其他有履行能力而不履行的情形",
}
# Items whose payee is a person named on the form.
BENEFICIARY_ITEMS = frozenset(
    {CriminalItemKind.MEDICAL_COSTS, CriminalItemKind.RESTITUTION, CriminalItemKind.CIVIL_DEBT}
)


def may_work_criminal(user) -> bool:
    """Intake and 刑更 belong to the criminal enforcement bureau (and the
    intermediate bureau's leadership)."""
    scope = scope_for(user)
    return scope.superuser or scope.criminal_citywide or scope.city_leadership


def criminal_bureau() -> Bureau:
    return Bureau.objects.select_related("court").get(kind=BureauKind.CRIMINAL_ENFORCEMENT)


def _money(value, field: str) -> Decimal:
    try:
        amount = Decimal(value)
    except Exception:  # noqa: BLE001 - any unparsable input is the same user error
        raise ValidationError({field: [_("Enter an amount in yuan.")]}) from None
    if amount <= 0:
        raise ValidationError({field: [_("The amount must be more than zero.")]})
    if amount.as_tuple().exponent < -2:
        raise ValidationError({field: [_("Amounts are in yuan with at most 2 decimals.")]})
    return amount


def _complete_node(case: EnforcementCase, code: str, on: dt.date) -> int:
    return CaseNode.objects.filter(case=case, definition__code=code, status=NodeStatus.OPEN).update(
        status=NodeStatus.DONE, completed_on=on
    )


# Intake -------------------------------------------------------------------------


@dataclass
class ItemData:
    kind: str
    amount: Decimal
    beneficiary_name: str = ""
    description: str = ""


@dataclass
class TransferFormData:
    """The transfer form (移送执行表) as the trial department sends it."""

    judging_court_id: int
    judgment_number: str
    judgment_effective_on: dt.date
    convict_name: str
    received_on: dt.date
    items: list[ItemData]
    convict_id_number: str = ""
    convict_prison: str = ""
    crime: str = ""
    form_number: str = ""


def _validate_form(data: TransferFormData, today: dt.date) -> None:
    errors: dict[str, list[str]] = {}
    if not Court.objects.filter(pk=data.judging_court_id).exists():
        errors["judging_court"] = [_("Choose the court that gave the judgment.")]
    if not data.judgment_number.strip():
        errors["judgment_number"] = [_("Give the judgment's number.")]
    if not data.convict_name.strip():
        errors["convict_name"] = [_("Give the convict's name.")]
    if data.convict_id_number:
        try:
            data.convict_id_number = validate_resident_id(data.convict_id_number)
        except ValidationError as exc:
            errors["convict_id_number"] = exc.messages
    if data.received_on > today:
        errors["received_on"] = [_("The date of receipt cannot be in the future.")]
    if data.judgment_effective_on > data.received_on:
        errors["judgment_effective_on"] = [
            _("The judgment must have taken effect before the form was received.")
        ]
    if not data.items:
        errors["items"] = [_("The form lists at least one property item.")]
    for index, item in enumerate(data.items, start=1):
        if item.kind not in CriminalItemKind.values:
            errors.setdefault("items", []).append(_("Item %(n)d: unknown kind.") % {"n": index})
            continue
        try:
            item.amount = _money(item.amount, "items")
        except ValidationError as exc:
            errors.setdefault("items", []).append(
                _("Item %(n)d: %(msg)s") % {"n": index, "msg": " ".join(exc.messages)}
            )
        item.beneficiary_name = (item.beneficiary_name or "").strip()
        if item.kind in BENEFICIARY_ITEMS and not item.beneficiary_name:
            errors.setdefault("items", []).append(
                _("Item %(n)d (%(kind)s): name the victim or creditor.")
                % {"n": index, "kind": CriminalItemKind(item.kind).label}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def receive_transfer_form(
    *,
    user,
    data: TransferFormData,
    file_now: bool = True,
    filed_on: dt.date | None = None,
) -> CriminalJudgment:
    """Record the transfer form; file the case at once unless ``file_now`` is off
    (then it waits in the intake list, its 7-day limit counting)."""
    if not (may_work_criminal(user) and user.has_perm("cases.add_criminaljudgment")):
        raise ValidationError(
            _("Transfer forms are received by the criminal enforcement bureau."),
            code="permission",
        )
    today = timezone.localdate()
    data.judgment_number = normalise_parentheses(data.judgment_number)
    _validate_form(data, today)
    if CriminalJudgment.objects.filter(
        judgment_number=data.judgment_number, convict_name=data.convict_name.strip()
    ).exists():
        raise ValidationError(
            {
                "judgment_number": [
                    _(
                        "The transfer form of judgment %(number)s for %(convict)s was already received."
                    )
                    % {"number": data.judgment_number, "convict": data.convict_name}
                ]
            },
            code="duplicate",
        )
    bureau = criminal_bureau()
    judgment = CriminalJudgment.objects.create(
        court=bureau.court,
        bureau=bureau,
        judging_court_id=data.judging_court_id,
        judgment_number=data.judgment_number,
        judgment_effective_on=data.judgment_effective_on,
        form_number=data.form_number.strip(),
        convict_name=data.convict_name.strip(),
        convict_id_number=data.convict_id_number,
        convict_prison=data.convict_prison.strip(),
        crime=data.crime.strip(),
        received_on=data.received_on,
        received_by=user,
    )
    CriminalJudgmentItem.objects.bulk_create(
        [
            CriminalJudgmentItem(
                judgment=judgment,
                kind=item.kind,
                amount=item.amount,
                beneficiary_name=item.beneficiary_name,
                description=(item.description or "").strip()[:300],
            )
            for item in data.items
        ]
    )
    if file_now:
        file_criminal_judgment(user=user, judgment_id=judgment.pk, filed_on=filed_on or today)
        judgment.refresh_from_db()
    return judgment


def filing_due_on(judgment: CriminalJudgment) -> dt.date:
    return judgment.received_on + dt.timedelta(days=FILING_LIMIT_DAYS)


@transaction.atomic
def file_criminal_judgment(*, user, judgment_id: int, filed_on: dt.date) -> EnforcementCase:
    """File the case to the criminal enforcement bureau. The filing node counts
    from the form's receipt and is done on the filing date (late if after 7 days)."""
    judgment = (
        CriminalJudgment.objects.select_for_update(of=("self",))
        .select_related("judging_court")
        .get(pk=judgment_id)
    )
    if not (may_work_criminal(user) and user.has_perm("cases.add_enforcementcase")):
        raise ValidationError(
            _("Criminal property cases are filed by the criminal enforcement bureau."),
            code="permission",
        )
    if judgment.status != CriminalJudgmentStatus.RECEIVED:
        raise ValidationError(
            _("This judgment was already filed as %(case)s.") % {"case": judgment.case},
            code="filed",
        )
    if not judgment.received_on <= filed_on <= timezone.localdate():
        raise ValidationError(
            {
                "filed_on": [
                    _("The filing date is between the form's receipt (%(date)s) and today.")
                    % {"date": judgment.received_on}
                ]
            }
        )
    items = list(judgment.items.order_by("id"))
    parties = [
        PartyData(
            role=PartyRole.APPLICANT,
            kind=PartyKind.OTHER_ORGANISATION,
            name=f"{judgment.judging_court.name}（刑事审判部门移送）",
        ),
        PartyData(
            role=PartyRole.RESPONDENT,
            kind=PartyKind.NATURAL_PERSON,
            name=judgment.convict_name,
            id_number=judgment.convict_id_number,
        ),
    ]
    names = []
    for item in items:
        if item.beneficiary_name and item.beneficiary_name not in names:
            names.append(item.beneficiary_name)
    parties += [
        PartyData(role=PartyRole.APPLICANT, kind=PartyKind.NATURAL_PERSON, name=name)
        for name in names
    ]
    case = file_case(
        user=None,
        data=FilingData(
            case_type=CaseType.FIRST,
            title_issuer=judgment.judging_court.name,
            title_document_number=judgment.judgment_number,
            title_effective_on=judgment.judgment_effective_on,
            amount_claimed=sum((i.amount for i in items), Decimal("0")),
            filed_on=filed_on,
            origin=CaseOrigin.CRIMINAL_PROPERTY,
            cause=judgment.crime or "刑事裁判涉财产部分",
            parties=parties,
            is_criminal_property=True,
        ),
    )
    open_nodes(case, TriggerEvent.TRANSFER_RECEIVED, judgment.received_on)
    _complete_node(case, CRIMINAL_FILING, filed_on)
    beneficiaries = {
        p.name: p
        for p in Party.objects.filter(
            case=case, role=PartyRole.APPLICANT, kind=PartyKind.NATURAL_PERSON
        )
    }
    for item in items:
        if item.beneficiary_name in beneficiaries:
            item.beneficiary = beneficiaries[item.beneficiary_name]
    CriminalJudgmentItem.objects.bulk_update(items, ["beneficiary"])
    judgment.case = case
    judgment.status = CriminalJudgmentStatus.FILED
    judgment.save(update_fields=["case", "status"])
    # A 刑更 review already open for this convict sees the new case.
    if judgment.convict_id_number:
        for review in CommutationReview.objects.filter(
            convict_id_number=judgment.convict_id_number
        ):
            link_convict_cases(review)
    return case


# Allocation ---------------------------------------------------------------------


def plan_allocation(
    amount: Decimal, items: list[CriminalJudgmentItem]
) -> tuple[list[tuple[CriminalJudgmentItem, Decimal]], Decimal]:
    """Split ``amount`` over the items in the legal order. Returns the shares and
    what is left over (more than the judgment asks for: to be refunded).

    A class is paid in full before the next one gets anything; when a class cannot
    be paid in full, its items share pro rata (the cents left by rounding go to
    the items in their order on the form)."""
    remaining = Decimal(amount)
    plan: list[tuple[CriminalJudgmentItem, Decimal]] = []
    for kind in CriminalItemKind.payment_order():
        group = [i for i in items if i.kind == kind and i.outstanding > 0]
        if not group or remaining <= 0:
            continue
        owed = sum((i.outstanding for i in group), Decimal("0"))
        if remaining >= owed:
            plan += [(i, i.outstanding) for i in group]
            remaining -= owed
            continue
        shares = [(remaining * i.outstanding / owed).quantize(CENT, ROUND_DOWN) for i in group]
        leftover = remaining - sum(shares, Decimal("0"))
        index = 0
        while leftover > 0:
            if shares[index] < group[index].outstanding:
                shares[index] += CENT
                leftover -= CENT
            index = (index + 1) % len(group)
        plan += [(i, s) for i, s in zip(group, shares, strict=True) if s > 0]
        remaining = Decimal("0")
        break
    return plan, remaining


@transaction.atomic
def allocate_receipts(*, case_id: int) -> list[ReceiptAllocation]:
    """Allocate every receipt of the case not yet allocated, oldest first, under
    the judgment's lock (idempotent: an allocated receipt is never allocated
    again)."""
    judgment = (
        CriminalJudgment.objects.select_for_update(of=("self",)).filter(case_id=case_id).first()
    )
    if judgment is None:
        return []
    items = list(
        CriminalJudgmentItem.objects.select_for_update().filter(judgment=judgment).order_by("id")
    )
    done = ReceiptAllocation.objects.filter(item__judgment=judgment).values("entry_id")
    receipts = (
        LedgerEntry.objects.filter(account__case_id=case_id, kind=LedgerEntryKind.RECEIPT)
        .exclude(pk__in=done)
        .order_by("occurred_on", "id")
    )
    created: list[ReceiptAllocation] = []
    for entry in receipts:
        plan, _rest = plan_allocation(entry.amount, items)
        for item, share in plan:
            item.paid += share
            created.append(ReceiptAllocation(entry=entry, item=item, amount=share))
    if created:
        ReceiptAllocation.objects.bulk_create(created)
        CriminalJudgmentItem.objects.bulk_update(items, ["paid"])
    return created


@transaction.atomic
def record_criminal_receipt(
    *,
    user,
    case_id: int,
    amount,
    counterparty: str,
    occurred_on: dt.date,
    idempotency_key: str,
    bank_reference: str = "",
    note: str = "",
) -> tuple[LedgerEntry, list[ReceiptAllocation]]:
    """A receipt on a criminal property case, allocated at once in the legal order."""
    entry, _created = record_receipt(
        user=user,
        case_id=case_id,
        amount=amount,
        counterparty=counterparty,
        occurred_on=occurred_on,
        idempotency_key=idempotency_key,
        bank_reference=bank_reference,
        note=note,
    )
    allocate_receipts(case_id=case_id)
    return entry, list(entry.criminal_allocations.select_related("item"))


# 刑更 ---------------------------------------------------------------------------


@dataclass
class CommutationData:
    kind: str
    convict_name: str
    prison: str
    requested_on: dt.date
    convict_id_number: str = ""
    request_document_number: str = ""


@transaction.atomic
def open_commutation_review(
    *, user, data: CommutationData, filed_on: dt.date | None = None
) -> CommutationReview:
    """File the 刑更 case at the criminal enforcement bureau on the prison's
    request; the certificate is due 7 days after the request."""
    if not (may_work_criminal(user) and user.has_perm("cases.add_commutationreview")):
        raise ValidationError(
            _("Commutation and parole reviews belong to the criminal enforcement bureau."),
            code="permission",
        )
    today = timezone.localdate()
    filed_on = filed_on or today
    errors: dict[str, list[str]] = {}
    if data.kind not in CommutationKind.values:
        errors["kind"] = [_("Choose commutation or parole.")]
    if not data.convict_name.strip():
        errors["convict_name"] = [_("Give the convict's name.")]
    if not data.prison.strip():
        errors["prison"] = [_("Name the prison that asks.")]
    if data.convict_id_number:
        try:
            data.convict_id_number = validate_resident_id(data.convict_id_number)
        except ValidationError as exc:
            errors["convict_id_number"] = exc.messages
    if data.requested_on > today:
        errors["requested_on"] = [_("The date of the request cannot be in the future.")]
    if not data.requested_on <= filed_on <= today:
        errors["filed_on"] = [_("The filing date is between the request and today.")]
    if errors:
        raise ValidationError(errors)
    bureau = criminal_bureau()
    case = file_case(
        user=None,
        data=FilingData(
            case_type=CaseType.COMMUTATION,
            title_issuer=data.prison.strip(),
            title_document_number=(data.request_document_number or data.prison).strip()[:60],
            title_effective_on=data.requested_on,
            amount_claimed=Decimal("0"),
            filed_on=filed_on,
            origin=CaseOrigin.OTHER,
            cause=str(CommutationKind(data.kind).label),
            court_id=bureau.court_id,
            parties=[
                PartyData(
                    role=PartyRole.RESPONDENT,
                    kind=PartyKind.NATURAL_PERSON,
                    name=data.convict_name.strip(),
                    id_number=data.convict_id_number,
                )
            ],
        ),
    )
    # Filed at the intermediate court; handled by its criminal enforcement bureau.
    EnforcementCase.objects.filter(pk=case.pk).update(bureau=bureau)
    case.bureau = bureau
    nodes = open_nodes(case, TriggerEvent.TRANSFER_RECEIVED, data.requested_on)
    due = next(
        (n.due_on for n in nodes if n.definition.code == COMMUTATION_CERTIFICATE),
        data.requested_on + dt.timedelta(days=CERTIFICATE_LIMIT_DAYS),
    )
    review = CommutationReview.objects.create(
        case=case,
        kind=data.kind,
        convict_name=data.convict_name.strip(),
        convict_id_number=data.convict_id_number,
        prison=data.prison.strip(),
        request_document_number=data.request_document_number.strip(),
        requested_on=data.requested_on,
        certificate_due_on=due,
        created_by=user,
    )
    link_convict_cases(review)
    return review


def link_convict_cases(review: CommutationReview) -> int:
    """Link the convict's criminal property cases found by resident ID."""
    if not review.convict_id_number:
        return 0
    by_party = EnforcementCase.objects.filter(
        is_criminal_property=True,
        parties__role=PartyRole.RESPONDENT,
        parties__id_number=review.convict_id_number,
    ).values_list("pk", flat=True)
    by_form = CriminalJudgment.objects.filter(
        convict_id_number=review.convict_id_number, case__isnull=False
    ).values_list("case_id", flat=True)
    ids = (set(by_party) | set(by_form)) - {review.case_id}
    before = review.links.count()
    CommutationLink.objects.bulk_create(
        [CommutationLink(review=review, case_id=pk, method=CaseLinkMethod.ID_NUMBER) for pk in ids],
        ignore_conflicts=True,
    )
    return review.links.count() - before


def _lock_review(user, review_id: int) -> CommutationReview:
    review = lock_for(CommutationReview, review_id, user, VIEW, related=("case__court",))
    lock_case(review.case_id)
    ensure_can_change(user, review.case)
    return review


@transaction.atomic
def link_case_by_hand(*, user, review_id: int, case_number: str) -> CommutationLink:
    review = _lock_review(user, review_id)
    number = normalise_parentheses(case_number)
    case = EnforcementCase.objects.restrict(user, VIEW).filter(case_number=number).first()
    if case is None:
        raise ValidationError(
            {"case_number": [_("No case %(number)s that you may see.") % {"number": number}]}
        )
    if case.pk == review.case_id:
        raise ValidationError({"case_number": [_("That is the review case itself.")]})
    link, created = CommutationLink.objects.get_or_create(
        review=review,
        case=case,
        defaults={"method": CaseLinkMethod.EXPLICIT, "linked_by": user},
    )
    if not created:
        raise ValidationError(
            {"case_number": [_("Case %(number)s is already linked.") % {"number": number}]}
        )
    return link


@transaction.atomic
def record_ability_fact(
    *,
    user,
    review_id: int,
    kind: str,
    description: str,
    evidence: str,
    found_on: dt.date,
    amount: Decimal | None = None,
    evidence_file_id: int | None = None,
) -> AbilityToPayFact:
    """A fact that the convict could pay but did not (法释〔2024〕5号: hiding or
    transferring assets, a false declaration, excessive spending in prison); the
    evidence is required."""
    review = _lock_review(user, review_id)
    errors: dict[str, list[str]] = {}
    if kind not in AbilityFactKind.values:
        errors["kind"] = [_("Choose what kind of fact it is.")]
    if not (description or "").strip():
        errors["description"] = [_("Describe what was found.")]
    if not (evidence or "").strip():
        errors["evidence"] = [_("Name the evidence: a fact is recorded only with its evidence.")]
    if found_on > timezone.localdate():
        errors["found_on"] = [_("The date cannot be in the future.")]
    if amount is not None and amount < 0:
        errors["amount"] = [_("The amount cannot be negative.")]
    evidence_file = None
    if evidence_file_id:
        evidence_file = DossierFile.objects.filter(
            pk=evidence_file_id,
            case__in=[review.case_id, *review.links.values_list("case_id", flat=True)],
        ).first()
        if evidence_file is None:
            errors["evidence_file"] = [
                _("Choose a file of this case's or a linked case's dossier.")
            ]
    if errors:
        raise ValidationError(errors)
    return AbilityToPayFact.objects.create(
        review=review,
        kind=kind,
        description=description.strip(),
        evidence=evidence.strip(),
        evidence_file=evidence_file,
        amount=amount,
        found_on=found_on,
        recorded_by=user,
    )


def performance_summary(review: CommutationReview) -> dict:
    """What the certificate says, from the ledger (amounts paid per item), the
    measures and the recorded facts, for every linked case."""
    links = list(review.links.select_related("case__court").order_by("case__filed_on", "case_id"))
    case_ids = [link.case_id for link in links]
    judgments = {
        j.case_id: j
        for j in CriminalJudgment.objects.filter(case_id__in=case_ids)
        .select_related("judging_court")
        .prefetch_related("items")
    }
    receipts = dict(
        LedgerEntry.objects.filter(account__case_id__in=case_ids, kind=LedgerEntryKind.RECEIPT)
        .values("account__case_id")
        .annotate(total=Sum("amount"))
        .values_list("account__case_id", "total")
    )
    measures: dict[int, list[Measure]] = {}
    for measure in Measure.objects.filter(case_id__in=case_ids).order_by("started_on", "id"):
        measures.setdefault(measure.case_id, []).append(measure)
    labels = dict(CriminalItemKind.choices)
    order = {
        k: n
        for n, k in enumerate(
            [*CriminalItemKind.payment_order(), CriminalItemKind.ILLICIT_PROPERTY]
        )
    }
    cases, total_owed, total_paid = [], Decimal("0"), Decimal("0")
    for link in links:
        case = link.case
        judgment = judgments.get(case.pk)
        items = []
        if judgment is not None:
            for item in sorted(judgment.items.all(), key=lambda i: (order[i.kind], i.pk)):
                items.append(
                    {
                        "kind": item.kind,
                        "label": str(labels[item.kind]),
                        "label_cn": ITEM_NAMES_CN[item.kind],
                        "beneficiary": item.beneficiary_name,
                        "amount": str(item.amount),
                        "paid": str(item.paid),
                        "outstanding": str(item.amount - item.paid),
                    }
                )
                total_owed += item.amount
                total_paid += item.paid
        cases.append(
            {
                "case_number": case.case_number,
                "court": case.court.name,
                "status": str(case.get_status_display()),
                "judgment_number": judgment.judgment_number
                if judgment
                else case.title_document_number,
                "judging_court": judgment.judging_court.name if judgment else case.title_issuer,
                "amount_claimed": str(case.amount_claimed),
                "received": str(receipts.get(case.pk) or Decimal("0.00")),
                "items": items,
                "measures": [
                    {
                        "kind": str(m.get_kind_display()),
                        "description": m.description,
                        "amount": str(m.amount) if m.amount is not None else "",
                        "started_on": m.started_on.isoformat(),
                        "expires_on": m.expires_on.isoformat() if m.expires_on else "",
                        "status": str(m.get_status_display()),
                    }
                    for m in measures.get(case.pk, [])
                ],
            }
        )
    facts = [
        {
            "kind": f.kind,
            "label": str(f.get_kind_display()),
            "label_cn": FACT_NAMES_CN.get(f.kind, str(f.get_kind_display())),
            "description": f.description,
            "evidence": f.evidence,
            "amount": str(f.amount) if f.amount is not None else "",
            "found_on": f.found_on.isoformat(),
        }
        for f in review.facts.order_by("found_on", "id")
    ]
    if not cases or total_owed == 0:
        performance = "none_linked" if not cases else "no_items"
    elif total_paid >= total_owed:
        performance = "fully_performed"
    elif total_paid > 0:
        performance = "partly_performed"
    else:
        performance = "not_performed"
    return {
        "convict": review.convict_name,
        "convict_id": review.masked_convict_id,
        "prison": review.prison,
        "kind": review.kind,
        "requested_on": review.requested_on.isoformat(),
        "cases": cases,
        "total_owed": str(total_owed),
        "total_paid": str(total_paid),
        "total_outstanding": str(total_owed - total_paid),
        "performance": performance,
        "able_but_not_paying": bool(facts),
        "facts": facts,
    }


def render_certificate_pdf(review: CommutationReview, summary: dict, issued_on: dt.date) -> bytes:
    from weasyprint import HTML

    context = {
        "case": review.case,
        "court": review.case.court,
        "review": review,
        "summary": summary,
        "issued_on": issued_on,
        "font_url": settings.CJK_FONT_PATH.as_uri(),
    }
    # Court documents are in Chinese whatever the user's interface language.
    with override("zh-hans"):
        html = render_to_string("cases/criminal/certificate.html", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


@transaction.atomic
def generate_certificate(
    *, user, review_id: int, issued_on: dt.date | None = None
) -> PerformanceCertificate:
    """The certificate of performance status, saved into the 刑更 case's dossier;
    the first one completes the 7-day node."""
    review = _lock_review(user, review_id)
    issued_on = issued_on or timezone.localdate()
    for case_id in review.links.filter(case__is_criminal_property=True).values_list(
        "case_id", flat=True
    ):
        allocate_receipts(case_id=case_id)
    with override("zh-hans"):
        summary = performance_summary(review)
    pdf = render_certificate_pdf(review, summary, issued_on)
    with override("zh-hans"):
        title = f"罪犯{review.convict_name}财产性判项履行情况证明（{review.case.case_number}）"
    dossier_file = add_generated_file(
        user=user,
        case=review.case,
        content=pdf,
        title=title[:200],
        file_name=f"performance-certificate-{review.pk}.pdf",
        category=DossierCategory.DOCUMENTS,
    )
    certificate, _created = PerformanceCertificate.objects.get_or_create(
        dossier_file=dossier_file,
        defaults={"review": review, "issued_on": issued_on, "issued_by": user, "summary": summary},
    )
    if review.certificate_issued_on is None:
        review.certificate_issued_on = issued_on
        review.save(update_fields=["certificate_issued_on"])
        _complete_node(review.case, COMMUTATION_CERTIFICATE, issued_on)
    return certificate
