"""Moving cases between courts: elevated (提级), cross (交叉) and designated (指定)
execution requests, the system's suggestions of candidates, and the petitions that
feed them (DOMAIN.md §3)."""

from __future__ import annotations

from decimal import Decimal

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.choices import (
    SuggestionStatus,
    TransferKind,
    TransferReason,
    TransferSource,
    TransferStatus,
)
from courts.access import CourtScoped
from haikou_exec.formats import written_date as _day


@pghistory.track()
class TransferRequest(CourtScoped):
    """A request to move a case to another court, decided by the intermediate
    bureau's leadership. It belongs to the original case's court; the receiving
    court sees the new case it files (``origin_case`` points back)."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="transfer_requests",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TransferKind.choices)
    source = models.CharField(_("raised by"), max_length=24, choices=TransferSource.choices)
    reason_category = models.CharField(_("reason"), max_length=24, choices=TransferReason.choices)
    reason = models.TextField(_("reasons in detail"))
    target_court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("receiving court"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # The same request sent twice (a double submit, an API retry) is raised once:
    # the form's key, or the API's ``idempotency_key``, namespaced by the user.
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=120, unique=True, null=True, blank=True, editable=False
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    opinion = models.TextField(_("written opinion"), blank=True)
    effective_on = models.DateField(_("takes effect on"), null=True, blank=True)
    new_case = models.OneToOneField(
        "cases.EnforcementCase",
        verbose_name=_("new case at the receiving court"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transferred_by",
    )
    # What moved with the case (dossier files, measures, balance), for the record.
    carried_over = models.JSONField(_("carried over"), default=dict, blank=True)

    class Meta:
        verbose_name = _("transfer request")
        verbose_name_plural = _("transfer requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            # A second open request for the same case is refused (the service says
            # why; this is the backstop under concurrency).
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="one_open_transfer_per_case",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved")
                | models.Q(new_case__isnull=False, decided_by__isnull=False),
                name="approved_transfer_has_new_case",
            ),
        ]
        indexes = [models.Index(fields=["status", "-requested_at"], name="transfer_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.case}"

    def get_absolute_url(self) -> str:
        return reverse("cases:transfer_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == TransferStatus.PENDING


class SuggestionSettings(models.Model):
    """Thresholds of the transfer suggestions, editable in the admin. The values
    are [assumed] (DOMAIN.md gives examples, not numbers)."""

    high_value_amount = models.DecimalField(
        _("high amount from (yuan)"),
        max_digits=16,
        decimal_places=2,
        default=Decimal("1000000.00"),
    )
    long_pending_months = models.PositiveSmallIntegerField(
        _("long pending after (months since filing)"), default=12
    )
    overdue_nodes_threshold = models.PositiveSmallIntegerField(
        _("overdue open nodes, at least"), default=2
    )
    petitions_threshold = models.PositiveSmallIntegerField(_("petitions, at least"), default=2)
    petitions_window_months = models.PositiveSmallIntegerField(
        _("petitions counted over (months)"), default=12
    )
    local_respondent_enabled = models.BooleanField(
        _("propose cases against local government bodies and state enterprises"), default=True
    )

    class Meta:
        verbose_name = _("transfer suggestion settings")
        verbose_name_plural = _("transfer suggestion settings")

    def __str__(self) -> str:
        return str(_("Transfer suggestion settings"))

    @classmethod
    def current(cls) -> SuggestionSettings:
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row


@pghistory.track()
class TransferSuggestion(CourtScoped):
    """A candidate for elevation or cross execution that the system proposes, with
    why; leadership accepts (raising a request) or dismisses it with a reason."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="transfer_suggestions",
    )
    kind = models.CharField(_("proposed"), max_length=16, choices=TransferKind.choices)
    # [{"code": SuggestionReason, "detail": "…"}]
    reasons = models.JSONField(_("why"), default=list)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.OPEN,
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    refreshed_at = models.DateTimeField(_("last checked at"), auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    transfer_request = models.OneToOneField(
        TransferRequest,
        verbose_name=_("transfer request"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestion",
    )

    class Meta:
        verbose_name = _("transfer suggestion")
        verbose_name_plural = _("transfer suggestions")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One suggestion per case and kind, whatever became of it: a dismissed
            # suggestion is not proposed again by the next refresh.
            models.UniqueConstraint(fields=["case", "kind"], name="one_suggestion_per_case_kind")
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="suggestion_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.case}"

    def get_absolute_url(self) -> str:
        return reverse("cases:suggestion_detail", kwargs={"pk": self.pk})

    @property
    def reason_labels(self) -> list[str]:
        return [suggestion_reason_text(r) for r in self.reasons]

    @property
    def reason_codes(self) -> list[str]:
        return [r.get("code", "") for r in self.reasons]


def suggestion_reason_text(reason: dict) -> str:
    """A stored reason (its code and figures) in the reader's language."""
    from django.utils.translation import gettext as _

    from cases.choices import RespondentNature, SuggestionReason

    code = reason.get("code", "")
    label = dict(SuggestionReason.choices).get(code, code)
    if code == SuggestionReason.LOCAL_RESPONDENT:
        natures = dict(RespondentNature.choices)
        detail = _("%(respondent)s (%(nature)s) is in %(district)s, the court's own district") % {
            "respondent": reason.get("respondent", ""),
            "nature": natures.get(reason.get("nature"), reason.get("nature", "")),
            "district": reason.get("district", ""),
        }
    elif code == SuggestionReason.LONG_PENDING_HIGH_VALUE:
        detail = _("filed on %(filed_on)s, %(amount)s yuan claimed") % {
            "filed_on": reason.get("filed_on", ""),
            "amount": f"{Decimal(reason.get('amount', '0')):,.2f}",
        }
    elif code == SuggestionReason.OVERDUE_NODES:
        detail = _("%(count)s process nodes overdue") % {"count": reason.get("count", 0)}
    elif code == SuggestionReason.REPEATED_PETITIONS:
        detail = _("%(count)s petitions in the last %(months)s months") % {
            "count": reason.get("count", 0),
            "months": reason.get("months", ""),
        }
    else:
        detail = ""
    return f"{label}：{detail}" if detail else str(label)


@pghistory.track()
class Petition(CourtScoped):
    """A petition about a case (执行信访); repeated petitions make a case a
    candidate for elevation."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="petitions",
    )
    received_on = models.DateField(_("received on"))
    petitioner = models.CharField(_("petitioner"), max_length=100)
    summary = models.TextField(_("what the petition says"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["case", "received_on"], name="petition_case_date")]

    def __str__(self) -> str:
        return f"{self.petitioner} {_day(self.received_on)}"
