"""The interface of the national online property query and control network
(网络查控, DESIGN.md "External integrations").

A provider answers two requests, each addressed to one institution:

- ``query``: what the subject (a respondent, by ID number or credit code) holds
  there — accounts, titles, vehicles, securities;
- ``freeze``: freeze an account found by a query, under a ruling.

Errors come in two kinds: ``ProviderUnavailable`` is transient (timeouts, an
institution offline, rate limits) and the caller retries later;
``ProviderRejected`` is permanent (a malformed request) and is not retried.
Every request carries a ``request_no`` the caller makes unique per attempt, as
the network's serial numbers are (查控请求流水号)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


class ProviderError(Exception):
    """Base of the errors a provider raises."""


class ProviderUnavailable(ProviderError):
    """Transient: try again later."""


class ProviderRejected(ProviderError):
    """Permanent: the request itself is refused."""


@dataclass(frozen=True)
class Institution:
    code: str
    name: str
    kind: str  # command_center.choices.InstitutionKind
    asset_type: str  # cases.choices.AssetType of what it holds
    investigation_kind: str  # cases.choices.InvestigationKind of the step it answers
    can_freeze: bool = False


@dataclass(frozen=True)
class Subject:
    """Whom the query is about: a respondent's name and ID number / credit code."""

    name: str
    id_number: str
    is_organisation: bool = False


@dataclass(frozen=True)
class AssetRecord:
    """One thing an institution holds for the subject."""

    institution_code: str
    asset_type: str
    reference: str  # account number, title number, plate, securities account
    description: str
    value: Decimal | None = None
    extra: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "reference": self.reference,
            "description": self.description,
            "value": str(self.value) if self.value is not None else None,
            "asset_type": self.asset_type,
            **self.extra,
        }


@dataclass(frozen=True)
class FreezeOrder:
    request_no: str
    institution_code: str
    subject: Subject
    account_reference: str
    amount: Decimal
    ruling_number: str
    months: int


@dataclass(frozen=True)
class FreezeResult:
    reference: str  # the institution's freeze number
    frozen_amount: Decimal
    frozen_until: dt.date


class PropertyNetwork:
    """The provider interface. Implementations are registered by name in
    ``command_center.providers.REGISTRY`` and chosen by the setting
    ``PROPERTY_QUERY_PROVIDER``."""

    name = "abstract"
    is_sandbox = False

    def institutions(self) -> list[Institution]:
        raise NotImplementedError

    def institution(self, code: str) -> Institution:
        for inst in self.institutions():
            if inst.code == code:
                return inst
        raise ProviderRejected(f"unknown institution {code}")

    def query(
        self, *, request_no: str, institution_code: str, subject: Subject
    ) -> list[AssetRecord]:
        raise NotImplementedError

    def freeze(self, order: FreezeOrder) -> FreezeResult:
        raise NotImplementedError
