"""变卖 and 以物抵债: what becomes of a seized asset after its second auction failed
(最高人民法院关于人民法院民事执行中拍卖、变卖财产的规定; DOMAIN.md §2 "After a
second failed auction")."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.choices import DisposalKind
from courts.access import CourtScoped


@pghistory.track()
class AssetDisposal(CourtScoped):
    """The sale (变卖) of an asset, or its transfer to the applicant in payment
    (以物抵债, with the applicant's consent), at the reserve price of the last
    auction; decided by a ruling (裁定). Payment in kind satisfies the award without
    cash: ``satisfied_amount`` is added to the case's amount recovered and never
    to the case account's balance."""

    access_court_path = "measure__case__court"

    measure = models.OneToOneField(
        "cases.Measure",
        verbose_name=_("seized asset"),
        on_delete=models.PROTECT,
        related_name="disposal",
    )
    kind = models.CharField(_("disposal"), max_length=20, choices=DisposalKind.choices)
    reserve_price = models.DecimalField(
        _("reserve price of the last auction (yuan)"), max_digits=16, decimal_places=2
    )
    price = models.DecimalField(_("price (yuan)"), max_digits=16, decimal_places=2)
    satisfied_amount = models.DecimalField(
        _("award satisfied in kind (yuan)"), max_digits=16, decimal_places=2, default=0
    )
    decided_on = models.DateField(_("decided on"))
    ruling_number = models.CharField(_("ruling (裁定书文号)"), max_length=60)
    buyer = models.CharField(_("buyer"), max_length=100, blank=True)
    applicant_consent = models.TextField(_("the applicant's consent"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("disposal after auctions")
        verbose_name_plural = _("disposals after auctions")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__gte=models.F("reserve_price")),
                name="disposal_not_below_reserve",
            ),
            models.CheckConstraint(
                condition=models.Q(satisfied_amount__gte=0)
                & models.Q(satisfied_amount__lte=models.F("price")),
                name="disposal_satisfied_within_price",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} · {self.get_kind_display()}"
