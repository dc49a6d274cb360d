"""Commissioned execution (委托执行; DOMAIN.md §2 "Commissioned execution"):
direction, states with their transition table, and how a commission is taken back."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CommissionDirection(models.TextChoices):
    """委托执行 (DOMAIN.md §2 "Commissioned execution")."""

    OUTGOING = "outgoing", _("Commissioned to a court outside Haikou")
    INCOMING = "incoming", _("Received from a court outside Haikou")


class CommissionStatus(models.TextChoices):
    """open → reported: the commissioned court reports in writing within 30 days.
    A commission sent out is taken back — returned by the commissioned court, or
    withdrawn by us before it filed — and enforcement resumes here as 执恢
    (法发〔2014〕26号 第六条; DOMAIN.md §2 "Commissioned execution")."""

    OPEN = "open", _("Open")
    REPORTED = "reported", pgettext_lazy("commission", "Reported")
    RETURNED = "returned", _("Returned by the commissioned court (退回委托)")
    WITHDRAWN = "withdrawn", _("Withdrawn by us (撤回委托)")

    @classmethod
    def taken_back(cls) -> frozenset[str]:
        return frozenset({cls.RETURNED, cls.WITHDRAWN})


# A report leaves a commission open to a return (退回委托) by the commissioned
# court, but not to our withdrawal (撤回委托), which is possible only before that
# court files it (法发〔2014〕26号 第六条; DOMAIN.md §2 "Commissioned execution").
COMMISSION_TRANSITIONS: dict[str, set[str]] = {
    CommissionStatus.OPEN: {
        CommissionStatus.REPORTED,
        CommissionStatus.RETURNED,
        CommissionStatus.WITHDRAWN,
    },
    CommissionStatus.REPORTED: {CommissionStatus.RETURNED},
    CommissionStatus.RETURNED: set(),
    CommissionStatus.WITHDRAWN: set(),
}


# How a commission sent out is taken back (the API's take-back ``kind``; a named
# enum in the schema, haikou_exec/settings.py ENUM_NAME_OVERRIDES).
COMMISSION_TAKE_BACK_KINDS = [
    (CommissionStatus.RETURNED.value, CommissionStatus.RETURNED.label),
    (CommissionStatus.WITHDRAWN.value, CommissionStatus.WITHDRAWN.label),
]
