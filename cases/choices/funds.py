"""The case-funds ledger (执行案款): kinds of ledger entry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LedgerEntryKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    DISBURSEMENT = "disbursement", _("Disbursement")
    REFUND = "refund", _("Refund")
    TRANSFER_IN = "transfer_in", _("Transfer in")
    TRANSFER_OUT = "transfer_out", _("Transfer out")

    @classmethod
    def credits(cls) -> frozenset[str]:
        return frozenset({cls.RECEIPT, cls.TRANSFER_IN})
