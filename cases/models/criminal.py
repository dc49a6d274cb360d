"""Criminal property judgments (刑事裁判涉财产部分) enforced city-wide by the
intermediate court's criminal enforcement bureau, and commutation/parole review
(刑更) with the certificate of performance status (DOMAIN.md §4)."""

from __future__ import annotations

from decimal import Decimal

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.choices import (
    AbilityFactKind,
    CaseLinkMethod,
    CommutationKind,
    CriminalItemKind,
    CriminalJudgmentStatus,
)
from courts.access import CourtScoped
from haikou_exec.formats import written_date as _day
from haikou_exec.identifiers import mask_identifier


class CriminalScoped(CourtScoped):
    """Every row is criminal: the criminal enforcement bureau sees them city-wide."""

    class Meta:
        abstract = True

    @classmethod
    def criminal_q(cls) -> Q:
        # Not Q(): an empty Q is dropped when OR-ed, which would mean "none".
        return Q(pk__isnull=False)


@pghistory.track()
class CriminalJudgment(CriminalScoped):
    """The trial department's transfer form (移送执行表) for the property part of
    a criminal judgment. Filed within 7 days of receipt, to the criminal
    enforcement bureau whichever court judged (centralised jurisdiction)."""

    access_court_path = "court"

    # The court of the criminal enforcement bureau (the intermediate court).
    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("enforcing court"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="+"
    )
    judging_court = models.ForeignKey(
        "courts.Court", verbose_name=_("judging court"), on_delete=models.PROTECT, related_name="+"
    )
    judgment_number = models.CharField(_("judgment number"), max_length=60)
    judgment_effective_on = models.DateField(_("judgment effective on"))
    form_number = models.CharField(_("transfer form number"), max_length=60, blank=True)
    convict_name = models.CharField(_("convict"), max_length=100)
    convict_id_number = models.CharField(_("convict's resident ID"), max_length=18, blank=True)
    convict_prison = models.CharField(_("serving the sentence at"), max_length=100, blank=True)
    crime = models.CharField(_("crime"), max_length=100, blank=True)
    received_on = models.DateField(_("transfer form received on"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CriminalJudgmentStatus.choices,
        default=CriminalJudgmentStatus.RECEIVED,
    )
    case = models.OneToOneField(
        "cases.EnforcementCase",
        verbose_name=_("enforcement case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criminal_judgment",
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("criminal property judgment")
        verbose_name_plural = _("criminal property judgments")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["judgment_number", "convict_name"], name="criminal_judgment_once"
            ),
            models.CheckConstraint(
                condition=~Q(status="filed") | Q(case__isnull=False),
                name="filed_judgment_has_case",
            ),
        ]
        indexes = [models.Index(fields=["convict_id_number"], name="criminal_convict_id")]

    def __str__(self) -> str:
        return f"{self.judgment_number} · {self.convict_name}"

    def get_absolute_url(self) -> str:
        return reverse("cases:criminal_judgment_detail", kwargs={"pk": self.pk})

    @property
    def masked_convict_id(self) -> str:
        return mask_identifier(self.convict_id_number)


@pghistory.track()
class CriminalJudgmentItem(CriminalScoped):
    """One property item of the judgment. ``paid`` is the sum of the receipts
    allocated to it, written only under the judgment's lock."""

    access_court_path = "judgment__court"

    judgment = models.ForeignKey(
        CriminalJudgment, verbose_name=_("judgment"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(
        pgettext_lazy("judgment", "item"), max_length=20, choices=CriminalItemKind.choices
    )
    amount = models.DecimalField(_("amount (yuan)"), max_digits=16, decimal_places=2)
    # The victim (restitution, medical costs) or the creditor (civil debts).
    beneficiary_name = models.CharField(_("victim or creditor"), max_length=100, blank=True)
    beneficiary = models.ForeignKey(
        "cases.Party",
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    paid = models.DecimalField(
        _("paid (yuan)"), max_digits=16, decimal_places=2, default=Decimal("0")
    )

    class Meta:
        verbose_name = _("judgment item")
        verbose_name_plural = _("judgment items")
        ordering = ["judgment", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="criminal_item_amount_positive"),
            models.CheckConstraint(
                condition=Q(paid__gte=0) & Q(paid__lte=models.F("amount")),
                name="criminal_item_paid_within_amount",
            ),
        ]

    def __str__(self) -> str:
        who = f"（{self.beneficiary_name}）" if self.beneficiary_name else ""
        return f"{self.get_kind_display()}{who} {self.amount}"

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.paid


@pghistory.track()
class ReceiptAllocation(CriminalScoped):
    """How much of a receipt went to which item, in the legal order."""

    access_court_path = "item__judgment__court"

    entry = models.ForeignKey(
        "cases.LedgerEntry",
        verbose_name=_("receipt"),
        on_delete=models.PROTECT,
        related_name="criminal_allocations",
    )
    item = models.ForeignKey(
        CriminalJudgmentItem,
        verbose_name=pgettext_lazy("judgment", "item"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    amount = models.DecimalField(_("amount (yuan)"), max_digits=16, decimal_places=2)
    allocated_at = models.DateTimeField(_("allocated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("receipt allocation")
        verbose_name_plural = _("receipt allocations")
        ordering = ["entry", "id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "item"], name="allocation_once_per_item"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.item} ← {self.amount}"


@pghistory.track()
class CommutationReview(CriminalScoped):
    """A 刑更 case: the prison's request for commutation or parole, linked to the
    convict's enforcement cases; the certificate of performance status is due
    within 7 days of the request."""

    access_court_path = "case__court"

    case = models.OneToOneField(
        "cases.EnforcementCase",
        verbose_name=_("刑更 case"),
        on_delete=models.PROTECT,
        related_name="commutation_review",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CommutationKind.choices)
    convict_name = models.CharField(_("convict"), max_length=100)
    convict_id_number = models.CharField(_("convict's resident ID"), max_length=18, blank=True)
    prison = models.CharField(_("prison"), max_length=100)
    request_document_number = models.CharField(
        _("request document number"), max_length=60, blank=True
    )
    requested_on = models.DateField(_("prison's request received on"))
    certificate_due_on = models.DateField(_("certificate due on"))
    certificate_issued_on = models.DateField(_("certificate issued on"), null=True, blank=True)
    linked_cases = models.ManyToManyField(
        "cases.EnforcementCase",
        through="cases.CommutationLink",
        verbose_name=_("the convict's enforcement cases"),
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("commutation/parole review")
        verbose_name_plural = _("commutation/parole reviews")
        ordering = ["-requested_on", "-id"]
        indexes = [models.Index(fields=["convict_id_number"], name="commutation_convict_id")]

    def __str__(self) -> str:
        return f"{self.case} · {self.convict_name}"

    def get_absolute_url(self) -> str:
        return reverse("cases:commutation_detail", kwargs={"pk": self.pk})

    @property
    def masked_convict_id(self) -> str:
        return mask_identifier(self.convict_id_number)


@pghistory.track()
class CommutationLink(CriminalScoped):
    access_court_path = "review__case__court"

    review = models.ForeignKey(
        CommutationReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="links"
    )
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("enforcement case"),
        on_delete=models.PROTECT,
        related_name="commutation_links",
    )
    method = models.CharField(_("linked"), max_length=16, choices=CaseLinkMethod.choices)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("linked enforcement case")
        verbose_name_plural = _("linked enforcement cases")
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "case"], name="commutation_link_once")
        ]

    def __str__(self) -> str:
        return f"{self.review} → {self.case}"


@pghistory.track()
class AbilityToPayFact(CriminalScoped):
    """A fact showing the convict could pay but did not (法释〔2024〕5号): hidden
    assets, a false declaration, excessive spending in prison — with evidence."""

    access_court_path = "review__case__court"

    review = models.ForeignKey(
        CommutationReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="facts"
    )
    kind = models.CharField(_("fact"), max_length=24, choices=AbilityFactKind.choices)
    description = models.TextField(_("what was found"))
    evidence = models.TextField(_("evidence"))
    evidence_file = models.ForeignKey(
        "cases.DossierFile",
        verbose_name=_("evidence in the dossier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    amount = models.DecimalField(
        _("amount involved (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    found_on = models.DateField(_("found on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ability-to-pay fact")
        verbose_name_plural = _("ability-to-pay facts")
        ordering = ["found_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {_day(self.found_on)}"


@pghistory.track()
class PerformanceCertificate(CriminalScoped):
    """The certificate of the convict's performance of the property judgment,
    generated as a PDF into the 刑更 case's dossier."""

    access_court_path = "review__case__court"

    review = models.ForeignKey(
        CommutationReview,
        verbose_name=_("review"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    dossier_file = models.OneToOneField(
        "cases.DossierFile", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("certificate", "issued by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    # The figures printed on it, as they were on the day.
    summary = models.JSONField(_("figures"), default=dict)

    class Meta:
        verbose_name = _("performance certificate")
        verbose_name_plural = _("performance certificates")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.review} · {_day(self.issued_on)}"
