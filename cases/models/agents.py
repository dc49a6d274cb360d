"""Agents (委托代理人) of a case's parties (issue 16 item 5)."""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.choices import AgentAuthority, AgentKind
from cases.models.case import EnforcementCase, Party
from courts.access import CourtScoped
from haikou_exec.identifiers import mask_identifier


@pghistory.track()
class PartyAgent(CourtScoped):
    """A party's agent ad litem: who, on whose behalf, and with what authority
    (民事诉讼法 第61–62条; a lawyer or legal worker shows a practising certificate
    and the firm, 民诉法解释 第88条). Audited like the parties."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        EnforcementCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="agents"
    )
    party = models.ForeignKey(
        Party, verbose_name=_("represents"), on_delete=models.CASCADE, related_name="agents"
    )
    kind = models.CharField(_("kind of agent"), max_length=20, choices=AgentKind.choices)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    organisation = models.CharField(_("law firm or organisation"), max_length=100, blank=True)
    licence_number = models.CharField(_("practising certificate number"), max_length=30, blank=True)
    authority = models.CharField(
        _("authority"),
        max_length=10,
        choices=AgentAuthority.choices,
        default=AgentAuthority.GENERAL,
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        ordering = ["case", "party", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.party.name}）"

    @property
    def masked_id_number(self) -> str:
        return mask_identifier(self.id_number)
