"""The transfers panel of a case page: its transfer requests (in the reader's
scope), petitions, the chain it belongs to and the actions. The case page shows
it with ``{% load cases_transfers %}{% case_transfers_panel case %}``."""

from __future__ import annotations

from django import template

from cases.choices import CaseType, TransferStatus
from cases.models import CommutationReview, CriminalJudgment, TransferRequest
from cases.services.common import is_implementation
from cases.services.transfers import may_raise_transfer
from courts.access import VIEW

register = template.Library()


@register.inclusion_tag("cases/transfers/_case_panel.html", takes_context=True)
def case_transfers_panel(context, case):
    user = context["request"].user
    requests = list(
        TransferRequest.objects.restrict(user, VIEW)
        .filter(case=case)
        .select_related("target_court", "new_case")
        .order_by("-requested_at")
    )
    # How the case arrived, when a transfer brought it here: the reader of the new
    # case sees the decision (kind, original court, approver, opinion) even though
    # the request row belongs to the original court (DOMAIN.md §3: both courts see
    # the chain).
    arrived = None
    if case.origin_case_id:
        arrived = (
            TransferRequest.objects.filter(new_case=case, status=TransferStatus.APPROVED)
            .select_related("case__court", "decided_by")
            .first()
        )
    criminal_judgment = commutation_review = None
    if case.is_criminal_property:
        criminal_judgment = CriminalJudgment.objects.filter(case=case).first()
    elif case.case_type == CaseType.COMMUTATION:
        commutation_review = CommutationReview.objects.filter(case=case).first()
    return {
        "case": case,
        "arrived": arrived,
        "criminal_judgment": criminal_judgment,
        "commutation_review": commutation_review,
        "transfer_requests": requests,
        "petitions": list(case.petitions.order_by("-received_on", "-id")[:20]),
        # Only implementation cases move between courts (services.transfers).
        "may_raise": not case.is_closed
        and is_implementation(case)
        and user.has_perm("cases.add_transferrequest")
        and may_raise_transfer(user, case),
        "may_record_petition": user.has_perm("cases.add_petition"),
    }
