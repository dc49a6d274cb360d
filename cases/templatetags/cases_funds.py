"""Template helpers of the case-funds and dossier panels."""

from __future__ import annotations

from decimal import Decimal

from django import template

from cases.services.ledger import may_approve_disbursement
from cases.templatetags import haikou_format

register = template.Library()


@register.filter
def yuan(value) -> str:
    """12345.6 → "12,345.60": the one amount format of haikou_format (issue 16)."""
    return haikou_format.yuan(value)


@register.filter
def pending_requests(requests) -> dict:
    """Count and sum of the pending ones among a case's disbursement requests."""
    pending = [r for r in requests or () if r.status == "pending"]
    return {"count": len(pending), "amount": sum((r.amount for r in pending), Decimal("0"))}


@register.filter
def any_kind(rows, kind: str) -> bool:
    """Whether any of the rows (measures, …) is of this kind."""
    return any(getattr(r, "kind", None) == kind for r in rows or ())


@register.filter
def file_kind(content_type: str) -> str:
    """The sniffed content type as a short name (PDF, Word, PNG, …)."""
    from cases.services.dossier import ALLOWED_TYPES

    return ALLOWED_TYPES.get(content_type, content_type)


@register.simple_tag(takes_context=True)
def may_decide_funds(context, case) -> bool:
    """Whether the user may approve disbursements and record refunds on this case
    (the bureau's leadership; the service checks again)."""
    return may_approve_disbursement(context["request"].user, case)
