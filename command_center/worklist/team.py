"""The worklist of judges, assistants and clerks (``command_center.worklist``):
their team's deadlines, open cases, funds not paid out, 终本 re-queries due, tasks
the affairs centre returned, their own requests awaiting approval, and the
clerk's intake, documents to serve and dossier items to file."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.choices import ApprovalStatus, CaseStatus, CompletionEvent, NodeStatus
from cases.models import CaseNode, DeadlineExtension, DisbursementRequest, EnforcementCase
from cases.selectors import dossier_to_file
from cases.selectors.funds import DISBURSEMENT_NODE
from cases.templatetags.haikou_format import yuan
from command_center.choices import AffairsTaskStatus, RequeryStatus
from command_center.models import AffairsTask, RequeryRound
from command_center.worklist.items import (
    DUE_WITHIN_DAYS,
    LIMIT,
    Section,
    WorkItem,
    _age,
    _case_url,
    _due_badge,
    _node_section,
    _url,
    definition_is,
    rows_and_total,
    total,
)
from courts.access import VIEW, scope_for
from haikou_exec.formats import written_date as _date

# --- judges, assistants and clerks: their team's work ---------------------------


def deadline_section(user, teams: list[int], today: dt.date) -> Section:
    """Overdue and due-within-7-days process nodes of the team's cases, with the
    rule that set each deadline (DOMAIN.md §2 node table)."""
    nodes = (
        CaseNode.objects.restrict(user, VIEW)
        .filter(
            case__team_id__in=teams,
            status=NodeStatus.OPEN,
            due_on__lte=today + dt.timedelta(days=DUE_WITHIN_DAYS),
        )
        .exclude(definition__code=DISBURSEMENT_NODE)
    )
    rows, count = rows_and_total(
        nodes.select_related("case", "definition")
        .only("due_on", "case__case_number", "definition__name", "definition__source")
        .order_by("due_on", "id")
    )
    items = []
    for node in rows:
        level, badge = _due_badge(node.due_on, today)
        items.append(
            WorkItem(
                title=f"{node.case.case_number} · {node.definition.name}",
                link=_case_url(node.case_id, "nodes"),
                detail=_("Due %(date)s · set by %(source)s")
                % {"date": _date(node.due_on), "source": node.definition.source},
                level=level,
                badge=badge,
            )
        )
    return Section(
        key="deadlines",
        title=_("Overdue and due within %(n)d days") % {"n": DUE_WITHIN_DAYS},
        items=items,
        count=count,
        more=_url(
            "cases:deadline_list",
            team=teams[0] if len(teams) == 1 else None,
            status="open",
            due_within=DUE_WITHIN_DAYS,
        ),
        empty=_("Nothing due this week."),
    )


def open_cases_section(user, teams: list[int], today: dt.date) -> Section:
    """The team's open cases, the most urgent first (earliest open deadline)."""
    cases = (
        EnforcementCase.objects.restrict(user, VIEW)
        .filter(team_id__in=teams)
        .exclude(status=CaseStatus.CLOSED)
    )
    rows = list(
        cases.annotate(
            next_due=Min("nodes__due_on", filter=Q(nodes__status=NodeStatus.OPEN)),
        )
        .only("case_number", "case_type", "status", "filed_on")
        .order_by(F("next_due").asc(nulls_last=True), "filed_on", "id")[:LIMIT]
    )
    items = []
    for case in rows:
        level, badge = _due_badge(case.next_due, today) if case.next_due else ("", "")
        items.append(
            WorkItem(
                title=case.case_number,
                link=_case_url(case.pk),
                detail=_("%(status)s · filed %(date)s")
                % {"status": case.get_status_display(), "date": _date(case.filed_on)},
                level=level if level == "danger" else "",
                badge=badge if level == "danger" else "",
            )
        )
    return Section(
        key="cases",
        title=_("My team's open cases"),
        items=items,
        count=cases.count(),
        more=_url("cases:case_list", team=teams[0] if len(teams) == 1 else None, is_open="true"),
        empty=_("No open cases."),
    )


def funds_section(user, teams: list[int], today: dt.date) -> Section:
    """Case funds received and not paid out, with the days left of the 30
    (DOMAIN.md §2 "Case funds")."""
    nodes = CaseNode.objects.restrict(user, VIEW).filter(
        definition_is(DISBURSEMENT_NODE), case__team_id__in=teams, status=NodeStatus.OPEN
    )
    return _node_section(
        nodes,
        today,
        key="funds",
        title=_("Case funds not yet paid out"),
        empty=_("No funds waiting."),
        anchor="funds",
        detail=_("Received %(date)s; pay out within 30 days, by %(due)s"),
        level=lambda node, level: level if (node.due_on - today).days <= 10 else "secondary",
    )


def requery_section(user, teams: list[int], today: dt.date) -> Section:
    """终本 re-query rounds due within 30 days or past due (DOMAIN.md §2 "After 终本")."""
    rounds = RequeryRound.objects.restrict(user, VIEW).filter(
        case__team_id__in=teams,
        status__in=[RequeryStatus.DUE, RequeryStatus.QUERYING],
        due_on__lte=today + dt.timedelta(days=30),
    )
    # Rows and count in one statement: the count repeated the join of the rounds to
    # the team's cases (twice 140 ms a judge's page when the seed left 442,796
    # rounds due; a court running the daily job has a few per team).
    rows, count = rows_and_total(
        rounds.select_related("case")
        .only("round_number", "due_on", "case", "case__case_number")
        .order_by("due_on", "id")
    )
    items = []
    for r in rows:
        level, badge = _due_badge(r.due_on, today)
        items.append(
            WorkItem(
                title=_("%(case)s · re-query round %(n)d")
                % {"case": r.case.case_number, "n": r.round_number},
                link=reverse("command_center:requery_detail", kwargs={"pk": r.pk}),
                detail=_("Due %(date)s") % {"date": _date(r.due_on)},
                level=level,
                badge=badge,
            )
        )
    return Section(
        key="requeries",
        title=_("终本 re-queries due"),
        items=items,
        count=count,
        empty=_("No re-query due."),
    )


def returned_tasks_section(user, teams: list[int], today: dt.date) -> Section:
    tasks = AffairsTask.objects.restrict(user, VIEW).filter(
        Q(sent_by=user) | Q(sent_team_id__in=teams), status=AffairsTaskStatus.RETURNED
    )
    rows = list(tasks.select_related("case").order_by("-finished_at", "-id")[:LIMIT])
    return Section(
        key="returned",
        title=_("Tasks returned by the affairs centre"),
        items=[
            WorkItem(
                title=f"{t.case.case_number} · {t.get_kind_display()}",
                link=t.get_absolute_url(),
                detail=t.return_reason[:80],
                level="warning",
                badge=_("returned"),
            )
            for t in rows
        ],
        count=total(tasks, rows),
        more=_url("command_center:task_list", status=AffairsTaskStatus.RETURNED),
        empty=_("No task returned."),
    )


def my_requests_section(user, today: dt.date) -> Section:
    """The user's own requests awaiting approval: deadline extensions and
    disbursements (decided by the president or the director)."""
    extensions = list(
        DeadlineExtension.objects.restrict(user, VIEW)
        .filter(requested_by=user, status=ApprovalStatus.PENDING)
        .select_related("node__case", "node__definition")
        .order_by("requested_on", "id")[:LIMIT]
    )
    payouts = list(
        DisbursementRequest.objects.restrict(user, VIEW)
        .filter(requested_by=user, status=ApprovalStatus.PENDING)
        .select_related("case")
        .order_by("requested_at", "id")[:LIMIT]
    )
    items = [
        WorkItem(
            title=_("Extension of %(node)s by %(days)d days · %(case)s")
            % {"node": e.node.definition.name, "days": e.days, "case": e.node.case.case_number},
            link=_case_url(e.node.case_id, "nodes"),
            detail=_("Waiting %(n)d days") % {"n": _age(e.requested_on, today)},
        )
        for e in extensions
    ] + [
        WorkItem(
            title=_("Disbursement of %(amount)s yuan · %(case)s")
            % {
                "amount": yuan(d.amount),
                "case": d.case.case_number,
            },
            link=_case_url(d.case_id, "funds"),
            detail=_("Waiting %(n)d days") % {"n": _age(d.requested_at, today)},
        )
        for d in payouts
    ]
    return Section(
        key="requests",
        title=_("My requests awaiting approval"),
        items=items,
        count=len(items),
        empty=_("No request waiting."),
    )


def documents_to_serve_section(user, teams: list[int], today: dt.date) -> Section:
    """Enforcement notices and property-report orders still to issue and serve
    (the open nodes completed by issuing the notice)."""
    nodes = CaseNode.objects.restrict(user, VIEW).filter(
        case__team_id__in=teams,
        status=NodeStatus.OPEN,
        definition__completion_event=CompletionEvent.NOTICE_SENT,
    )
    rows, count = rows_and_total(
        nodes.select_related("case", "definition")
        .only("due_on", "case__case_number", "definition__name")
        .order_by("due_on", "id")
    )
    items = []
    for node in rows:
        level, badge = _due_badge(node.due_on, today)
        items.append(
            WorkItem(
                title=f"{node.case.case_number} · {node.definition.name}",
                link=_case_url(node.case_id, "documents"),
                level=level,
                badge=badge,
            )
        )
    return Section(
        key="serve",
        title=_("Documents to serve"),
        items=items,
        count=count,
        empty=_("No document waiting."),
    )


def dossier_section(user, teams: list[int], today: dt.date) -> Section:
    """Open cases of the team whose electronic dossier lacks the filing materials
    (``cases.selectors.dossier_to_file``, which the case list's filter also reads:
    "查看全部" shows the same cases)."""
    cases = dossier_to_file(EnforcementCase.objects.restrict(user, VIEW).filter(team_id__in=teams))
    rows = list(cases.only("case_number", "filed_on").order_by("filed_on", "id")[:LIMIT])
    return Section(
        key="dossier",
        title=_("Dossier items to file"),
        items=[
            WorkItem(
                title=c.case_number,
                link=_case_url(c.pk, "dossier"),
                detail=_("Filing materials not in the dossier"),
            )
            for c in rows
        ],
        count=total(cases, rows),
        more=_url(
            "cases:case_list",
            team=teams[0] if len(teams) == 1 else None,
            dossier_to_file="true",
        ),
        empty=_("The dossiers are complete."),
    )


def intake_section(user, today: dt.date) -> Section:
    """Cases of the user's court filed and not yet given to a team."""
    scope = scope_for(user)
    cases = EnforcementCase.objects.restrict(user, VIEW).filter(
        court_id=scope.court_id, status=CaseStatus.FILED, team__isnull=True
    )
    rows = list(cases.only("case_number", "filed_on").order_by("filed_on", "id")[:LIMIT])
    return Section(
        key="intake",
        title=_("Filed, waiting for assignment"),
        items=[
            WorkItem(
                title=c.case_number,
                link=_case_url(c.pk),
                detail=_("Filed %(date)s") % {"date": _date(c.filed_on)},
            )
            for c in rows
        ],
        count=total(cases, rows),
        empty=_("Every filed case has a team."),
    )
