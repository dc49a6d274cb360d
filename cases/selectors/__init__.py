"""Read paths for cases: lists, details, queues, workloads, registers. Beside
them: ``funds`` (the funds pages), ``transfers`` (transfers and suggestions),
``criminal`` (criminal judgments, 刑更 reviews and the certificate's content) and
``termination`` (the 终本 conditions and the legal closing date as SQL, which
supervision's alerts and assessment's indicators read)."""

from __future__ import annotations

import datetime as dt

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, JSONObject
from django.db.models.lookups import LessThan
from django.utils import timezone

from cases.choices import (
    CaseStatus,
    DossierCategory,
    LedgerEntryKind,
    MeasureStatus,
    NodeStatus,
)
from cases.deadlines import STOPS_EVERY_CLOCK
from cases.models import (
    AuctionRound,
    CaseNode,
    ClockPause,
    DeadlineExtension,
    DossierFile,
    EnforcementCase,
    LedgerEntry,
    Measure,
    Party,
    PartyAgent,
)
from haikou_exec.natural import natural_order


def stopped_clock_q(node_ref: str = "") -> Q:
    """Nodes whose clock is stopped now: their case has an open stay or suspension
    (these stop every clock), or an open notice or appraisal period and the node is
    pausable (DOMAIN.md §2). ``node_ref`` prefixes the lookups when the nodes are
    reached through a relation."""
    open_pauses = ClockPause.objects.filter(
        case_id=OuterRef(f"{node_ref}case_id"), ended_on__isnull=True
    )
    return Exists(open_pauses.filter(kind__in=STOPS_EVERY_CLOCK)) | (
        Q(**{f"{node_ref}definition__pausable": True}) & Exists(open_pauses)
    )


def overdue_nodes(
    queryset: QuerySet[CaseNode] | None = None, today: dt.date | None = None
) -> QuerySet[CaseNode]:
    """Open nodes past their due date whose clock is running: a stayed case is never
    overdue, however long ago its stored due date was computed (DOMAIN.md §2
    "Stays and suspensions stop the clock")."""
    today = today or timezone.localdate()
    queryset = CaseNode.objects.all() if queryset is None else queryset
    return queryset.filter(status=NodeStatus.OPEN, due_on__lt=today).exclude(stopped_clock_q())


def dossier_to_file(queryset: QuerySet[EnforcementCase]) -> QuerySet[EnforcementCase]:
    """Open cases whose electronic dossier has no filing materials yet: what the
    clerk must file (the clerk's home page and the case list's filter read this one
    definition)."""
    return queryset.exclude(status=CaseStatus.CLOSED).exclude(
        Exists(DossierFile.objects.filter(case=OuterRef("pk"), category=DossierCategory.FILING))
    )


def _case_rows(queryset: QuerySet[EnforcementCase]) -> QuerySet[EnforcementCase]:
    """Court, team and "has an overdue node" for each row."""
    today = timezone.localdate()
    # "Has an overdue node" as the case's earliest open due date < today, looked up
    # per row of the page (a subquery with ORDER BY … LIMIT 1). As EXISTS, the
    # planner sizes the open overdue nodes from statistics at tens of thousands
    # and hashes them all (5 ms) for the 50 rows it shows.
    earliest_open_due = (
        CaseNode.objects.filter(case=OuterRef("pk"), status=NodeStatus.OPEN)
        .exclude(stopped_clock_q())
        .order_by("due_on")
        .values("due_on")[:1]
    )
    return queryset.select_related("court", "team").annotate(
        has_overdue=Coalesce(LessThan(Subquery(earliest_open_due), Value(today)), False)
    )


def case_list(
    queryset: QuerySet[EnforcementCase], *, with_agents: bool = False
) -> QuerySet[EnforcementCase]:
    """Case list rows: court, team and the parties, in a constant number of queries
    whatever the page size. ``with_agents``: each party's agents too
    (``party.agent_list``, the API's nested ``parties[].agents``), one query more."""
    parties = Party.objects.order_by("role", "id")
    if with_agents:
        agents = PartyAgent.objects.order_by("id")
        parties = parties.prefetch_related(
            Prefetch("agents", queryset=agents, to_attr="agent_list")
        )
    return _case_rows(queryset).prefetch_related(
        Prefetch("parties", queryset=parties, to_attr="party_list")
    )


def _party_names(role: str) -> ArraySubquery:
    return ArraySubquery(
        Party.objects.filter(case=OuterRef("pk"), role=role).order_by("id").values("name")
    )


def case_list_page(queryset: QuerySet[EnforcementCase]) -> QuerySet[EnforcementCase]:
    """The case list page's rows: only the columns its table shows (a case row has
    thirty: building fifty full cases, courts and teams was a tenth of the page),
    and the applicants' and respondents' names as two arrays in the same query
    (``applicant_names``, ``respondent_names``) instead of a hundred parties read
    by a second one."""
    from cases.choices import PartyRole

    return (
        _case_rows(queryset)
        .annotate(
            applicant_names=_party_names(PartyRole.APPLICANT),
            respondent_names=_party_names(PartyRole.RESPONDENT),
        )
        .only(
            "court__code",
            "court__short_name",
            "team__name",
            "case_number",
            "case_type",
            "status",
            "filed_on",
            "amount_claimed",
            "amount_recovered",
            "closing_type",
        )
    )


def case_detail(queryset: QuerySet[EnforcementCase]) -> QuerySet[EnforcementCase]:
    return queryset.select_related("court", "bureau", "team__bureau", "origin_case", "account")


def _agent_rows():
    from cases.models import PartyAgent

    return (
        PartyAgent.objects.filter(party=OuterRef("pk"))
        .order_by("id")
        .values(
            row=JSONObject(
                name="name",
                kind="kind",
                organisation="organisation",
                authority="authority",
                phone="phone",
            )
        )
    )


# The case's own rows the detail page lists that most cases do not have (yet):
# one query says which are there, and only those are read.
_OPTIONAL_ROWS = (
    "pauses",
    "measures",
    "commissions",
    "findings",
    "investigations",
    "interviews",
    "disbursement_requests",
    "documents",
    "dossier_files",
    "assignments",
    "continuations",
)


def _rows_present(case: EnforcementCase) -> set[str]:
    """Which of ``_OPTIONAL_ROWS`` (and ``entries``, ``extensions``) the case has,
    in one statement of EXISTS probes on the foreign-key indexes: a dozen empty
    lists cost a query each before, a third of the page's CPU time."""
    from django.db import connections, router

    from cases.models import CaseAccount

    connection = connections[router.db_for_read(EnforcementCase)]
    qn = connection.ops.quote_name
    probes = []
    for name in _OPTIONAL_ROWS:
        rel = EnforcementCase._meta.get_field(name)
        table, column = rel.related_model._meta.db_table, rel.field.column
        probes.append(f"EXISTS (SELECT 1 FROM {qn(table)} WHERE {qn(column)} = %s)")

    def through(model, fk: str, parent, parent_case: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {qn(model._meta.db_table)} x JOIN "
            f"{qn(parent._meta.db_table)} p ON x.{qn(model._meta.get_field(fk).column)} = p.{qn(parent._meta.pk.column)} "
            f"WHERE p.{qn(parent._meta.get_field(parent_case).column)} = %s)"
        )

    probes.append(through(LedgerEntry, "account", CaseAccount, "case"))
    probes.append(through(DeadlineExtension, "node", CaseNode, "case"))
    names = [*_OPTIONAL_ROWS, "entries", "extensions"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(probes), [case.pk] * len(names))
        flags = cursor.fetchone()
    return {name for name, there in zip(names, flags, strict=True) if there}


def case_timeline(case: EnforcementCase) -> dict:
    """Everything the detail page shows, each in one query, and none for the kinds
    of rows the case does not have (``_rows_present``)."""
    from cases.services.nodes import live_nodes
    from cases.services.releases import RELEASE_NODE

    present = _rows_present(case)

    def rows(name, queryset):
        return list(queryset) if name in present else []

    measures = rows(
        "measures", case.measures.select_related("release_document").order_by("-started_on", "-id")
    )
    nodes = list(case.nodes.select_related("definition").order_by("due_on", "id"))
    pauses = rows("pauses", case.pauses.order_by("started_on"))
    live_nodes(case, nodes, pauses, timezone.localdate())
    return {
        # Each party with its agents in the same query (issue 16 item 5).
        "parties": list(
            case.parties.annotate(agent_rows=ArraySubquery(_agent_rows())).order_by("role", "id")
        ),
        "nodes": nodes,
        "pauses": pauses,
        "measures": measures,
        "releases_due": [
            n for n in nodes if n.definition.code == RELEASE_NODE and n.status == NodeStatus.OPEN
        ],
        "auctions": list(
            AuctionRound.objects.filter(measure__case=case).select_related(
                "measure", "measure__disposal"
            )
        )
        if measures
        else [],
        "commissions": rows("commissions", case.commissions.order_by("-sent_on", "-id")),
        "findings": rows("findings", case.findings.order_by("-found_at")),
        "investigations": rows("investigations", case.investigations.order_by("-done_on")),
        "interviews": rows("interviews", case.interviews.order_by("-held_on")),
        "entries": rows(
            "entries", LedgerEntry.objects.filter(account__case=case).order_by("recorded_at", "id")
        ),
        "disbursement_requests": rows(
            "disbursement_requests",
            case.disbursement_requests.select_related("payee", "requested_by", "decided_by"),
        ),
        "documents": rows("documents", case.documents.select_related("dossier_file")),
        "dossier_files": rows(
            "dossier_files", case.dossier_files.order_by("category", "uploaded_at")
        ),
        "assignments": rows(
            "assignments", case.assignments.select_related("from_team", "to_team", "assigned_by")
        ),
        "extensions": rows(
            "extensions",
            DeadlineExtension.objects.filter(node__case=case).select_related(
                "node__definition", "requested_by"
            ),
        ),
        "continuations": rows("continuations", case.continuations.all()),
    }


def deadline_list(queryset: QuerySet[CaseNode]) -> QuerySet[CaseNode]:
    return queryset.select_related("definition", "case__court", "case__team")


def measure_register(queryset: QuerySet[Measure], status: str = "") -> QuerySet[Measure]:
    """The active measures with an expiry (the renewals to plan); with a status
    chosen in the filter, the measures in that status (released ones read 已撤销
    or 已解除)."""
    if status not in MeasureStatus.values:
        queryset = queryset.filter(status=MeasureStatus.ACTIVE, expires_on__isnull=False)
    return queryset.select_related("case__court", "case__team")


def team_workload_rows(bureau_ids) -> list[dict]:
    """Open cases and overdue nodes per team, for a director."""
    from personnel.models import Team

    today = timezone.localdate()
    return list(
        Team.objects.filter(bureau_id__in=bureau_ids, is_active=True)
        .select_related("bureau__court")
        .annotate(
            open_cases=Count("cases", filter=~Q(cases__status=CaseStatus.CLOSED), distinct=True),
            overdue_nodes=Count(
                "cases__nodes",
                filter=Q(cases__nodes__in=overdue_nodes(today=today).values("pk")),
                distinct=True,
            ),
            amount_open=Sum("cases__amount_claimed", filter=~Q(cases__status=CaseStatus.CLOSED)),
        )
        .order_by("bureau__court__sort_order", *natural_order())  # 执行2组 before 执行10组
    )


def reconciliation(court_ids=None) -> list[dict]:
    """Per court: the ledger's movements against the sum of account balances."""
    from cases.models import CaseAccount
    from courts.models import Court

    courts = Court.objects.all() if court_ids is None else Court.objects.filter(pk__in=court_ids)
    rows = []
    for court in courts.order_by("sort_order"):
        entries = LedgerEntry.objects.filter(account__case__court=court)
        totals = {
            kind: entries.filter(kind=kind).aggregate(s=Sum("amount"))["s"] or 0
            for kind in LedgerEntryKind.values
        }
        ledger_balance = (
            totals["receipt"]
            + totals["transfer_in"]
            - totals["disbursement"]
            - totals["refund"]
            - totals["transfer_out"]
        )
        balances = (
            CaseAccount.objects.filter(case__court=court).aggregate(s=Sum("balance"))["s"] or 0
        )
        rows.append(
            {
                "court": court,
                **totals,
                "ledger_balance": ledger_balance,
                "account_balances": balances,
                "matches": ledger_balance == balances,
            }
        )
    return rows
