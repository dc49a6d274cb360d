"""The public portal (执行公开): a party enters the case number and the query code
printed on the enforcement notice and sees that case's public progress — never
another party's personal data (DOMAIN.md §2 "never show them on public pages").

- A wrong code and an unknown number get the same answer (same status, same
  body) and take the same path: one query for the number, one constant-time
  comparison against the real code or a stand-in.
- Lookups are throttled per client address with a fixed-window counter in the
  cache (Redis): ``PUBLIC_PORTAL_RATE_LIMIT`` per ``PUBLIC_PORTAL_RATE_WINDOW``
  seconds. Behind ``TRUSTED_PROXY_COUNT`` trusted reverse proxies, the
  client is the address those proxies appended to X-Forwarded-For."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import constant_time_compare

from cases.choices import CaseStatus, NodeStatus, PartyKind
from cases.models import CaseNode, EnforcementCase, Party
from cases.numbers import parse_case_number

# Compared against when the number is unknown, so both paths do the same work.
_STAND_IN_CODE = secrets.token_hex(4).upper()


def throttle(ip: str) -> tuple[bool, int]:
    """Count one lookup from ``ip``; (allowed, seconds until the window ends)."""
    limit = int(getattr(settings, "PUBLIC_PORTAL_RATE_LIMIT", 10))
    window = int(getattr(settings, "PUBLIC_PORTAL_RATE_WINDOW", 600))
    now = int(time.time())
    slot = now // window
    key = f"portal:throttle:{ip}:{slot}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit, (slot + 1) * window - now


def find_case(case_number: str, query_code: str) -> EnforcementCase | None:
    """The case, if the number exists and the code matches; None otherwise (the
    two failures are indistinguishable). Raises ValidationError only when the
    number is not written like a case number at all."""
    canonical = str(parse_case_number(case_number))
    row = (
        EnforcementCase.objects.filter(case_number=canonical)
        .values_list("pk", "public_query_code")
        .first()
    )
    expected = row[1] if row else _STAND_IN_CODE
    given = (query_code or "").strip().upper()
    matches = constant_time_compare(given, expected.upper())
    if row is None or not matches:
        return None
    return EnforcementCase.objects.select_related("court").get(pk=row[0])


def mask_name(name: str, kind: str) -> str:
    """A natural person's name keeps its first character (王海生 → 王**);
    organisations are public."""
    if kind != PartyKind.NATURAL_PERSON:
        return name
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


@dataclass(frozen=True)
class PublicNode:
    name: str
    status: str
    status_label: str
    due_on: object
    completed_on: object


def public_progress(case: EnforcementCase) -> dict:
    """What the public page shows: no ID numbers, no phone numbers, no addresses,
    natural persons' names masked, no amounts of money other than the claim."""
    parties = [
        {"role": p.get_role_display(), "name": mask_name(p.name, p.kind)}
        for p in Party.objects.filter(case=case).order_by("role", "id")
    ]
    nodes = [
        PublicNode(
            name=n.definition.name,
            status=n.status,
            status_label=n.get_status_display(),
            due_on=n.due_on if n.status == NodeStatus.OPEN else None,
            completed_on=n.completed_on,
        )
        for n in CaseNode.objects.filter(case=case)
        .exclude(status=NodeStatus.CANCELLED)
        .select_related("definition")
        .order_by("triggered_on", "definition__sort_order", "id")
    ]
    return {
        "case_number": case.case_number,
        "court": case.court.name,
        "case_type": case.get_case_type_display(),
        "status": case.get_status_display(),
        "is_closed": case.status == CaseStatus.CLOSED,
        "closing_type": case.get_closing_type_display() if case.closing_type else "",
        "filed_on": case.filed_on,
        "closed_on": case.closed_on,
        "parties": parties,
        "nodes_done": [n for n in nodes if n.status == NodeStatus.DONE],
        "nodes_open": [n for n in nodes if n.status == NodeStatus.OPEN],
    }
