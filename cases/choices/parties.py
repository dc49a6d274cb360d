"""Parties to a case and their agents: roles, kinds, the respondent's nature,
who may act as an agent and with what authority."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
