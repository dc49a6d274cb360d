"""Codes and states of enforcement cases (DOMAIN.md §2)."""

from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseType(models.TextChoices):
    """类型代字. Cases may be filed under no other code (DOMAIN.md §2)."""

    FIRST = "执", _("First enforcement (执)")
    RESUMED = "执恢", _("Resumed enforcement (执恢)")
    PRESERVATION = "执保", _("Preservation enforcement (执保)")
    OBJECTION = "执异", _("Enforcement objection (执异)")
    RECONSIDERATION = "执复", _("Reconsideration (执复)")
    SUPERVISION = "执监", _("Enforcement supervision (执监)")
    COORDINATION = "执协", _("Enforcement coordination (执协)")
    OTHER = "执他", _("Other enforcement matters (执他)")
    COMMUTATION = "刑更", _("Commutation/parole review (刑更)")

    @classmethod
    def implementation_codes(cls) -> frozenset[str]:
        return frozenset({cls.FIRST, cls.RESUMED, cls.PRESERVATION})


class CaseClass(models.TextChoices):
    IMPLEMENTATION = "implementation", _("Implementation (执行实施类)")
    REVIEW = "review", _("Review (执行审查类)")
    CRIMINAL_CHANGE = "criminal_change", _("Criminal execution change")


CASE_CLASS = {
    CaseType.FIRST: CaseClass.IMPLEMENTATION,
    CaseType.RESUMED: CaseClass.IMPLEMENTATION,
    CaseType.PRESERVATION: CaseClass.IMPLEMENTATION,
    CaseType.OBJECTION: CaseClass.REVIEW,
    CaseType.RECONSIDERATION: CaseClass.REVIEW,
    CaseType.SUPERVISION: CaseClass.REVIEW,
    CaseType.COORDINATION: CaseClass.REVIEW,
    CaseType.OTHER: CaseClass.REVIEW,
    CaseType.COMMUTATION: CaseClass.CRIMINAL_CHANGE,
}


class FilingRight(NamedTuple):
    """Where a type code is filed: the court tiers, the bureau kind, and whether
    only a dedicated intake (not the generic filing page or API) may file it."""

    tiers: frozenset[str]
    bureau: str
    intake_only: bool = False
    rule: str = ""


_ANY_TIER = frozenset({"district", "intermediate"})
_INTERMEDIATE = frozenset({"intermediate"})

# The one table of filing rights (DOMAIN.md §2 "Filing rights by court level"):
# type code → who may file it where. Values of courts.choices.CourtTier and
# BureauKind (kept as strings here so that this module imports nothing).
FILING_RIGHTS: dict[str, FilingRight] = {
    CaseType.FIRST: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.RESUMED: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.PRESERVATION: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.OBJECTION: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.RECONSIDERATION: FilingRight(
        _INTERMEDIATE,
        "enforcement",
        rule=_("执复 is decided by the court one level up: it is filed at the intermediate court"),
    ),
    CaseType.SUPERVISION: FilingRight(
        _INTERMEDIATE,
        "enforcement",
        rule=_("执监 over a district case is filed by the intermediate court"),
    ),
    CaseType.COORDINATION: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.OTHER: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.COMMUTATION: FilingRight(
        _INTERMEDIATE,
        "criminal_enforcement",
        intake_only=True,
        rule=_(
            "刑更 is heard by the intermediate court; its criminal enforcement bureau files it "
            "from the prison's request (commutation and parole intake)"
        ),
    ),
}

# Criminal-property enforcement is not a type code but a kind of 执 case: filed by
# the criminal enforcement bureau from the trial department's transfer form (§4).
CRIMINAL_PROPERTY_RIGHT = FilingRight(
    _INTERMEDIATE,
    "criminal_enforcement",
    intake_only=True,
    rule=_(
        "criminal-property enforcement is filed by the criminal enforcement bureau from the "
        "trial department's transfer form"
    ),
)


class CaseOrigin(models.TextChoices):
    """What the title of execution is (drives the 6- or 3-month closing limit)."""

    CIVIL = "civil", _("Civil judgment or mediation")
    ARBITRATION = "arbitration", _("Arbitral award")
    NOTARIAL = "notarial", _("Notarised debt instrument")
    ADMINISTRATIVE_NON_LITIGATION = "admin_non_litigation", _("Non-litigation administrative")
    CRIMINAL_PROPERTY = "criminal_property", _("Property part of a criminal judgment")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    """filed → assigned → in_progress ⇄ stayed/suspended → closed.

    A closed case never reopens: resumption files a new 执恢 case (DOMAIN.md §2)."""

    FILED = "filed", _("Filed")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    STAYED = "stayed", _("Stayed (中止)")
    SUSPENDED = "suspended", _("Suspended (暂缓)")
    CLOSED = "closed", _("Closed")


CASE_TRANSITIONS: dict[str, set[str]] = {
    CaseStatus.FILED: {CaseStatus.ASSIGNED, CaseStatus.CLOSED},
    CaseStatus.ASSIGNED: {
        CaseStatus.ASSIGNED,
        CaseStatus.IN_PROGRESS,
        CaseStatus.STAYED,
        CaseStatus.SUSPENDED,
        CaseStatus.CLOSED,
    },
    CaseStatus.IN_PROGRESS: {
        CaseStatus.IN_PROGRESS,
        CaseStatus.STAYED,
        CaseStatus.SUSPENDED,
        CaseStatus.CLOSED,
    },
    CaseStatus.STAYED: {CaseStatus.IN_PROGRESS, CaseStatus.CLOSED},
    CaseStatus.SUSPENDED: {CaseStatus.IN_PROGRESS, CaseStatus.CLOSED},
    CaseStatus.CLOSED: set(),
}


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


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("Applicant (申请执行人)")
    RESPONDENT = "respondent", _("Respondent (被执行人)")
    THIRD_PARTY = "third_party", _("Third party (案外人)")


class PartyKind(models.TextChoices):
    NATURAL_PERSON = "natural", _("Natural person")
    LEGAL_PERSON = "legal", _("Legal person")
    OTHER_ORGANISATION = "organisation", _("Other organisation")


class RespondentNature(models.TextChoices):
    """Used by the elevation suggestions (local-protection risk)."""

    PRIVATE = "private", _("Private")
    GOVERNMENT_BODY = "government", _("Government body")
    STATE_ENTERPRISE = "state_enterprise", _("State-owned enterprise")


class AssignmentMethod(models.TextChoices):
    MANUAL = "manual", _("By hand")
    AUTOMATIC = "automatic", _("Automatic (weighted workload)")
    HANDOVER = "handover", _("Handover")


class TriggerEvent(models.TextChoices):
    """Events that start a node's legal time limit (DOMAIN.md §2 table)."""

    FILING = "filing", _("Filing")
    FILE_RECEIVED = "file_received", _("File received by the handler")
    CLUE_RECEIVED = "clue_received", _("Property clue received from the applicant")
    SEIZURE = "seizure", _("Seizure")
    APPRAISAL_REQUESTED = "appraisal_requested", _("Appraisal or price inquiry requested")
    FUNDS_ARRIVED = "funds_arrived", _("Case funds arrived")
    OBJECTION_FILED = "objection_filed", _("Objection filed")
    RECONSIDERATION_FILED = "reconsideration_filed", _("Reconsideration applied for")
    PETITION_RECEIVED = "petition_received", _("Petition received")
    COMMISSION_RECEIVED = "commission_received", _("Commission received")
    TRANSFER_RECEIVED = "transfer_received", _("Transfer form received")
    PERFORMED = "performed", _("Title performed in full")


class CompletionEvent(models.TextChoices):
    """Actions that complete a node without a separate click."""

    ASSIGNED = "assigned", _("Case assigned")
    NOTICE_SENT = "notice_sent", _("Enforcement notice issued")
    ONLINE_QUERY_STARTED = "online_query_started", _("Online query started")
    CLUE_VERIFIED = "clue_verified", _("Clue verified")
    INVESTIGATION_DONE = "investigation_done", _("Property investigation done")
    REFERENCE_PRICE_STARTED = "reference_price_started", _("Reference-price procedure started")
    FUNDS_DISBURSED = "funds_disbursed", _("Funds disbursed")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Case closed")
    MEASURE_RELEASED = "measure_released", _("Listing removed or restriction lifted")
    VALUATION_REPORTED = "valuation_reported", _("Valuation report received")

    @classmethod
    def by_their_act_only(cls) -> frozenset[str]:
        """Nodes done only by the act that completes them, never by a click on
        "complete": closing the case (the 执行结案 node), releasing the measure."""
        return frozenset({cls.CLOSED, cls.MEASURE_RELEASED})


class LimitUnit(models.TextChoices):
    DAYS = "days", _("calendar days")
    WORKING_DAYS = "working_days", _("working days")
    MONTHS = "months", _("months")


class NodeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# A node is done or cancelled once (DOMAIN.md §2 "Process nodes").
NODE_TRANSITIONS: dict[str, set[str]] = {
    NodeStatus.OPEN: {NodeStatus.DONE, NodeStatus.CANCELLED},
    NodeStatus.DONE: set(),
    NodeStatus.CANCELLED: set(),
}


class ClockPauseKind(models.TextChoices):
    """Periods excluded from the closing clock (DOMAIN.md §2)."""

    STAY = "stay", _("Stay (中止)")
    SUSPENSION = "suspension", _("Suspension (暂缓)")
    PUBLIC_NOTICE = "public_notice", _("Public notice (公告)")
    APPRAISAL = "appraisal", _("Appraisal (评估)")


class ApprovalStatus(models.TextChoices):
    """pending → approved | rejected (decided once)."""

    PENDING = "pending", pgettext_lazy("approval", "Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


# Shared by every approval (DeadlineExtension, DisbursementRequest): decided once,
# never reopened (DOMAIN.md §2 "Process nodes", "Case funds").
APPROVAL_TRANSITIONS: dict[str, set[str]] = {
    ApprovalStatus.PENDING: {ApprovalStatus.APPROVED, ApprovalStatus.REJECTED},
    ApprovalStatus.APPROVED: set(),
    ApprovalStatus.REJECTED: set(),
}


class MeasureKind(models.TextChoices):
    SEIZURE = "seizure", _("Seizure (查封)")
    DETENTION = "detention", _("Detention (扣押)")
    FREEZE = "freeze", _("Freeze (冻结)")
    TRANSFER = "transfer", _("Transfer of funds (划拨)")
    CONSUMPTION_RESTRICTION = "consumption_restriction", _("Consumption restriction (限制消费)")
    DISHONEST_LISTING = "dishonest_listing", _("Dishonest-debtor listing (失信)")
    SEARCH = "search", _("Search (搜查)")

    @classmethod
    def asset_measures(cls) -> frozenset[str]:
        return frozenset({cls.SEIZURE, cls.DETENTION, cls.FREEZE})

    @classmethod
    def credit_measures(cls) -> frozenset[str]:
        """Released once the title is performed (失信名单规定 第十条; DOMAIN.md §2
        "Releases after performance")."""
        return frozenset({cls.DISHONEST_LISTING, cls.CONSUMPTION_RESTRICTION})


class ValuationMethod(models.TextChoices):
    """How the reference price of a seized asset is set (确定财产处置参考价规定):
    the online price inquiry reports in 3 days, a commissioned appraisal in 30."""

    ONLINE_INQUIRY = "online_inquiry", _("Online price inquiry (网络询价)")
    APPRAISAL = "appraisal", _("Commissioned appraisal (委托评估)")


class AssetType(models.TextChoices):
    BANK_DEPOSIT = "bank_deposit", _("Bank deposit")
    REAL_ESTATE = "real_estate", _("Real estate")
    VEHICLE = "vehicle", _("Vehicle")
    SECURITIES = "securities", _("Securities")
    MOVABLE = "movable", _("Other movable property")
    EQUITY = "equity", _("Equity")
    OTHER = "other", _("Other property")


class MeasureStatus(models.TextChoices):
    """active → renewed | released | lapsed; a renewal is a new active measure."""

    ACTIVE = "active", _("Active")
    RENEWED = "renewed", _("Renewed")
    RELEASED = "released", _("Released")
    LAPSED = "lapsed", _("Lapsed")


MEASURE_TRANSITIONS: dict[str, set[str]] = {
    MeasureStatus.ACTIVE: {MeasureStatus.RENEWED, MeasureStatus.RELEASED, MeasureStatus.LAPSED},
    MeasureStatus.RENEWED: set(),
    MeasureStatus.RELEASED: set(),
    MeasureStatus.LAPSED: set(),
}


class AuctionResult(models.TextChoices):
    PENDING = "pending", _("Pending")
    SOLD = "sold", _("Sold")
    FAILED = "failed", _("Failed (流拍)")
    WITHDRAWN = "withdrawn", pgettext_lazy("auction", "Withdrawn")


class FindingSource(models.TextChoices):
    ONLINE_QUERY = "online_query", _("Online query and control (网络查控)")
    APPLICANT_CLUE = "applicant_clue", _("Clue from the applicant")
    ON_SITE = "on_site", _("On-site investigation")
    OTHER = "other", _("Other")


class InvestigationKind(models.TextChoices):
    """Steps of property investigation that 终本 requires (终本规定 art. 3)."""

    ONLINE_DEPOSITS = "online_deposits", _("Online query: deposits")
    ONLINE_VEHICLES = "online_vehicles", _("Online query: vehicles")
    ONLINE_REAL_ESTATE = "online_real_estate", _("Online query: real estate")
    ONLINE_SECURITIES = "online_securities", _("Online query: securities")
    CLUE_CHECK = "clue_check", _("Check of the applicant's clues")
    ON_SITE = "on_site", _("On-site investigation")
    DEBTOR_SEARCH = "debtor_search", _("Search for a missing debtor")
    OBSTRUCTION_PUNISHED = "obstruction_punished", _("Obstruction punished")


class LedgerEntryKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    DISBURSEMENT = "disbursement", _("Disbursement")
    REFUND = "refund", _("Refund")
    TRANSFER_IN = "transfer_in", _("Transfer in")
    TRANSFER_OUT = "transfer_out", _("Transfer out")

    @classmethod
    def credits(cls) -> frozenset[str]:
        return frozenset({cls.RECEIPT, cls.TRANSFER_IN})


class DossierCategory(models.TextChoices):
    FILING = "filing", _("Filing materials")
    TITLE = "title", _("Title of execution")
    PROPERTY = "property", _("Property investigation")
    MEASURES = "measures", _("Measures")
    FUNDS = "funds", _("Case funds")
    DOCUMENTS = "documents", _("Documents issued")
    HEARING = "hearing", _("Interviews and hearings")
    MEDIA = "media", _("Audio and video")
    OTHER = "other", _("Other")


class DocumentKind(models.TextChoices):
    ENFORCEMENT_NOTICE = "enforcement_notice", _("Enforcement notice (执行通知书)")
    PROPERTY_REPORT_ORDER = "property_report_order", _("Property-report order (报告财产令)")
    CONSUMPTION_RESTRICTION_ORDER = (
        "consumption_restriction_order",
        _("Consumption restriction order (限制消费令)"),
    )
    CLOSING_NOTICE = "closing_notice", _("Closing notice (结案通知书)")
    DISHONEST_REMOVAL = (
        "dishonest_removal",
        _("Decision removing the dishonest listing (删除失信信息决定书)"),
    )
    RESTRICTION_LIFTED = (
        "restriction_lifted",
        _("Lifting of the consumption restriction (解除限制消费令)"),
    )


# Moving cases between courts (DOMAIN.md §3) ----------------------------------


class TransferKind(models.TextChoices):
    """提级执行, 交叉执行, 指定执行 — each decided by the intermediate bureau."""

    ELEVATED = "elevated", _("Elevated execution (提级执行)")
    CROSS = "cross", _("Cross execution (交叉执行)")
    DESIGNATED = "designated", _("Designated execution (指定执行)")


class TransferSource(models.TextChoices):
    """Who raised the request (DOMAIN.md §3)."""

    DISTRICT = "district", _("District bureau")
    INTERMEDIATE_REVIEW = "intermediate_review", _("Intermediate bureau's own review")
    SUPERVISION = "supervision", _("Supervision")


class TransferReason(models.TextChoices):
    DIFFICULTY = "difficulty", _("Difficult case")
    LOCAL_PROTECTION = "local_protection", _("Local protectionism")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("Conflict of interest")
    NEGATIVE_EXECUTION = "negative_execution", _("Negative execution (消极执行)")
    OTHER = "other", _("Other")


class TransferStatus(models.TextChoices):
    """pending → approved | rejected | withdrawn (decided once, never reopened)."""

    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


TRANSFER_TRANSITIONS: dict[str, set[str]] = {
    TransferStatus.PENDING: {
        TransferStatus.APPROVED,
        TransferStatus.REJECTED,
        TransferStatus.WITHDRAWN,
    },
    TransferStatus.APPROVED: set(),
    TransferStatus.REJECTED: set(),
    TransferStatus.WITHDRAWN: set(),
}


class SuggestionReason(models.TextChoices):
    """Why the system proposes a case for elevation or cross execution."""

    LOCAL_RESPONDENT = (
        "local_respondent",
        _("Respondent is a government body or state enterprise of the court's own district"),
    )
    LONG_PENDING_HIGH_VALUE = "long_pending_high_value", _("Long pending with a high amount")
    OVERDUE_NODES = "overdue_nodes", _("Overdue process nodes")
    REPEATED_PETITIONS = "repeated_petitions", _("Repeated petitions")


class SuggestionStatus(models.TextChoices):
    """open → accepted | dismissed | lapsed; the decision is kept."""

    OPEN = "open", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")
    LAPSED = "lapsed", _("Lapsed (no longer applies)")


SUGGESTION_TRANSITIONS: dict[str, set[str]] = {
    SuggestionStatus.OPEN: {
        SuggestionStatus.ACCEPTED,
        SuggestionStatus.DISMISSED,
        SuggestionStatus.LAPSED,
    },
    SuggestionStatus.ACCEPTED: set(),
    SuggestionStatus.DISMISSED: set(),
    SuggestionStatus.LAPSED: set(),
}


# Criminal property judgments and commutation/parole (DOMAIN.md §4) -----------


class CriminalItemKind(models.TextChoices):
    """Items of the trial department's transfer form (移送执行表)."""

    MEDICAL_COSTS = "medical_costs", _("Medical costs (人身损害赔偿中的医疗费用)")
    RESTITUTION = "restitution", _("Restitution to victims (退赔被害人损失)")
    CIVIL_DEBT = "civil_debt", _("Other civil debts (其他民事债务)")
    FINE = "fine", _("Fine (罚金)")
    CONFISCATION = "confiscation", _("Confiscation of property (没收财产)")
    ILLICIT_PROPERTY = "illicit_property", _("Illicit money and goods (追缴违法所得、赃款赃物)")

    @classmethod
    def payment_order(cls) -> list[str]:
        """The legal order of payment: medical costs → victims → other civil debts
        → fines → confiscation (刑事裁判涉财产部分执行规定 art. 13; DOMAIN.md §4).
        Illicit money and goods are specific property, recovered as such, outside
        this order."""
        return [
            cls.MEDICAL_COSTS,
            cls.RESTITUTION,
            cls.CIVIL_DEBT,
            cls.FINE,
            cls.CONFISCATION,
        ]


class CriminalJudgmentStatus(models.TextChoices):
    """received → filed (within 7 days of the form's receipt)."""

    RECEIVED = "received", _("Received, not yet filed")
    FILED = "filed", _("Filed")


# Filed once (DOMAIN.md §4).
CRIMINAL_JUDGMENT_TRANSITIONS: dict[str, set[str]] = {
    CriminalJudgmentStatus.RECEIVED: {CriminalJudgmentStatus.FILED},
    CriminalJudgmentStatus.FILED: set(),
}


class CommutationKind(models.TextChoices):
    COMMUTATION = "commutation", _("Commutation (减刑)")
    PAROLE = "parole", _("Parole (假释)")


class AbilityFactKind(models.TextChoices):
    """“Able but not paying” (有履行能力而不履行), 法释〔2024〕5号."""

    HIDDEN_ASSETS = "hidden_assets", _("Hiding or transferring assets")
    FALSE_DECLARATION = "false_declaration", _("False declaration of property")
    EXCESSIVE_SPENDING = "excessive_spending", _("Excessive spending in prison")
    OTHER = "other", _("Other conduct showing ability to pay")


class CaseLinkMethod(models.TextChoices):
    ID_NUMBER = "id_number", _("Matched by ID number")
    EXPLICIT = "explicit", _("Linked by hand")


class AgentKind(models.TextChoices):
    """Who may act as a party's agent (民事诉讼法 第61条)."""

    LAWYER = "lawyer", _("Lawyer (律师)")
    LEGAL_WORKER = "legal_worker", _("Basic-level legal service worker (基层法律服务工作者)")
    RELATIVE_OR_STAFF = "relative_or_staff", _("Close relative or staff member (近亲属或工作人员)")
    CITIZEN = "citizen", _("Citizen recommended by a community or organisation (推荐的公民)")


# Agents who must show a practising certificate and their firm (民诉法解释 第88条).
LICENSED_AGENT_KINDS = frozenset({AgentKind.LAWYER, AgentKind.LEGAL_WORKER})


class AgentAuthority(models.TextChoices):
    GENERAL = "general", _("General authority (一般授权)")
    SPECIAL = "special", _("Special authority (特别授权)")


class DisposalKind(models.TextChoices):
    """After a second failed auction (拍卖变卖规定; DOMAIN.md §2)."""

    SALE = "sale", _("Sale (变卖)")
    PAYMENT_IN_KIND = "payment_in_kind", _("Payment in kind to the applicant (以物抵债)")


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
