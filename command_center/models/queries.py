"""Online property query and control (网络查控): one row per case and institution
in each batch, freeze requests, and the six-monthly re-queries of 终本 cases."""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from command_center.choices import FreezeStatus, InstitutionKind, QueryStatus, RequeryStatus
from command_center.models.common import CentreWorked, case_criminal_q, case_team_q
from courts.access import Scope


class AssetQuery(CentreWorked):
    """One institution asked about one case's respondents, within one batch.

    Unique per batch, case and institution, so a redelivered task never queries
    twice; a provider failure leaves the row ``retrying`` or ``failed`` (visible,
    never a lost finding)."""

    access_court_path = "case__court"

    job = models.ForeignKey(
        "haikou_exec.BackgroundJob",
        verbose_name=_("batch"),
        on_delete=models.CASCADE,
        related_name="asset_queries",
    )
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="asset_queries",
    )
    institution_code = models.CharField(_("institution code"), max_length=40)
    institution_name = models.CharField(_("institution"), max_length=100)
    institution_kind = models.CharField(
        _("institution kind"), max_length=16, choices=InstitutionKind.choices
    )
    status = models.CharField(
        _("status"), max_length=16, choices=QueryStatus.choices, default=QueryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    # What the institution answered (account, title or plate numbers are kept
    # here and on the findings; the page masks nothing the handler needs).
    records = models.JSONField(_("records returned"), default=list, blank=True)
    records_found = models.PositiveSmallIntegerField(_("records found"), default=0)
    # Records not known on the case before this query (new findings).
    new_findings = models.PositiveSmallIntegerField(_("new findings"), default=0)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    investigation_step = models.ForeignKey(
        "cases.InvestigationStep",
        verbose_name=_("investigation step"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("online property query")
        verbose_name_plural = _("online property queries")
        ordering = ["-created_at", "case_id", "institution_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "case", "institution_code"], name="cc_query_once_per_batch"
            )
        ]
        indexes = [
            models.Index(fields=["job", "status"], name="cc_query_job_status"),
            models.Index(fields=["case", "-created_at"], name="cc_query_case_created"),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.institution_name}"

    def get_absolute_url(self) -> str:
        return reverse("command_center:query_detail", kwargs={"pk": self.pk})

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        return case_team_q(scope)

    @classmethod
    def criminal_q(cls) -> models.Q:
        return case_criminal_q()


@pghistory.track()
class FreezeRequest(CentreWorked):
    """Freezing a deposit or securities account found online, through the same
    provider interface; once frozen, the freeze is a measure on the case (with
    its expiry, so it is renewed in time)."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="freeze_requests",
    )
    finding = models.ForeignKey(
        "cases.PropertyFinding",
        verbose_name=_("property found"),
        on_delete=models.PROTECT,
        related_name="freeze_requests",
    )
    institution_code = models.CharField(_("institution code"), max_length=40)
    institution_name = models.CharField(_("institution"), max_length=100)
    account_reference = models.CharField(_("account"), max_length=100)
    amount = models.DecimalField(_("amount to freeze (yuan)"), max_digits=16, decimal_places=2)
    ruling_number = models.CharField(_("ruling number"), max_length=60)
    status = models.CharField(
        _("status"), max_length=16, choices=FreezeStatus.choices, default=FreezeStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    provider_reference = models.CharField(_("institution's reference"), max_length=60, blank=True)
    frozen_amount = models.DecimalField(
        _("amount frozen (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    frozen_until = models.DateField(_("frozen until"), null=True, blank=True)
    measure = models.OneToOneField(
        "cases.Measure",
        verbose_name=_("measure"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="freeze_request",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("freeze request")
        verbose_name_plural = _("freeze requests")
        ordering = ["-requested_at"]
        constraints = [
            # One live freeze per account found: asking twice freezes once.
            models.UniqueConstraint(
                fields=["finding"],
                condition=models.Q(status__in=["pending", "retrying", "frozen"]),
                name="cc_freeze_once_per_finding",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="cc_freeze_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.institution_name} · {self.amount}"

    def get_absolute_url(self) -> str:
        return reverse("command_center:freeze_detail", kwargs={"pk": self.pk})

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        return case_team_q(scope)

    @classmethod
    def criminal_q(cls) -> models.Q:
        return case_criminal_q()


@pghistory.track(exclude=["court"])  # derived from the case: nothing to audit
class RequeryRound(CentreWorked):
    """A six-monthly online re-query of a case closed by 终本, for five years after
    closing (DOMAIN.md §2 "After 终本"): round n is due n × 6 months after closing."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="requery_rounds",
    )
    # The case's court, copied by the database on insert (trigger below) for the
    # dashboards' per-court counts of rounds due: joining ~90k due rounds to their
    # cases was most of the cold dashboard (bench/results). A case never changes
    # court (a transfer opens a new case in the receiving court), so the copy
    # cannot go stale.
    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="+",
        blank=True,
        editable=False,
    )
    # 轮次 of a re-query, not the 拍次 of an auction (issue 16; both "round" in English).
    round_number = models.PositiveSmallIntegerField(pgettext_lazy("re-query", "round"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=16, choices=RequeryStatus.choices, default=RequeryStatus.DUE
    )
    job = models.ForeignKey(
        "haikou_exec.BackgroundJob",
        verbose_name=_("query job"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    done_on = models.DateField(_("queried on"), null=True, blank=True)
    findings_count = models.PositiveIntegerField(_("records found"), default=0)
    found_property = models.BooleanField(_("property found"), default=False)
    applicant_notice = models.TextField(_("notice to the applicant"), blank=True)
    applicant_informed_at = models.DateTimeField(_("applicant informed at"), null=True, blank=True)
    notice_reference = models.CharField(_("notice reference"), max_length=60, blank=True)
    resumption_proposed_at = models.DateTimeField(
        _("resumption proposed at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("终本 re-query")
        verbose_name_plural = _("终本 re-queries")
        ordering = ["-due_on", "case_id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "round_number"], name="cc_requery_round_once"),
            models.CheckConstraint(
                condition=models.Q(round_number__gte=1), name="cc_requery_round_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="cc_requery_status_due"),
            models.Index(fields=["status", "court"], name="cc_requery_status_court"),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="requery_court_from_case",
                operation=pgtrigger.Insert,
                when=pgtrigger.Before,
                func=(
                    "NEW.court_id := (SELECT court_id FROM cases_enforcementcase"
                    " WHERE id = NEW.case_id); RETURN NEW;"
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.round_number}"

    def get_absolute_url(self) -> str:
        return reverse("command_center:requery_detail", kwargs={"pk": self.pk})

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        return case_team_q(scope)

    @classmethod
    def criminal_q(cls) -> models.Q:
        return case_criminal_q()
