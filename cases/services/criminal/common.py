"""What the criminal property and 刑更 services share: who works them (the
criminal enforcement bureau: centralised jurisdiction, DOMAIN.md §4), amounts, and
completing the node a step fulfils."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.choices import NodeStatus
from cases.models import CaseNode, EnforcementCase
from courts.access import scope_for
from courts.choices import BureauKind
from courts.models import Bureau


def may_work_criminal(user) -> bool:
    """Intake and 刑更 belong to the criminal enforcement bureau (and the
    intermediate bureau's leadership)."""
    scope = scope_for(user)
    return scope.superuser or scope.criminal_citywide or scope.city_leadership


def criminal_bureau() -> Bureau:
    """The criminal enforcement bureau (of the intermediate court)."""
    return Bureau.objects.select_related("court").get(kind=BureauKind.CRIMINAL_ENFORCEMENT)


def money(value, field: str) -> Decimal:
    """An amount in yuan, more than zero, with at most 2 decimals (DOMAIN.md §2 "Parties": Decimal,
    never float)."""
    try:
        amount = Decimal(value)
    except Exception:  # noqa: BLE001 - any unparsable input is the same user error
        raise ValidationError({field: [_("Enter an amount in yuan.")]}) from None
    if amount <= 0:
        raise ValidationError({field: [_("The amount must be more than zero.")]})
    if amount.as_tuple().exponent < -2:
        raise ValidationError({field: [_("Amounts are in yuan with at most 2 decimals.")]})
    return amount


def complete_node_by_code(case: EnforcementCase, code: str, on: dt.date) -> int:
    """Mark the case's open node ``code`` done on ``on`` (the step it counts is taken).
    Source: DOMAIN.md §2 "Process nodes and legal time limits", §4."""
    return CaseNode.objects.filter(case=case, definition__code=code, status=NodeStatus.OPEN).update(
        status=NodeStatus.DONE, completed_on=on
    )
