"""Agents (委托代理人) of a case's parties: who may act for a party (民事诉讼法
第61条) and what a lawyer or legal worker must show (practising certificate and
firm, 民诉法解释 第88条). Changes are audited by the model's triggers."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.choices import LICENSED_AGENT_KINDS, AgentAuthority, AgentKind
from cases.models import EnforcementCase, Party, PartyAgent
from cases.services.common import bump_version, ensure_can_change, ensure_open, lock_case
from haikou_exec.identifiers import validate_resident_id


@dataclass
class AgentData:
    kind: str
    name: str
    organisation: str = ""
    licence_number: str = ""
    authority: str = AgentAuthority.GENERAL
    phone: str = ""
    id_number: str = ""


def clean_agent(data: AgentData) -> AgentData:
    """The agent's name and kind; a lawyer or legal worker names the firm and the
    practising certificate (民诉法解释 第88条); an ID number must be a valid
    resident ID (agents are natural persons)."""
    errors: dict[str, list[str]] = {}
    if data.kind not in AgentKind.values:
        errors["kind"] = [_("Choose the kind of agent.")]
    if data.authority not in AgentAuthority.values:
        errors["authority"] = [_("Choose the agent's authority.")]
    if not (data.name or "").strip():
        errors["name"] = [_("Give the agent's name.")]
    if data.kind in LICENSED_AGENT_KINDS:
        if not (data.licence_number or "").strip():
            errors["licence_number"] = [
                _(
                    "A lawyer or legal service worker shows a practising certificate: give its "
                    "number (民诉法解释 第88条)."
                )
            ]
        if not (data.organisation or "").strip():
            errors["organisation"] = [
                _("Name the law firm or legal service office (民诉法解释 第88条).")
            ]
    if data.id_number:
        try:
            data.id_number = validate_resident_id(data.id_number)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
    if errors:
        raise ValidationError(errors)
    data.name = data.name.strip()
    data.organisation = (data.organisation or "").strip()
    data.licence_number = (data.licence_number or "").strip()
    return data


def add_agents(case: EnforcementCase, pairs: list[tuple[Party, AgentData]]) -> list[PartyAgent]:
    """Agents for parties of ``case`` (inside the caller's transaction).
    Source: 民事诉讼法 第61条; 民诉法解释 第88条."""
    rows = []
    for party, data in pairs:
        if party.case_id != case.pk:
            raise ValidationError({"party": [_("The agent must represent a party of this case.")]})
        rows.append(PartyAgent(case=case, party=party, **vars(clean_agent(data))))
    return PartyAgent.objects.bulk_create(rows)


@transaction.atomic
def add_agent(*, user, case_id: int, party_id: int, data: AgentData) -> PartyAgent:
    """Add an agent to a party of an open case (the case's handlers).
    Source: 民事诉讼法 第61条; 民诉法解释 第88条."""
    case = lock_case(case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    party = Party.objects.filter(pk=party_id, case=case).first()
    if party is None:
        raise ValidationError({"party": [_("Choose a party of this case.")]})
    agent = add_agents(case, [(party, data)])[0]
    bump_version(case)
    case.save(update_fields=["version", "updated_at"])
    return agent
