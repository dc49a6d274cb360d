"""Intake of criminal property judgments (DOMAIN.md §4): the trial department's
transfer form (移送执行表) is received, and the case filed to the intermediate
court's criminal enforcement bureau whichever court judged it (centralised
jurisdiction), within 7 days of the form's receipt; it is enforced within 6 months
(the ordinary closing node of a 执 case)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import (
    CRIMINAL_JUDGMENT_TRANSITIONS,
    CaseOrigin,
    CaseType,
    CriminalItemKind,
    CriminalJudgmentStatus,
    PartyKind,
    PartyRole,
    TriggerEvent,
)
from cases.models import (
    CommutationReview,
    CriminalJudgment,
    CriminalJudgmentItem,
    EnforcementCase,
    Party,
)
from cases.numbers import normalise_parentheses
from cases.reference_data_criminal import CRIMINAL_FILING
from cases.services.criminal.common import (
    complete_node_by_code,
    criminal_bureau,
    may_work_criminal,
    money,
)
from cases.services.criminal.commutation import link_convict_cases
from cases.services.filing import FilingData, file_case
from cases.services.nodes import open_nodes
from cases.services.parties import PartyData
from courts.models import Court
from haikou_exec.formats import written_date as _day
from haikou_exec.identifiers import validate_resident_id
from haikou_exec.states import move

FILING_LIMIT_DAYS = 7
# Items whose payee is a person named on the form.
BENEFICIARY_ITEMS = frozenset(
    {CriminalItemKind.MEDICAL_COSTS, CriminalItemKind.RESTITUTION, CriminalItemKind.CIVIL_DEBT}
)


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
            item.amount = money(item.amount, "items")
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
    (then it waits in the intake list, its 7-day limit counting).
    Source: DOMAIN.md §4: centralised jurisdiction, filed within 7 days."""
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
    """The day a criminal property judgment must be filed by: FILING_LIMIT_DAYS after it is received
    (DOMAIN.md §4)."""
    return judgment.received_on + dt.timedelta(days=FILING_LIMIT_DAYS)


@transaction.atomic
def file_criminal_judgment(*, user, judgment_id: int, filed_on: dt.date) -> EnforcementCase:
    """File the case to the criminal enforcement bureau. The filing node counts
    from the form's receipt and is done on the filing date (late if after 7 days).
    Source: DOMAIN.md §4, §2 "Who files what"."""
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
    # Filed once (CRIMINAL_JUDGMENT_TRANSITIONS); saved with its case below.
    move(
        judgment,
        CriminalJudgmentStatus.FILED,
        CRIMINAL_JUDGMENT_TRANSITIONS,
        message=lambda j: _("This judgment was already filed as %(case)s.") % {"case": j.case},
        code="filed",
    )
    if not judgment.received_on <= filed_on <= timezone.localdate():
        raise ValidationError(
            {
                "filed_on": [
                    _("The filing date is between the form's receipt (%(date)s) and today.")
                    % {"date": _day(judgment.received_on)}
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
    complete_node_by_code(case, CRIMINAL_FILING, filed_on)
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
    judgment.save(update_fields=["case", "status"])
    # A 刑更 review already open for this convict sees the new case.
    if judgment.convict_id_number:
        for review in CommutationReview.objects.filter(
            convict_id_number=judgment.convict_id_number
        ):
            link_convict_cases(review)
    return case
