"""The transfers panel of a case page: its transfer requests (in the reader's
scope), petitions, the chain it belongs to and the actions. The case page shows
it with ``{% load cases_transfers %}{% case_transfers_panel case %}``."""

from __future__ import annotations

from django import template

from cases.models import TransferRequest
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
    return {
        "case": case,
        "transfer_requests": requests,
        "petitions": list(case.petitions.order_by("-received_on", "-id")[:20]),
        "may_raise": not case.is_closed
        and user.has_perm("cases.add_transferrequest")
        and may_raise_transfer(user, case),
        "may_record_petition": user.has_perm("cases.add_petition"),
    }
