"""Scheduled reminders (DESIGN.md "Background work"; DOMAIN.md §2, §8 "automatic
warning plus a named supervisor"):

- the deadline scan: open process nodes due soon or overdue, to the handling
  team and the court's bureau director;
- funds undisbursed 30 days after arrival;
- measures (seizures, freezes …) about to expire, and lapsing those not renewed;
- directives whose feedback is overdue, escalated to the intermediate director.

Each scan streams its rows (``.iterator()``: memory stays flat over 500k cases)
and keeps only counters and a few examples per team and court. Reminders are
digests: one notification per team (and per director) per day and kind, with a
dedup key naming the day — a scan run twice notifies once; the hourly email
digest then sends one mail per person."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cases.choices import MeasureStatus, NodeStatus
from cases.models import CaseNode, Measure
from cases.selectors_funds import overdue_disbursement_nodes
from cases.services.measures import lapse_expired_measures
from command_center.choices import DirectiveStatus, FeedbackStatus, NotificationLevel
from command_center.models import DirectiveRecipient
from command_center.notifications import notify
from command_center.recipients import directors_by_court, intermediate_directors, team_members
from courts.models import Court

EXAMPLES = 5


@dataclass
class Tally:
    overdue: int = 0
    soon: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, is_overdue: bool, example: str) -> None:
        if is_overdue:
            self.overdue += 1
        else:
            self.soon += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append(example)

    @property
    def total(self) -> int:
        return self.overdue + self.soon


def _url(name: str, **params) -> str:
    clean = {k: v for k, v in params.items() if v is not None}
    return reverse(name) + ("?" + urlencode(clean) if clean else "")


def _digest(recipients, *, title: str, tally: Tally, link: str, key: str) -> int:
    body = "\n".join(tally.examples) + ("\n…" if tally.total > len(tally.examples) else "")
    return notify(
        recipients,
        title=title,
        body=body,
        link=link,
        dedup_key=key,
        level=NotificationLevel.DANGER if tally.overdue else NotificationLevel.WARNING,
    )


def _send(
    teams: dict[int, Tally],
    courts: dict[int, Tally],
    *,
    kind: str,
    today: dt.date,
    team_title,
    court_title,
    team_link,
    court_link,
) -> int:
    members = team_members(teams)
    directors = directors_by_court(courts)
    codes = dict(Court.objects.filter(pk__in=list(courts)).values_list("pk", "code"))
    created = 0
    for team_id, tally in teams.items():
        created += _digest(
            members.get(team_id, []),
            title=team_title(tally),
            tally=tally,
            link=team_link(team_id),
            key=f"{kind}:{today}:team:{team_id}",
        )
    for court_id, tally in courts.items():
        created += _digest(
            directors.get(court_id, []),
            title=court_title(tally),
            tally=tally,
            link=court_link(codes.get(court_id, "")),
            key=f"{kind}:{today}:court:{court_id}",
        )
    return created


def scan_deadlines(today: dt.date | None = None, *, due_within_days: int = 3) -> dict:
    """Nightly: every open node due within ``due_within_days`` or overdue."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=due_within_days)
    rows = (
        CaseNode.objects.filter(status=NodeStatus.OPEN, due_on__lte=horizon)
        .order_by()
        .values_list(
            "case__team_id", "case__court_id", "due_on", "case__case_number", "definition__name"
        )
        .iterator(chunk_size=5000)
    )
    teams: dict[int, Tally] = defaultdict(Tally)
    courts: dict[int, Tally] = defaultdict(Tally)
    nodes = 0
    for team_id, court_id, due_on, number, node_name in rows:
        nodes += 1
        late = due_on < today
        example = f"{number} · {node_name} · {due_on}"
        courts[court_id].add(late, example)
        if team_id is not None:
            teams[team_id].add(late, example)
    args = {"days": due_within_days}
    created = _send(
        teams,
        courts,
        kind="deadlines",
        today=today,
        team_title=lambda t: (
            _("Deadlines of your team: %(overdue)d overdue, %(soon)d due within %(days)d days")
            % {"overdue": t.overdue, "soon": t.soon, **args}
        ),
        court_title=lambda t: (
            _("Deadlines of the bureau: %(overdue)d overdue, %(soon)d due within %(days)d days")
            % {"overdue": t.overdue, "soon": t.soon, **args}
        ),
        team_link=lambda team_id: _url("cases:deadline_list", team=team_id, status="open"),
        court_link=lambda code: _url("cases:deadline_list", court=code, status="open"),
    )
    return {"nodes": nodes, "teams": len(teams), "courts": len(courts), "notifications": created}


def remind_funds_undisbursed(today: dt.date | None = None) -> dict:
    """Daily: case funds not paid out 30 days after arrival (DOMAIN.md §2)."""
    today = today or timezone.localdate()
    rows = (
        overdue_disbursement_nodes(CaseNode.objects.all(), today)
        .order_by()
        .values_list("case__team_id", "case__court_id", "due_on", "case__case_number")
        .iterator(chunk_size=5000)
    )
    teams: dict[int, Tally] = defaultdict(Tally)
    courts: dict[int, Tally] = defaultdict(Tally)
    count = 0
    for team_id, court_id, due_on, number in rows:
        count += 1
        example = _("%(case)s: to be paid out by %(date)s") % {"case": number, "date": due_on}
        courts[court_id].add(True, example)
        if team_id is not None:
            teams[team_id].add(True, example)
    created = _send(
        teams,
        courts,
        kind="funds-overdue",
        today=today,
        team_title=lambda t: (
            _("Case funds undisbursed over 30 days in your team's cases: %(n)d receipts")
            % {"n": t.overdue}
        ),
        court_title=lambda t: (
            _("Case funds undisbursed over 30 days in the bureau: %(n)d receipts")
            % {"n": t.overdue}
        ),
        team_link=lambda team_id: _url("cases:funds_undisbursed", team=team_id),
        court_link=lambda code: _url("cases:funds_undisbursed", court=code),
    )
    return {"receipts": count, "notifications": created}


def remind_measures_expiring(today: dt.date | None = None, *, within_days: int = 30) -> dict:
    """Daily: active seizures, detentions, freezes and listings expiring within
    ``within_days`` (renew them before expiry, or they lapse — DOMAIN.md §2);
    then the measures past their expiry are marked lapsed, and their teams told."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=within_days)
    expiring = (
        Measure.objects.filter(
            status=MeasureStatus.ACTIVE, expires_on__gte=today, expires_on__lte=horizon
        )
        .order_by()
        .values_list(
            "case__team_id", "case__court_id", "expires_on", "case__case_number", "description"
        )
        .iterator(chunk_size=5000)
    )
    teams: dict[int, Tally] = defaultdict(Tally)
    courts: dict[int, Tally] = defaultdict(Tally)
    count = 0
    for team_id, court_id, expires_on, number, description in expiring:
        count += 1
        example = f"{number} · {description[:40]} · {expires_on}"
        courts[court_id].add(False, example)
        if team_id is not None:
            teams[team_id].add(False, example)
    args = {"days": within_days}
    created = _send(
        teams,
        courts,
        kind="measure-expiry",
        today=today,
        team_title=lambda t: (
            _("%(n)d measures of your team expire within %(days)d days: renew them in time")
            % {"n": t.soon, **args}
        ),
        court_title=lambda t: (
            _("%(n)d measures of the bureau expire within %(days)d days") % {"n": t.soon, **args}
        ),
        team_link=lambda team_id: _url(
            "cases:measure_register", expires_before=horizon.isoformat()
        ),
        court_link=lambda code: _url(
            "cases:measure_register", court=code, expires_before=horizon.isoformat()
        ),
    )
    lapsing = (
        Measure.objects.filter(status=MeasureStatus.ACTIVE, expires_on__lt=today)
        .order_by()
        .values_list(
            "case__team_id", "case__court_id", "expires_on", "case__case_number", "description"
        )
        .iterator(chunk_size=5000)
    )
    lapsed_teams: dict[int, Tally] = defaultdict(Tally)
    lapsed_courts: dict[int, Tally] = defaultdict(Tally)
    for team_id, court_id, expires_on, number, description in lapsing:
        example = f"{number} · {description[:40]} · {expires_on}"
        lapsed_courts[court_id].add(True, example)
        if team_id is not None:
            lapsed_teams[team_id].add(True, example)
    with transaction.atomic():
        lapsed = lapse_expired_measures(today)
    created += _send(
        lapsed_teams,
        lapsed_courts,
        kind="measure-lapsed",
        today=today,
        team_title=lambda t: (
            _("%(n)d measures of your team lapsed without renewal") % {"n": t.overdue}
        ),
        court_title=lambda t: (
            _("%(n)d measures of the bureau lapsed without renewal") % {"n": t.overdue}
        ),
        team_link=lambda team_id: _url("cases:measure_register"),
        court_link=lambda code: _url("cases:measure_register", court=code),
    )
    return {"expiring": count, "lapsed": lapsed, "notifications": created}


def escalate_overdue_directives(today: dt.date | None = None) -> dict:
    """Daily: feedback overdue on a directive is escalated to the intermediate
    bureau's director, once per directive and bureau; the district director is
    reminded too."""
    today = today or timezone.localdate()
    overdue = list(
        DirectiveRecipient.objects.filter(
            directive__status=DirectiveStatus.ISSUED,
            directive__feedback_due_on__lt=today,
            escalated_at__isnull=True,
        )
        .exclude(status=FeedbackStatus.REPORTED)
        .select_related("directive", "bureau__court")
    )
    if not overdue:
        return {"escalated": 0}
    leaders = intermediate_directors()
    district = directors_by_court({r.bureau.court_id for r in overdue})
    by_directive: dict[int, list[DirectiveRecipient]] = defaultdict(list)
    for recipient in overdue:
        by_directive[recipient.directive_id].append(recipient)
    for rows in by_directive.values():
        directive = rows[0].directive
        names = "、".join(r.bureau.court.short_name for r in rows)
        notify(
            leaders,
            title=_("Feedback overdue on directive “%(title)s”: %(courts)s")
            % {"title": directive.title, "courts": names},
            body=_("Feedback was due on %(date)s.") % {"date": directive.feedback_due_on},
            link=directive.get_absolute_url(),
            dedup_key=f"directive:{directive.pk}:overdue:{','.join(str(r.pk) for r in rows)}",
            level=NotificationLevel.DANGER,
        )
        for recipient in rows:
            notify(
                district.get(recipient.bureau.court_id, []),
                title=_("Feedback on directive “%(title)s” is overdue (due %(date)s)")
                % {"title": directive.title, "date": directive.feedback_due_on},
                link=recipient.get_absolute_url(),
                dedup_key=f"directive-recipient:{recipient.pk}:overdue",
                level=NotificationLevel.DANGER,
            )
    DirectiveRecipient.objects.filter(pk__in=[r.pk for r in overdue]).update(
        escalated_at=timezone.now()
    )
    return {"escalated": len(overdue)}
