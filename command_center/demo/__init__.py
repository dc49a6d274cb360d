"""Demo data of the command and affairs centres: deterministic, idempotent (a
second run adds nothing), built on the demo accounts and demo cases.

Online queries run inline against the sandbox with no latency. The 终本 re-query
rounds are seeded as a court running the daily job would have them: the rounds of
the last week still due (a few of them queried now), every older one done, queried
the day after it fell due and the applicant informed (``_requery_history``).

One module per concern, as the services are split:

- ``affairs``: the outside institutions on the roster, the tasks teams sent the
  affairs centre and the work outsourced;
- ``command``: directives, the city-wide operation, video consultations, field
  records, the dispatch log and public opinion;
- ``queries``: the online query batches, the 终本 re-query rounds and the online
  freezes;
- here: ``seed_command_centre``, which ``manage.py seed_demo`` calls, and the
  work the demo judges' reminders and worklists show."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cases.choices import CaseStatus, CaseType
from cases.models import EnforcementCase
from command_center.demo.affairs import _institutions, _outsourced, _tasks
from command_center.demo.command import (
    _command_records,
    _directives,
    _dispatch,
    _operations,
    _opinion,
)
from command_center.demo.queries import _queries
from command_center.models import Institution
from command_center.reference_data import seed_reference_data
from courts.choices import CourtTier
from courts.models import Court


def seed_command_centre(*, seed: int = 2026) -> dict[str, int]:
    """Seed everything once; returns what was added."""
    seed_reference_data()
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["zy_leader", "center_staff", "xy_director", "xy_judge", "lh_judge"]
        )
    }
    if len(users) < 5 or Institution.objects.exists():
        return {}
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    intermediate = Court.objects.get(tier=CourtTier.INTERMEDIATE)
    added: dict[str, int] = {}
    open_cases = list(
        EnforcementCase.objects.exclude(status=CaseStatus.CLOSED)
        .filter(team__isnull=False, case_type__in=list(CaseType.implementation_codes()))
        .select_related("court")
        .order_by("pk")[:400]
    )
    with transaction.atomic():
        added["institutions"] = _institutions(rng, intermediate, today)
        added["tasks"] = _tasks(rng, open_cases, users, now)
        added["directives"] = _directives(rng, users, today, now)
        added["operations"] = _operations(rng, users, today)
        added["consultations"], added["field_records"] = _command_records(
            rng, open_cases, users, now
        )
        added["dispatch"] = _dispatch(rng, users, now)
        added["opinion"] = _opinion(rng, open_cases, users, now)
        added["outsourced"] = _outsourced(rng, open_cases, users, today)
        added["pending_work"] = _pending_work(users, today)
    added.update(_queries(open_cases, users, today))
    return added


def _pending_work(users, today) -> int:
    """Work the demo judges' reminders and worklists show on a fresh start (issue
    16): case funds held 24 days (due soon) and 35 days (overdue, DOMAIN.md §2
    "Case funds"), and a bank freeze expiring in 12 days (renew before expiry)."""
    from cases.services.ledger import record_receipt
    from cases.services.measures import add_measure
    from personnel.models import TeamMembership

    added = 0
    for username in ("xy_judge", "lh_judge"):
        user = users[username]
        teams = set(
            TeamMembership.objects.filter(officer__user=user, ended_on__isnull=True).values_list(
                "team_id", flat=True
            )
        )
        mine = list(
            EnforcementCase.objects.filter(
                team_id__in=teams,
                case_type__in=list(CaseType.implementation_codes()),
                filed_on__lte=today - dt.timedelta(days=40),
                filed_on__gte=today - dt.timedelta(days=300),
            )
            .exclude(status=CaseStatus.CLOSED)
            .order_by("filed_on", "pk")[:3]
        )
        for case, held in zip(mine, (24, 35), strict=False):
            record_receipt(
                user=user,
                case_id=case.pk,
                amount=Decimal("36800.00") if held == 24 else Decimal("125000.00"),
                counterparty="被执行人",
                occurred_on=today - dt.timedelta(days=held),
                idempotency_key=f"demo-pending-funds-{case.pk}",
                note="演示：待发放案款",
            )
            added += 1
        if len(mine) == 3:
            add_measure(
                user=user,
                case_id=mine[2].pk,
                kind="freeze",
                asset_type="bank_deposit",
                description="中国工商银行海口分行账户存款",
                started_on=mine[2].filed_on,
                expires_on=today + dt.timedelta(days=12),
                amount=Decimal("58000.00"),
            )
            added += 1
    return added
