"""刑更 (commutation and parole) reviews (DOMAIN.md §4; 法释〔2024〕5号): the
review case is filed at the criminal enforcement bureau on the prison's request,
linked to the convict's enforcement cases (by resident ID, and by hand), and
collects the facts that the convict could pay but did not. The certificate of
performance status (``cases.services.criminal.certificates``) is due 7 days after
the request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import (
    AbilityFactKind,
    CaseLinkMethod,
    CaseOrigin,
    CaseType,
    CommutationKind,
    PartyKind,
    PartyRole,
    TriggerEvent,
)
from cases.models import (
    AbilityToPayFact,
    CommutationLink,
    CommutationReview,
    CriminalJudgment,
    DossierFile,
    EnforcementCase,
)
from cases.numbers import normalise_parentheses
from cases.reference_data_criminal import COMMUTATION_CERTIFICATE
from cases.services.common import ensure_can_change, lock_case
from cases.services.criminal.common import criminal_bureau, may_work_criminal
from cases.services.filing import FilingData, file_case
from cases.services.nodes import open_nodes
from cases.services.parties import PartyData
from courts.access import VIEW, lock_for
from haikou_exec.identifiers import validate_resident_id

CERTIFICATE_LIMIT_DAYS = 7


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
    request; the certificate is due 7 days after the request.
    Source: DOMAIN.md §4 "Certificate"; §2 刑更 is heard by the intermediate court."""
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
    """Link the convict's criminal property cases found by resident ID.
    Source: DOMAIN.md §4; 法释〔2024〕5号."""
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


def lock_review(user, review_id: int) -> CommutationReview:
    """Lock a commutation review and its case for a change by ``user`` (404 outside the view scope,
    403 without the change right; DESIGN.md "Access": lock through the restriction, then act)."""
    review = lock_for(CommutationReview, review_id, user, VIEW, related=("case__court",))
    lock_case(review.case_id)
    ensure_can_change(user, review.case)
    return review


@transaction.atomic
def link_case_by_hand(*, user, review_id: int, case_number: str) -> CommutationLink:
    """Link one of the convict's cases the resident ID did not find to the 刑更 review
    (DOMAIN.md §4 "Certificate": the review is linked to the convict's
    enforcement cases)."""
    review = lock_review(user, review_id)
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
    review = lock_review(user, review_id)
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
