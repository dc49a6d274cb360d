"""Design-scale cases by COPY (DOMAIN.md §10: 500k cases, 5M node events, 1M
ledger entries in about ten years of Haikou).

The same realistic mix as ``cases.demo.seed_cases`` (types, closings, amounts,
parties with valid ID numbers, seizures, the funds ledger) with more history per
case: every node a case of its type goes through (clue verifications, one
disbursement node per receipt, petitions, appraisals), and receipts in
instalments. Generated a chunk at a time and streamed with COPY
(``haikou_exec.bulkload``), so memory does not grow with the count; triggers are
off for the load (benchmark rows are not audited events). Numbers come from the
per-court/year/type sequences, so they stay gap-free."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from faker import Faker
from tqdm import tqdm

from cases.choices import (
    CASE_CLASS,
    FILING_RIGHTS,
    CaseClass,
    CaseOrigin,
    CaseStatus,
    CaseType,
    ClosingType,
    MeasureKind,
    NodeStatus,
    PartyKind,
    PartyRole,
    RespondentNature,
    TerminationReason,
)
from cases.deadlines import Calendar, compute_due_date
from cases.demo import (
    CAUSES,
    CLOSING_MIX,
    COURT_SHARE,
    INTERMEDIATE_CODE,
    ISSUERS,
    REVIEW_OUTCOME_FOR,
    TYPE_MIX,
    _allocate_block,
    _asset_text,
    _event_happened,
    _weighted,
    record_seeded_assignments,
)
from cases.models import (
    CaseAccount,
    CaseNode,
    EnforcementCase,
    LedgerEntry,
    Measure,
    NodeDefinition,
    Party,
)
from cases.numbers import format_case_number
from cases.services.filing import QUERY_CODE_ALPHABET
from courts.choices import BureauKind
from courts.models import Bureau
from haikou_exec.bulkload import CopyBuffer, Raw, bulk_load_session, copy_text, reserve_ids
from haikou_exec.identifiers import make_resident_id, make_uscc
from personnel.models import Team

CASE_COLUMNS = [
    "id",
    "court_id",
    "bureau_id",
    "case_type",
    "year",
    "sequence",
    "case_number",
    "origin",
    "title_issuer",
    "title_document_number",
    "title_effective_on",
    "cause",
    "amount_claimed",
    "amount_recovered",
    "filed_on",
    "file_received_on",
    "team_id",
    "status",
    "closing_type",
    "closed_on",
    "termination_reason",
    "public_query_code",
]
PARTY_COLUMNS = ["case_id", "role", "kind", "name", "id_number", "nature", "phone", "address"]
NODE_COLUMNS = [
    "case_id",
    "definition_id",
    "trigger_ref",
    "triggered_on",
    "base_due_on",
    "due_on",
    "status",
    "completed_on",
    "computation",
]
LEDGER_COLUMNS = [
    "account_id",
    "kind",
    "amount",
    "balance_after",
    "idempotency_key",
    "counterparty",
    "occurred_on",
]
MEASURE_COLUMNS = [
    "case_id",
    "kind",
    "asset_type",
    "description",
    "started_on",
    "expires_on",
    "status",
    "ended_on",
]
CENT = Decimal("0.01")


def _query_code(case_id: int, rng: random.Random) -> str:
    """Unique by construction: two random characters, then the id in base 32."""
    a = QUERY_CODE_ALPHABET
    digits = []
    n = case_id
    for _ in range(6):
        n, r = divmod(n, len(a))
        digits.append(a[r])
    return rng.choice(a) + rng.choice(a) + "".join(reversed(digits))


class _Pools:
    """Faker output drawn once (Faker costs tens of µs a call)."""

    def __init__(self, seed: int):
        fake = Faker("zh_CN")
        fake.seed_instance(seed)
        self.names = [fake.name() for _ in range(3000)]
        self.companies = [fake.company() for _ in range(1500)]
        self.addresses = [fake.address()[:200] for _ in range(1000)]
        self.phones = [fake.phone_number() for _ in range(1000)]


class _Nodes:
    """Node rows with memoised deadline computations (date × definition)."""

    def __init__(self, today: dt.date):
        self.cal = Calendar()
        self.today = today
        self.by_trigger = defaultdict(list)
        for d in NodeDefinition.objects.filter(is_active=True).order_by("sort_order", "pk"):
            self.by_trigger[d.trigger].append(d)
        self.labels = {
            d.pk: str(d.get_trigger_display()) for ds in self.by_trigger.values() for d in ds
        }
        self.memo = {}

    def due(self, d, origin: str, on: dt.date):
        """(base, due, steps as COPY-ready JSON), computed once per date."""
        value = int(d.origin_limit_overrides.get(origin, d.limit_value))
        key = (d.pk, value, on)
        hit = self.memo.get(key)
        if hit is None:
            base, due, steps = compute_due_date(
                trigger_label=self.labels[d.pk],
                triggered_on=on,
                value=value,
                unit=d.limit_unit,
                cal=self.cal,
            )
            hit = (base, due, Raw(copy_text(steps)))
            if len(self.memo) > 200_000:  # bounded: memory stays flat
                self.memo.clear()
            self.memo[key] = hit
        return hit

    def add(self, out, rng, case, trigger: str, on: dt.date, ref: str = "") -> int:
        if on > self.today:
            return 0
        added = 0
        for d in self.by_trigger.get(trigger, ()):
            if d.case_types and case["case_type"] not in d.case_types:
                continue
            base, due, steps = self.due(d, case["origin"], on)
            if case["closed_on"]:
                done = min(max(on, due - dt.timedelta(days=rng.randint(0, 5))), case["closed_on"])
            elif due < self.today - dt.timedelta(days=3) and rng.random() < 0.85:
                done = min(on + dt.timedelta(days=rng.randint(0, 10)), self.today)
            elif rng.random() < 0.5:
                done = min(on + dt.timedelta(days=rng.randint(0, 3)), self.today)
            else:
                done = None
            if not _event_happened(d.completion_event, case["status"]):
                done = None
            status = NodeStatus.DONE if done else NodeStatus.OPEN
            out.add((case["id"], d.pk, ref, on, base, due, status, done, steps))
            added += 1
        return added


# The tables copy_cases fills (seed_demo vacuums them afterwards).
COPIED_MODELS = (EnforcementCase, Party, CaseAccount, CaseNode, Measure, LedgerEntry)


def copy_cases(
    *,
    count: int,
    seed: int = 2026,
    years: int = 10,
    chunk: int = 5000,
    today: dt.date | None = None,
) -> dict[str, int]:
    """Add ``count`` cases filed over the last ``years`` years, by COPY."""
    today = today or timezone.localdate()
    rng = random.Random(seed + EnforcementCase.objects.count())
    pools = _Pools(seed)
    bureaus = {
        b.court.code: b
        for b in Bureau.objects.filter(kind=BureauKind.ENFORCEMENT).select_related("court")
    }
    teams = defaultdict(list)
    for team in Team.objects.filter(is_active=True).order_by("pk"):
        teams[team.bureau_id].append(team.pk)
    codes = [c for c in COURT_SHARE if c in bureaus]
    first_year = today.year - years + 1
    buffers = {
        "cases": CopyBuffer(EnforcementCase, CASE_COLUMNS),
        "parties": CopyBuffer(Party, PARTY_COLUMNS),
        "accounts": CopyBuffer(CaseAccount, ["id", "case_id", "balance", "total_received"]),
        "nodes": CopyBuffer(CaseNode, NODE_COLUMNS),
        "measures": CopyBuffer(Measure, MEASURE_COLUMNS),
        "ledger": CopyBuffer(LedgerEntry, LEDGER_COLUMNS),
    }
    nodes = _Nodes(today)
    done = 0
    progress = tqdm(total=count, desc="cases (COPY)", unit="case", disable=None)
    while done < count:
        n = min(chunk, count - done)
        with transaction.atomic(), bulk_load_session():
            _chunk(n, rng, pools, bureaus, teams, codes, first_year, today, nodes, buffers)
            for buffer in buffers.values():  # parents first: cases, then the rest
                buffer.flush()
        done += n
        progress.update(n)
    progress.close()
    # Statistics now, for the assignments' statement and what follows in seed_demo
    # (it vacuums at the end).
    with connection.cursor() as cursor:
        for model in COPIED_MODELS:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')
    # As the COPY: seeded rows are not audited events (nobody assigned anything), and
    # half a million audit-trigger calls took longer than the whole seeding.
    with transaction.atomic(), bulk_load_session():
        record_seeded_assignments()
    return {name: b.total for name, b in buffers.items()}


def _plan(rng, codes, first_year, today):
    code = rng.choices(codes, weights=[COURT_SHARE[c] for c in codes])[0]
    year = rng.randint(first_year, today.year)
    start = dt.date(year, 1, 2)
    end = min(dt.date(year, 12, 28), today)
    filed_on = start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))
    case_type = _weighted(rng, TYPE_MIX)
    # 执复 and 执监 are filed at the intermediate court (DOMAIN.md §2 "Filing rights
    # by court level"); no further draw, so the rest of the data set is the same.
    if FILING_RIGHTS[case_type].tiers == {"intermediate"} and INTERMEDIATE_CODE in codes:
        code = INTERMEDIATE_CODE
    return code, year, case_type, filed_on


def _closing(rng, case_type, filed_on, today, amount):
    """(status, closing type, closed on, recovered, termination reason). A review
    case closes by its outcome and recovers nothing (DOMAIN.md §2; as the demo
    seeding, cases.demo.REVIEW_OUTCOME_FOR), with the same draws from ``rng``."""
    status, closing, closed_on, recovered, reason = _implementation_closing(
        rng, filed_on, today, amount
    )
    if CASE_CLASS[case_type] != CaseClass.IMPLEMENTATION:
        closing = REVIEW_OUTCOME_FOR.get(closing, closing) if closing else closing
        recovered, reason = Decimal(0), ""
    return status, closing, closed_on, recovered, reason


def _implementation_closing(rng, filed_on, today, amount):
    age = (today - filed_on).days
    if not (age > 200 or (age > 40 and rng.random() < age / 260)):
        status = rng.choice([CaseStatus.ASSIGNED] + [CaseStatus.IN_PROGRESS] * 3 + ["stayed"])
        recovered = (amount * Decimal(rng.choice([0, 0, 0.1, 0.3]))).quantize(CENT)
        return status, "", None, recovered, ""
    closing = _weighted(rng, CLOSING_MIX)
    closed_on = min(filed_on + dt.timedelta(days=rng.randint(30, 240)), today)
    if closing == ClosingType.TERMINATED_PROCEDURE and (closed_on - filed_on).days < 92:
        closed_on = min(filed_on + dt.timedelta(days=92 + rng.randint(0, 60)), today)
        if (closed_on - filed_on).days < 92:
            closing = ClosingType.FULLY_EXECUTED
    recovered = Decimal(0)
    if closing == ClosingType.FULLY_EXECUTED:
        recovered = amount
    elif closing == ClosingType.TERMINATED_PROCEDURE:
        recovered = (amount * Decimal(rng.choice([0, 0, 0.1, 0.25]))).quantize(CENT)
    reason = rng.choice(TerminationReason.values) if closing == ClosingType.TERMINATED else ""
    return CaseStatus.CLOSED, closing, closed_on, recovered, reason


def _chunk(n, rng, pools, bureaus, teams, codes, first_year, today, nodes, out):
    plans = sorted(_plan(rng, codes, first_year, today) for _ in range(n))
    blocks = defaultdict(int)
    for code, year, ctype, _ in plans:
        blocks[(code, year, ctype)] += 1
    next_number = {
        k: _allocate_block(bureaus[k[0]].court_id, k[1], k[2], v) for k, v in blocks.items()
    }
    case_ids = reserve_ids(EnforcementCase, n)
    account_ids = reserve_ids(CaseAccount, n)
    for (code, year, ctype, filed_on), case_id, account_id in zip(
        plans, case_ids, account_ids, strict=True
    ):
        bureau = bureaus[code]
        seq = next_number[(code, year, ctype)]
        next_number[(code, year, ctype)] += 1
        amount = Decimal(
            rng.choice([rng.randint(3, 50), rng.randint(50, 500), rng.randint(500, 20000)]) * 1000
        )
        status, closing, closed_on, recovered, reason = _closing(
            rng, ctype, filed_on, today, amount
        )
        origin = rng.choice([CaseOrigin.CIVIL] * 8 + [CaseOrigin.ARBITRATION, CaseOrigin.NOTARIAL])
        received_on = min(filed_on + dt.timedelta(days=rng.randint(0, 4)), today)
        team_id = rng.choice(teams.get(bureau.pk) or [None])
        out["cases"].add(
            (
                case_id,
                bureau.court_id,
                bureau.pk,
                ctype,
                year,
                seq,
                format_case_number(year, code, ctype, seq),
                origin,
                rng.choice(ISSUERS),
                f"（{year - 1}）琼01民初{rng.randint(1, 9999)}号",
                filed_on - dt.timedelta(days=rng.randint(20, 200)),
                rng.choice(CAUSES),
                amount,
                recovered,
                filed_on,
                received_on,
                team_id,
                status,
                closing,
                closed_on,
                reason,
                _query_code(case_id, rng),
            )
        )
        case = {
            "id": case_id,
            "case_type": ctype,
            "origin": origin,
            "closed_on": closed_on,
            "status": status,
        }
        _parties(out["parties"], rng, pools, case_id)
        nodes.add(out["nodes"], rng, case, "filing", filed_on)
        nodes.add(out["nodes"], rng, case, "file_received", received_on)
        for i in range(rng.choice([4, 5, 5, 6, 6])):
            on = filed_on + dt.timedelta(days=rng.randint(5, 60) * (i + 1))
            if closed_on is None or on <= closed_on:
                nodes.add(out["nodes"], rng, case, "clue_received", on, f"clue:{i + 1}")
        if rng.random() < 0.5:
            on = filed_on + dt.timedelta(days=rng.randint(20, 150))
            if closed_on is None or on <= closed_on:
                nodes.add(out["nodes"], rng, case, "petition_received", on, "petition:1")
        if ctype == CaseType.COORDINATION:
            nodes.add(out["nodes"], rng, case, "commission_received", filed_on)
        if ctype in (CaseType.FIRST, CaseType.RESUMED, CaseType.PRESERVATION) and (
            rng.random() < 0.4
        ):
            _measure(out, rng, nodes, case, filed_on, today, status)
        balance = _ledger(out, rng, nodes, case, account_id, filed_on, today, recovered, status)
        out["accounts"].add((account_id, case_id, balance, recovered))


def _parties(out, rng, pools, case_id):
    natural = rng.random() < 0.5
    out.add(
        (
            case_id,
            PartyRole.APPLICANT,
            PartyKind.NATURAL_PERSON if natural else PartyKind.LEGAL_PERSON,
            rng.choice(pools.names) if natural else rng.choice(pools.companies),
            make_resident_id(rng) if natural else make_uscc(rng),
            RespondentNature.PRIVATE,
            rng.choice(pools.phones),
            "",
        )
    )
    natural = rng.random() < 0.6
    nature = (
        RespondentNature.PRIVATE
        if natural or rng.random() < 0.9
        else rng.choice([RespondentNature.GOVERNMENT_BODY, RespondentNature.STATE_ENTERPRISE])
    )
    out.add(
        (
            case_id,
            PartyRole.RESPONDENT,
            PartyKind.NATURAL_PERSON if natural else PartyKind.LEGAL_PERSON,
            rng.choice(pools.names) if natural else rng.choice(pools.companies),
            make_resident_id(rng) if natural else make_uscc(rng),
            nature,
            "",
            rng.choice(pools.addresses),
        )
    )


def _measure(out, rng, nodes, case, filed_on, today, status):
    start = min(filed_on + dt.timedelta(days=rng.randint(3, 30)), today)
    asset, months = rng.choice([("bank_deposit", 12), ("real_estate", 36), ("vehicle", 24)])
    kind = MeasureKind.FREEZE if asset == "bank_deposit" else MeasureKind.SEIZURE
    expires = start + dt.timedelta(days=months * 30 - 5)
    closed = status == CaseStatus.CLOSED
    out["measures"].add(
        (
            case["id"],
            kind,
            asset,
            _asset_text(rng, asset),
            start,
            expires,
            "active" if not closed and expires >= today else "released",
            case["closed_on"],
        )
    )
    if kind == MeasureKind.SEIZURE:
        nodes.add(out["nodes"], rng, case, "seizure", start, "seizure:1")
        if rng.random() < 0.5:
            on = start + dt.timedelta(days=rng.randint(10, 40))
            if case["closed_on"] is None or on <= case["closed_on"]:
                nodes.add(out["nodes"], rng, case, "appraisal_requested", on, "appraisal:1")


def _ledger(out, rng, nodes, case, account_id, filed_on, today, recovered, status):
    """Receipts in instalments, each paid out within 30 days unless the case is
    open and the last one still waits; returns the balance."""
    if recovered <= 0:
        return Decimal(0)
    parts = rng.choice([1, 1, 2, 2, 3])
    amounts = [(recovered / parts).quantize(CENT)] * (parts - 1)
    amounts.append(recovered - sum(amounts, Decimal(0)))
    balance = Decimal(0)
    day = filed_on
    for i, amount in enumerate(amounts, start=1):
        if amount <= 0:
            continue
        day = min(day + dt.timedelta(days=rng.randint(10, 60)), today)
        balance += amount
        key = f"bench:{case['id']}:{i}"
        out["ledger"].add((account_id, "receipt", amount, balance, key + "r", "被执行人", day))
        nodes.add(out["nodes"], rng, case, "funds_arrived", day, f"receipt:{i}")
        keep = status != CaseStatus.CLOSED and i == len(amounts) and rng.random() < 0.3
        if not keep:
            balance -= amount
            paid_on = min(day + dt.timedelta(days=rng.randint(3, 28)), today)
            out["ledger"].add(
                (account_id, "disbursement", amount, balance, key + "d", "申请执行人", paid_on)
            )
    return balance
