"""Criminal property judgments and commutation/parole (DOMAIN.md §4): the items
of the transfer form in their legal order of payment, the judgment's states, and
刑更 reviews (kinds, ability-to-pay facts, how a case is linked)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
