"""Closing a case (DOMAIN.md §2): the closing types by case class, what shows
performance for 执行完毕, and the reasons for 终结执行."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.choices.case import CASE_CLASS, CaseClass, CaseOrigin


class ClosingType(models.TextChoices):
    """结案方式 (DOMAIN.md §2)."""

    FULLY_EXECUTED = "fully_executed", _("Fully executed (执行完毕)")
    TERMINATED_PROCEDURE = "terminated_procedure", _("Current procedure terminated (终本)")
    TERMINATED = "terminated", _("Enforcement terminated (终结执行)")
    CANCELLED = "cancelled", _("Case cancelled (销案)")
    REFUSED = "refused", _("Enforcement refused (不予执行)")
    REJECTED = "rejected", _("Application rejected (驳回申请)")
    # Review cases (执异、执复、执监、执协、执他) close by their own outcome, never as
    # 执行完毕 or 终本 (DOMAIN.md §2 "Review cases close as reviews"); separate
    # values, so the statistics never mix them with the six ways above.
    REVIEW_DISMISSED = "review_dismissed", _("Dismissed (驳回)")
    REVIEW_REVOKED_OR_VARIED = "review_revoked_or_varied", _("Revoked or varied (撤销或变更)")
    REVIEW_WITHDRAWN = "review_withdrawn", _("Withdrawal allowed (准予撤回)")
    REVIEW_NOT_ACCEPTED = "review_not_accepted", _("Not accepted (不予受理)")
    REVIEW_TERMINATED = "review_terminated", _("Review terminated (终结审查)")


REVIEW_OUTCOMES = frozenset(
    {
        ClosingType.REVIEW_DISMISSED,
        ClosingType.REVIEW_REVOKED_OR_VARIED,
        ClosingType.REVIEW_WITHDRAWN,
        ClosingType.REVIEW_NOT_ACCEPTED,
        ClosingType.REVIEW_TERMINATED,
    }
)

IMPLEMENTATION_CLOSING_TYPES = frozenset(
    {
        ClosingType.FULLY_EXECUTED,
        ClosingType.TERMINATED_PROCEDURE,
        ClosingType.TERMINATED,
        ClosingType.CANCELLED,
        ClosingType.REFUSED,
        ClosingType.REJECTED,
    }
)

# Closing types by case class (DOMAIN.md §2 "Closing types" and "Review cases close
# as reviews"). A case filed in error is cancelled (销案) whatever its class.
# 刑更 cases are decided by their ruling (裁定减刑、假释 or not): they close as a
# review does [assumed: DOMAIN.md is silent; the SPC's 流程信息管理系统 counts 刑更
# under 审查类 outcomes].
CLOSING_TYPES_BY_CLASS: dict[str, frozenset[str]] = {
    CaseClass.IMPLEMENTATION: IMPLEMENTATION_CLOSING_TYPES,
    CaseClass.REVIEW: frozenset({*REVIEW_OUTCOMES, ClosingType.CANCELLED}),
    CaseClass.CRIMINAL_CHANGE: frozenset({*REVIEW_OUTCOMES, ClosingType.CANCELLED}),
}

# 不予执行 applies only to arbitral awards and notarised debt titles (DOMAIN.md §2).
REFUSABLE_ORIGINS = frozenset({CaseOrigin.ARBITRATION, CaseOrigin.NOTARIAL})


def closing_types_for(case_type: str) -> frozenset[str]:
    return CLOSING_TYPES_BY_CLASS[CASE_CLASS[case_type]]


class PerformanceBasis(models.TextChoices):
    """What shows that the title was performed, for 执行完毕 (法发〔2014〕26号;
    DOMAIN.md §2 "执行完毕 needs performance")."""

    LEDGER = "ledger", _("Recovered in full (case-funds ledger)")
    SETTLEMENT_PERFORMED = "settlement_performed", _("Settlement agreement performed in full")
    ACT_PERFORMED = "act_performed", _("The act the title orders was done")
    APPLICANT_CONFIRMATION = (
        "applicant_confirmation",
        _("Applicant's written confirmation of performance"),
    )

    @classmethod
    def needing_evidence(cls) -> frozenset[str]:
        """Bases the ledger cannot show: the evidence must be in the dossier."""
        return frozenset({cls.SETTLEMENT_PERFORMED, cls.ACT_PERFORMED, cls.APPLICANT_CONFIRMATION})


class TerminationReason(models.TextChoices):
    WITHDRAWN = "withdrawn", _("Application withdrawn")
    TITLE_REVOKED = "title_revoked", _("Title revoked")
    DEBTOR_DEAD = "debtor_dead", _("Debtor dead without estate")
    BANKRUPTCY = "bankruptcy", _("Bankruptcy")
    TRANSFERRED = "transferred", _("Transferred (elevated, designated or commissioned execution)")
    COMMISSIONED = "commissioned", _("Commissioned to a court outside Haikou (委托执行)")
    OTHER = "other", _("Other")
