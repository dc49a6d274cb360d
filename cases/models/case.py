"""The enforcement case, its number sequence, parties and assignment log."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.choices import (
    AssignmentMethod,
    CaseOrigin,
    CaseStatus,
    CaseType,
    ClosingType,
    PartyKind,
    PartyRole,
    PerformanceBasis,
    RespondentNature,
    TerminationReason,
    case_status_label,
)
from courts.access import CourtScoped, Scope
from haikou_exec.identifiers import mask_identifier


class CaseNumberSequence(models.Model):
    """The last number given per court, year and type code. Allocation locks the
    row (SELECT … FOR UPDATE), so numbers are gap-free under concurrency."""

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    case_type = models.CharField(_("type code"), max_length=8, choices=CaseType.choices)
    last_value = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("case-number sequence")
        verbose_name_plural = _("case-number sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "case_type"], name="one_sequence_per_court_year_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.court.code} {self.year} {self.case_type}: {self.last_value}"


@pghistory.track()
class EnforcementCase(CourtScoped):
    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="cases"
    )
    bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="cases"
    )
    case_type = models.CharField(_("type code"), max_length=8, choices=CaseType.choices)
    year = models.PositiveSmallIntegerField(_("year of filing"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    # Canonical full-width form: （2026）琼0106执1234号
    case_number = models.CharField(_("case number"), max_length=40, unique=True)
    origin = models.CharField(
        _("title kind"), max_length=32, choices=CaseOrigin.choices, default=CaseOrigin.CIVIL
    )
    # The title of execution (执行依据)
    title_issuer = models.CharField(_("title issued by"), max_length=100)
    title_document_number = models.CharField(_("title document number"), max_length=60)
    title_effective_on = models.DateField(_("title effective on"))
    cause = models.CharField(_("cause of action"), max_length=100, blank=True)
    amount_claimed = models.DecimalField(
        _("amount claimed (yuan)"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    # Kept equal to the ledger's receipts by the ledger service (never set by hand).
    amount_recovered = models.DecimalField(
        _("amount recovered (yuan)"), max_digits=16, decimal_places=2, default=0
    )
    filed_on = models.DateField(_("filed on"))
    # A late registration (补录): the filing date is the day of filing unless the
    # director registers an earlier day, with the reason (DOMAIN.md §2).
    late_registration_reason = models.TextField(_("reason for late registration"), blank=True)
    late_registration_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("late registration approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file_received_on = models.DateField(_("file received by the handler on"), null=True, blank=True)
    team = models.ForeignKey(
        "personnel.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.FILED
    )
    closing_type = models.CharField(
        _("closing type"), max_length=32, choices=ClosingType.choices, blank=True
    )
    termination_reason = models.CharField(
        _("termination reason"), max_length=32, choices=TerminationReason.choices, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    # 执行完毕: what shows the performance, and the dossier file that proves it when
    # the ledger cannot (DOMAIN.md §2 "执行完毕 needs performance").
    performance_basis = models.CharField(
        _("performance shown by"), max_length=32, choices=PerformanceBasis.choices, blank=True
    )
    performance_evidence = models.ForeignKey(
        "cases.DossierFile",
        verbose_name=_("evidence of performance"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    origin_case = models.ForeignKey(
        "self",
        verbose_name=_("continues case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continuations",
    )
    # Given to the parties with the enforcement notice, for the public portal.
    public_query_code = models.CharField(_("public query code"), max_length=12, unique=True)
    is_criminal_property = models.BooleanField(_("criminal property judgment"), default=False)
    # Optimistic locking: a stale form is refused instead of overwriting.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("enforcement case")
        verbose_name_plural = _("enforcement cases")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "case_type", "sequence"], name="case_number_parts_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_claimed__gte=0), name="case_amount_claimed_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_recovered__gte=0),
                name="case_amount_recovered_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(status="closed", closing_type__gt="", closed_on__isnull=False)
                | (~models.Q(status="closed") & models.Q(closing_type="")),
                name="case_closed_has_type_and_date",
            ),
        ]
        indexes = [
            models.Index(fields=["court", "status", "-filed_on"], name="case_court_status_filed"),
            models.Index(fields=["team", "status"], name="case_team_status"),
            models.Index(fields=["court", "case_type", "-filed_on"], name="case_court_type_filed"),
            models.Index(fields=["closing_type", "closed_on"], name="case_closing"),
            # A court's list newest first (every district reader's default list,
            # and filing-date ranges), and the city-wide list newest first.
            models.Index(fields=["court", "-filed_on", "-id"], name="case_court_filed"),
            models.Index(fields=["-filed_on", "-id"], name="case_filed"),
            # Case-number prefix search (LIKE 'x%') in any database collation.
            models.Index(
                fields=["case_number"], opclasses=["varchar_pattern_ops"], name="case_number_prefix"
            ),
            # The leadership dashboard (command_center/dashboard.py), index-only:
            # cases closed in a period with the columns its figures sum, …
            models.Index(
                fields=["court", "closed_on"],
                include=["case_type", "closing_type", "amount_claimed", "amount_recovered"],
                condition=models.Q(status="closed"),
                name="case_closed_figures",
            ),
            # … and the pending (not closed) cases per court.
            models.Index(
                fields=["court"], condition=~models.Q(status="closed"), name="case_open_court"
            ),
        ]

    def __str__(self) -> str:
        return self.case_number

    def get_status_display(self) -> str:
        """执行中 for an implementation case, 审查中 for a review case, 审理中 for a
        刑更 case (cases.choices.STATUS_WORDING_BY_CLASS); pages, exports and the
        public lookup all read this."""
        return case_status_label(self.status, self.case_type)

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    @classmethod
    def criminal_q(cls) -> models.Q:
        # The criminal enforcement bureau handles criminal-property and 刑更 cases
        # city-wide (DOMAIN.md §4).
        return models.Q(is_criminal_property=True) | models.Q(case_type=CaseType.COMMUTATION)

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        # A subquery, not a join: a join would repeat the case once per member.
        from personnel.models import TeamMembership

        current_teams = TeamMembership.objects.filter(
            officer_id=scope.officer_id, ended_on__isnull=True
        )
        return models.Q(team_id__in=current_teams.values("team_id"))


@pghistory.track()
class Party(CourtScoped):
    access_court_path = "case__court"

    case = models.ForeignKey(
        EnforcementCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="parties"
    )
    # "role" alone is an officer's 岗位 in personnel's catalogue; a party's is 诉讼地位.
    role = models.CharField(
        pgettext_lazy("party", "role"), max_length=16, choices=PartyRole.choices
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PartyKind.choices)
    name = models.CharField(_("name"), max_length=100)
    # Resident ID (natural persons) or unified social credit code (organisations),
    # validated by the party service; shown masked in lists and exports.
    id_number = models.CharField(_("ID number / credit code"), max_length=18, blank=True)
    nature = models.CharField(
        _("nature"),
        max_length=20,
        choices=RespondentNature.choices,
        default=RespondentNature.PRIVATE,
    )
    district = models.CharField(_("district of residence or seat"), max_length=20, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["case", "role", "id"]
        indexes = [
            models.Index(fields=["id_number"], name="party_id_number"),
            # Equality and prefix search (LIKE 'x%') in any database collation.
            models.Index(
                fields=["name"], opclasses=["varchar_pattern_ops"], name="party_name_prefix"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.name}"

    @property
    def masked_id_number(self) -> str:
        return mask_identifier(self.id_number)


@pghistory.track()
class CaseAssignment(CourtScoped):
    """Every assignment and reassignment, with its reason (never edited)."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        EnforcementCase,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    from_team = models.ForeignKey(
        "personnel.Team",
        verbose_name=_("from team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_team = models.ForeignKey(
        "personnel.Team", verbose_name=_("to team"), on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(_("method"), max_length=16, choices=AssignmentMethod.choices)
    reason = models.TextField(_("reason"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case assignment")
        verbose_name_plural = _("case assignments")
        ordering = ["-assigned_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case} → {self.to_team}"
