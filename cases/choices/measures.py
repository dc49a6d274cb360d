"""Enforcement measures and property (DOMAIN.md §2): measure kinds and states,
valuation, asset types, auctions and the disposal after them, findings and the
steps of property investigation."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class DisposalKind(models.TextChoices):
    """After a second failed auction (拍卖变卖规定; DOMAIN.md §2)."""

    SALE = "sale", _("Sale (变卖)")
    PAYMENT_IN_KIND = "payment_in_kind", _("Payment in kind to the applicant (以物抵债)")
