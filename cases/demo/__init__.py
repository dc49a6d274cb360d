"""Demo and benchmark cases: realistic, deterministic, in every state and closing
type, seeded in bulk. Numbers come from the same per-court/year/type sequences as
filing (cases_casenumbersequence), so they are gap-free."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from faker import Faker
from tqdm import tqdm

from cases.choices import (
    CASE_CLASS,
    REFUSABLE_ORIGINS,
    AssignmentMethod,
    CaseClass,
    CaseOrigin,
    CaseStatus,
    CaseType,
    ClockPauseKind,
    ClosingType,
    CompletionEvent,
    LedgerEntryKind,
    MeasureKind,
    NodeStatus,
    PartyKind,
    PartyRole,
    RespondentNature,
    TerminationReason,
)
from cases.deadlines import Calendar, compute_due_date
from cases.demo.closing import record_termination_facts
from cases.models import (
    CaseAccount,
    CaseNode,
    ClockPause,
    EnforcementCase,
    LedgerEntry,
    Measure,
    NodeDefinition,
    Party,
)
from cases.numbers import format_case_number
from cases.services.filing import new_public_query_code
from courts.choices import BureauKind
from courts.models import Bureau
from haikou_exec.identifiers import make_resident_id, make_uscc
from personnel.models import Team


def _event_happened(event: str, status: str) -> bool:
    """Whether a node completed by ``event`` can be done in a case of ``status``: the
    closing node is met by closing the case, the assignment node by assigning it
    (a seeded case still in progress never shows 执行结案 completed, nor one still
    waiting for a team 分案 done)."""
    if event == CompletionEvent.CLOSED:
        return status == CaseStatus.CLOSED
    if event == CompletionEvent.ASSIGNED:
        return status != CaseStatus.FILED
    return True


TYPE_MIX = [
    (CaseType.FIRST, 70),
    (CaseType.RESUMED, 8),
    (CaseType.PRESERVATION, 10),
    (CaseType.OBJECTION, 5),
    (CaseType.RECONSIDERATION, 2),
    (CaseType.SUPERVISION, 1),
    (CaseType.COORDINATION, 1),
    (CaseType.OTHER, 3),
]
# The closing of an implementation case, read as a review case's outcome.
REVIEW_OUTCOME_FOR = {
    ClosingType.FULLY_EXECUTED: ClosingType.REVIEW_DISMISSED,
    ClosingType.TERMINATED_PROCEDURE: ClosingType.REVIEW_REVOKED_OR_VARIED,
    ClosingType.TERMINATED: ClosingType.REVIEW_TERMINATED,
    ClosingType.REFUSED: ClosingType.REVIEW_NOT_ACCEPTED,
    ClosingType.REJECTED: ClosingType.REVIEW_WITHDRAWN,
}
CLOSING_MIX = [
    (ClosingType.FULLY_EXECUTED, 42),
    (ClosingType.TERMINATED_PROCEDURE, 38),
    (ClosingType.TERMINATED, 10),
    (ClosingType.CANCELLED, 4),
    (ClosingType.REFUSED, 3),
    (ClosingType.REJECTED, 3),
]
CAUSES = [
    "民间借贷纠纷",
    "买卖合同纠纷",
    "金融借款合同纠纷",
    "房屋租赁合同纠纷",
    "劳动争议",
    "建设工程施工合同纠纷",
    "机动车交通事故责任纠纷",
    "信用卡纠纷",
    "物业服务合同纠纷",
    "离婚后财产纠纷",
]
STAY_REASONS = [
    "案外人对执行标的提出确有理由的异议",
    "申请执行人表示可以延期执行",
    "被执行人进入破产程序",
    "作为一方当事人的公民死亡，需要等待继承人继承权利或者承担义务",
]
ISSUERS = [
    "海口市中级人民法院",
    "海口市秀英区人民法院",
    "海口市龙华区人民法院",
    "海口市琼山区人民法院",
    "海口市美兰区人民法院",
    "海口仲裁委员会",
    "海南省海口市椰城公证处",
]
COURT_SHARE = {"琼01": 12, "琼0105": 18, "琼0106": 30, "琼0107": 18, "琼0108": 22}


def _weighted(rng, pairs):
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def seed_cases(
    *,
    count: int,
    seed: int = 2026,
    years: tuple[int, ...] | None = None,
    chunk: int = 2000,
    today: dt.date | None = None,
    with_nodes: bool = True,
) -> int:
    """Add ``count`` cases (on top of any already there), filed over ``years`` (by
    default the three years up to ``today``'s, so the demo has open cases whatever
    the date)."""
    today = today or timezone.localdate()
    years = years or (today.year - 2, today.year - 1, today.year)
    rng = random.Random(seed + EnforcementCase.objects.count())
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    bureaus = {
        b.court.code: b
        for b in Bureau.objects.filter(kind=BureauKind.ENFORCEMENT).select_related("court")
    }
    teams = defaultdict(list)
    for team in Team.objects.filter(is_active=True).order_by("pk"):
        teams[team.bureau_id].append(team.pk)
    definitions = [d for d in NodeDefinition.objects.filter(trigger="filing", is_active=True)]
    cal = Calendar()
    codes = [c for c in COURT_SHARE if c in bureaus]
    created = 0
    progress = tqdm(total=count, desc="cases", unit="case", disable=None)
    while created < count:
        n = min(chunk, count - created)
        with transaction.atomic():
            _seed_chunk(
                n, rng, fake, bureaus, teams, definitions, cal, codes, years, today, with_nodes
            )
        created += n
        progress.update(n)
    progress.close()
    record_seeded_assignments()
    if with_nodes:
        # Stayed cases: their clocks stopped when the stay began (DOMAIN.md §2).
        from cases.services.nodes import refresh_stopped_clocks

        refresh_stopped_clocks(today)
    return created


def record_seeded_assignments() -> int:
    """Every seeded case with a team gets the 分案记录 its page lists (a case assigned
    on the pages gets it from cases.services.assignment): to that team, on the day
    its 分案 node was met, else the day it was filed. One statement for both
    seedings; a case that has a record already is left alone.

    The day each node was met is read in one pass over the nodes (a grouped join),
    not a subquery per case: right after the COPY seeding the tables have no
    statistics yet, and the planner ran the per-case subquery as a scan of all 5M
    nodes for each case (still running after 11 minutes at design scale)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO cases_caseassignment
                (case_id, from_team_id, to_team_id, method, reason, assigned_by_id, assigned_at)
            SELECT c.id, NULL, c.team_id, %(method)s, %(reason)s, NULL,
                   (COALESCE(met.on_day, c.filed_on) + time '09:30') AT TIME ZONE %(zone)s
            FROM cases_enforcementcase c
            LEFT JOIN (
                SELECT n.case_id, min(n.completed_on) AS on_day
                FROM cases_casenode n
                JOIN cases_nodedefinition d ON d.id = n.definition_id
                WHERE d.completion_event = %(event)s
                GROUP BY n.case_id
            ) met ON met.case_id = c.id
            WHERE c.team_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM cases_caseassignment a WHERE a.case_id = c.id)
            """,
            {
                "method": AssignmentMethod.MANUAL,
                "reason": "立案后由执行局指定承办团队",
                "event": CompletionEvent.ASSIGNED,
                "zone": settings.TIME_ZONE,
            },
        )
        return cursor.rowcount


def _allocate_block(court_id: int, year: int, case_type: str, how_many: int) -> int:
    """Reserve ``how_many`` consecutive numbers; returns the first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO cases_casenumbersequence (court_id, year, case_type, last_value) VALUES (%s, %s, %s, 0) "
            "ON CONFLICT (court_id, year, case_type) DO NOTHING",
            [court_id, year, case_type],
        )
        cursor.execute(
            "UPDATE cases_casenumbersequence SET last_value = last_value + %s "
            "WHERE court_id = %s AND year = %s AND case_type = %s RETURNING last_value",
            [how_many, court_id, year, case_type],
        )
        return cursor.fetchone()[0] - how_many + 1


def _build_case(rng, bureaus, teams, today, code, year, ctype, filed_on) -> EnforcementCase:
    """One case's facts (its number is given later, in filing order)."""
    bureau = bureaus[code]
    amount = Decimal(
        rng.choice(
            [
                rng.randint(3, 50) * 1000,
                rng.randint(50, 500) * 1000,
                rng.randint(500, 20000) * 1000,
            ]
        )
    )
    age = (today - filed_on).days
    closed = age > 200 or (age > 40 and rng.random() < age / 260)
    status, closing, closed_on, recovered, reason = (
        CaseStatus.ASSIGNED,
        "",
        None,
        Decimal(0),
        "",
    )
    if closed:
        closing = _weighted(rng, CLOSING_MIX)
        closed_on = min(filed_on + dt.timedelta(days=rng.randint(30, 240)), today)
        if closing == ClosingType.TERMINATED_PROCEDURE and (closed_on - filed_on).days < 92:
            closed_on = min(filed_on + dt.timedelta(days=92 + rng.randint(0, 60)), today)
            if (closed_on - filed_on).days < 92:
                closing = ClosingType.FULLY_EXECUTED
        status = CaseStatus.CLOSED
        if closing == ClosingType.FULLY_EXECUTED:
            recovered = amount
        elif closing == ClosingType.TERMINATED_PROCEDURE:
            recovered = (amount * Decimal(rng.choice([0, 0, 0, 0.1, 0.25]))).quantize(
                Decimal("0.01")
            )
        if closing == ClosingType.TERMINATED:
            reason = rng.choice(TerminationReason.values)
    else:
        status = rng.choice(
            [
                CaseStatus.ASSIGNED,
                CaseStatus.IN_PROGRESS,
                CaseStatus.IN_PROGRESS,
                CaseStatus.IN_PROGRESS,
                CaseStatus.STAYED,
            ]
        )
        recovered = (amount * Decimal(rng.choice([0, 0, 0.1, 0.3]))).quantize(Decimal("0.01"))
    if CASE_CLASS[ctype] != CaseClass.IMPLEMENTATION:
        # Review cases close by their outcome, never 执行完毕 or 终本 (DOMAIN.md §2),
        # and recover nothing: funds are received in the implementation case
        # (services.common.ensure_implementation). The draws above stay, so the rest
        # of the demo is the same.
        closing = REVIEW_OUTCOME_FOR.get(closing, closing) if closing else closing
        recovered, reason = Decimal(0), ""
    team_ids = teams.get(bureau.pk) or [None]
    case = EnforcementCase(
        court_id=bureau.court_id,
        bureau=bureau,
        case_type=ctype,
        year=year,
        origin=rng.choice([CaseOrigin.CIVIL] * 8 + [CaseOrigin.ARBITRATION, CaseOrigin.NOTARIAL]),
        title_issuer=rng.choice(ISSUERS),
        title_document_number=f"（{year - 1}）琼01民初{rng.randint(1, 9999)}号",
        title_effective_on=filed_on - dt.timedelta(days=rng.randint(20, 200)),
        cause=rng.choice(CAUSES),
        amount_claimed=amount,
        amount_recovered=recovered,
        filed_on=filed_on,
        team_id=rng.choice(team_ids),
        status=status,
        closing_type=closing,
        closed_on=closed_on,
        termination_reason=reason,
        public_query_code=new_public_query_code(),
    )
    if closing == ClosingType.REFUSED and case.origin not in REFUSABLE_ORIGINS:
        # 不予执行 only for arbitral awards and notarised debts (DOMAIN.md §2).
        case.origin = CaseOrigin.ARBITRATION
    return case


# Cases that continue another and name it (DOMAIN.md §2 "Who files what"): a 执恢
# resumes a 终本 case of its court; a 执复 reviews a district court's 执异 ruling and
# a 执监 supervises a district court's case, both at the intermediate court.
SAME_PARTY_FIELDS = ("role", "kind", "name", "nature", "id_number", "phone", "address")
CONTINUATIONS = {CaseType.RESUMED, CaseType.RECONSIDERATION, CaseType.SUPERVISION}
INTERMEDIATE_CODE = "琼01"


def _origin_for(ctype, code, filed_on, built, used):
    """An earlier case of this chunk that a continuation case may name, or None."""
    for case, case_code in built:
        if case.pk in used or case.closed_on is None or case.closed_on >= filed_on:
            continue
        if ctype == CaseType.RESUMED:
            fits = (
                case_code == code
                and case.case_type == CaseType.FIRST
                and case.closing_type == ClosingType.TERMINATED_PROCEDURE
            )
        elif ctype == CaseType.RECONSIDERATION:
            fits = case_code != INTERMEDIATE_CODE and case.case_type == CaseType.OBJECTION
        else:
            fits = case_code != INTERMEDIATE_CODE and CASE_CLASS[case.case_type] == (
                CaseClass.IMPLEMENTATION
            )
        if fits:
            return case
    return None


def _seed_chunk(n, rng, fake, bureaus, teams, definitions, cal, codes, years, today, with_nodes):
    plans = []
    for _ in range(n):
        ctype = _weighted(rng, TYPE_MIX)
        code = rng.choices(codes, weights=[COURT_SHARE[c] for c in codes])[0]
        if ctype in (CaseType.RECONSIDERATION, CaseType.SUPERVISION) and INTERMEDIATE_CODE in codes:
            code = INTERMEDIATE_CODE  # filed only at the intermediate court (§2)
        year = rng.choice(years)
        start = dt.date(year, 1, 2)
        end = min(dt.date(year, 12, 28), today)
        filed_on = start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))
        plans.append([code, year, ctype, filed_on])
    # The cases that stand alone first; then each continuation names one of them,
    # closed before it is filed and named by no other, or is filed as a first case.
    built = []
    for plan in sorted((p for p in plans if p[2] not in CONTINUATIONS), key=lambda p: p[3]):
        built.append((_build_case(rng, bureaus, teams, today, *plan), plan[0]))
    for i, (case, _code) in enumerate(built):
        case.pk = -(i + 1)  # a stand-in key until the rows are stored
    used: set[int] = set()
    continuations = []
    for plan in sorted((p for p in plans if p[2] in CONTINUATIONS), key=lambda p: p[3]):
        origin = _origin_for(plan[2], plan[0], plan[3], built, used)
        if origin is None:
            plan[2] = CaseType.FIRST
            built.append((_build_case(rng, bureaus, teams, today, *plan), plan[0]))
            built[-1][0].pk = -len(built)
            continue
        used.add(origin.pk)
        case = _build_case(rng, bureaus, teams, today, *plan)
        continuations.append((case, plan[0], origin))
    # Numbers: consecutive per court/year/type, in filing order.
    everyone = [(case, code) for case, code in built] + [(c, code) for c, code, _o in continuations]
    everyone.sort(key=lambda cc: (cc[1], cc[0].year, cc[0].case_type, cc[0].filed_on))
    blocks = defaultdict(int)
    for case, code in everyone:
        blocks[(code, case.year, case.case_type)] += 1
    next_number = {
        k: _allocate_block(bureaus[k[0]].court_id, k[1], k[2], v) for k, v in blocks.items()
    }
    for case, code in everyone:
        key = (code, case.year, case.case_type)
        case.sequence = next_number[key]
        next_number[key] += 1
        case.case_number = format_case_number(case.year, code, case.case_type, case.sequence)
    standalone = [case for case, _code in built]
    for case in standalone:
        case.pk = None
    EnforcementCase.objects.bulk_create(standalone, batch_size=1000)
    for case, _code, origin in continuations:
        case.origin_case = origin
    EnforcementCase.objects.bulk_create([c for c, _code, _o in continuations], batch_size=1000)
    # The cases that stand alone first, so a continuation finds its origin's parties.
    cases = standalone + [c for c, _code, _o in continuations]
    parties_of: dict[int, list[Party]] = {}
    parties, accounts, nodes, entries, measures, pauses = [], [], [], [], [], []
    for case in cases:
        if case.status == CaseStatus.STAYED:
            # A stayed case has its open stay, so its clock shows as stopped (§2).
            pauses.append(
                ClockPause(
                    case=case,
                    kind=ClockPauseKind.STAY,
                    started_on=min(case.filed_on + dt.timedelta(days=rng.randint(5, 60)), today),
                    reason=rng.choice(STAY_REASONS),
                )
            )
        if case.origin_case_id in parties_of:
            # The same parties go on in the resumed or reviewed case (DOMAIN.md §2).
            for party in parties_of[case.origin_case_id]:
                parties.append(
                    Party(
                        case=case,
                        **{f: getattr(party, f) for f in SAME_PARTY_FIELDS},
                    )
                )
        else:
            applicant_natural = rng.random() < 0.5
            parties.append(
                Party(
                    case=case,
                    role=PartyRole.APPLICANT,
                    kind=PartyKind.NATURAL_PERSON if applicant_natural else PartyKind.LEGAL_PERSON,
                    name=fake.name() if applicant_natural else fake.company(),
                    id_number=make_resident_id(rng) if applicant_natural else make_uscc(rng),
                    phone=fake.phone_number(),
                )
            )
            respondent_natural = rng.random() < 0.6
            nature = (
                RespondentNature.PRIVATE
                if respondent_natural or rng.random() < 0.9
                else rng.choice(
                    [RespondentNature.GOVERNMENT_BODY, RespondentNature.STATE_ENTERPRISE]
                )
            )
            parties.append(
                Party(
                    case=case,
                    role=PartyRole.RESPONDENT,
                    kind=PartyKind.NATURAL_PERSON if respondent_natural else PartyKind.LEGAL_PERSON,
                    name=fake.name() if respondent_natural else fake.company(),
                    nature=nature,
                    id_number=make_resident_id(rng) if respondent_natural else make_uscc(rng),
                    address=fake.address()[:200],
                )
            )
            parties_of[case.pk] = parties[-2:]
        balance = (
            Decimal(0)
            if case.status == CaseStatus.CLOSED
            else (case.amount_recovered if rng.random() < 0.3 else Decimal(0))
        )
        accounts.append(
            CaseAccount(case=case, balance=balance, total_received=case.amount_recovered)
        )
        if with_nodes:
            for d in definitions:
                if d.case_types and case.case_type not in d.case_types:
                    continue
                base, due, steps = compute_due_date(
                    trigger_label=d.get_trigger_display(),
                    triggered_on=case.filed_on,
                    value=int(d.origin_limit_overrides.get(case.origin, d.limit_value)),
                    unit=d.limit_unit,
                    cal=cal,
                )
                done_on = None
                if case.status == CaseStatus.CLOSED:
                    # Met along the way, a few days before due, at the latest on the
                    # closing day, which alone meets the closing node (as bulk.py;
                    # every node done on the closing day read 分案 months late).
                    # No draw from rng here: the rest of the demo stays as it was.
                    done_on = case.closed_on
                    if d.completion_event != CompletionEvent.CLOSED:
                        early = dt.timedelta(days=case.sequence % 6)
                        done_on = min(max(case.filed_on, due - early), case.closed_on)
                elif rng.random() < 0.7:
                    done_on = min(case.filed_on + dt.timedelta(days=rng.randint(1, 40)), today)
                if not _event_happened(d.completion_event, case.status):
                    done_on = None
                nodes.append(
                    CaseNode(
                        case=case,
                        definition=d,
                        triggered_on=case.filed_on,
                        base_due_on=base,
                        due_on=due,
                        status=NodeStatus.DONE if done_on else NodeStatus.OPEN,
                        completed_on=done_on,
                        computation=steps,
                    )
                )
        if (
            case.case_type in (CaseType.FIRST, CaseType.RESUMED, CaseType.PRESERVATION)
            and rng.random() < 0.35
        ):
            start = min(case.filed_on + dt.timedelta(days=rng.randint(3, 30)), today)
            asset, months = rng.choice([("bank_deposit", 12), ("real_estate", 36), ("vehicle", 24)])
            kind = MeasureKind.FREEZE if asset == "bank_deposit" else MeasureKind.SEIZURE
            expires = start + dt.timedelta(days=months * 30 - 5)
            measures.append(
                Measure(
                    case=case,
                    kind=kind,
                    asset_type=asset,
                    description=_asset_text(rng, asset),
                    started_on=start,
                    expires_on=expires,
                    status="active"
                    if case.status != CaseStatus.CLOSED and expires >= today
                    else "released",
                    ended_on=None if case.status != CaseStatus.CLOSED else case.closed_on,
                )
            )
    Party.objects.bulk_create(parties, batch_size=2000)
    CaseAccount.objects.bulk_create(accounts, batch_size=2000)
    CaseNode.objects.bulk_create(nodes, batch_size=5000)
    Measure.objects.bulk_create(measures, batch_size=2000)
    ClockPause.objects.bulk_create(pauses, batch_size=2000)
    for account, case in zip(accounts, cases, strict=True):
        if case.amount_recovered > 0:
            day = min(case.filed_on + dt.timedelta(days=rng.randint(10, 90)), today)
            entries.append(
                LedgerEntry(
                    account=account,
                    kind=LedgerEntryKind.RECEIPT,
                    amount=case.amount_recovered,
                    balance_after=case.amount_recovered,
                    idempotency_key=f"demo:{case.case_number}:r",
                    counterparty="被执行人",
                    occurred_on=day,
                )
            )
            paid = case.amount_recovered - account.balance
            if paid > 0:
                entries.append(
                    LedgerEntry(
                        account=account,
                        kind=LedgerEntryKind.DISBURSEMENT,
                        amount=paid,
                        balance_after=account.balance,
                        idempotency_key=f"demo:{case.case_number}:d",
                        counterparty="申请执行人",
                        occurred_on=min(day + dt.timedelta(days=rng.randint(5, 40)), today),
                    )
                )
    LedgerEntry.objects.bulk_create(entries, batch_size=5000)
    record_termination_facts(
        [c for c in cases if c.closing_type == ClosingType.TERMINATED_PROCEDURE], rng
    )


def _asset_text(rng, asset):
    if asset == "bank_deposit":
        bank = rng.choice(
            ["中国工商银行海口分行", "中国银行海南省分行", "海南农商银行", "中国建设银行海口分行"]
        )
        return f"{bank}账户存款"
    if asset == "real_estate":
        return f"海口市{rng.choice(['龙华区', '美兰区', '琼山区', '秀英区'])}{rng.choice(['滨海大道', '国兴大道', '海府路', '南沙路'])}{rng.randint(1, 300)}号房产"
    return f"琼A{rng.randint(10000, 99999)}号小型轿车"
