"""Reminders that fire (DESIGN.md "Background work"; DOMAIN.md §2, §8 "automatic
warning plus a named supervisor"), run every hour by ``run_reminder_scan`` and
once when ``make run`` starts:

- process nodes due within 3 working days, or overdue;
- case funds held 20 days (due soon) or 30 days (overdue) without being paid out
  (DOMAIN.md §2 "Funds must be paid out within 30 days of arrival");
- seizures, freezes and listings expiring within 30 days, and those lapsed
  without renewal;
- 终本 re-query rounds due within 7 days or past due and not done;
- supervision orders due (declared by the supervision app, ``reminder_scans``);
- directives whose feedback is overdue, escalated to the intermediate director.

Each item notifies the people who must act — the members of the case's team —
once per person, item and day (``notifications.send_reminders``); the bureau's
director (or deputies) get one digest a day of what is overdue in the bureau.
Every scan takes ``today`` and streams its rows (``.iterator()``: memory stays
flat over 500k cases); the writes go in chunks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from cases.choices import MeasureStatus, NodeStatus
from cases.deadlines import load_calendar
from cases.models import CaseNode, Measure
from cases.selectors.funds import DISBURSEMENT_NODE
from cases.services.measures import lapse_expired_measures
from command_center.choices import DirectiveStatus, FeedbackStatus, RequeryStatus
from command_center.models import DirectiveRecipient, RequeryRound
from courts.models import Court
from haikou_exec.choices import NotificationLevel
from haikou_exec.formats import written_date as _date
from haikou_exec.notifications import Reminder, notify, send_reminders
from personnel.recipients import directors_by_court, intermediate_directors, team_members

EXAMPLES = 5
SOON, LATE = NotificationLevel.WARNING, NotificationLevel.DANGER
# Funds: paid out within 30 days of arrival (DOMAIN.md §2); the reminder starts
# after 20 days, with 10 left.
FUNDS_LIMIT_DAYS = 30
FUNDS_WARN_AFTER_DAYS = 20
REQUERY_NOTICE_DAYS = 7


def _url(name: str, *args, **params) -> str:
    clean = {k: v for k, v in params.items() if v is not None}
    return reverse(name, args=args) + ("?" + urlencode(clean) if clean else "")


def _case_url(case_id: int, anchor: str = "") -> str:
    return reverse("cases:case_detail", kwargs={"pk": case_id}) + (f"#{anchor}" if anchor else "")


@dataclass
class Tally:
    """What is overdue in one bureau: counts and a few examples, for the digest."""

    items: int = 0
    cases: set[int] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)

    def add(self, case_id: int, example: str) -> None:
        self.items += 1
        self.cases.add(case_id)
        if len(self.examples) < EXAMPLES:
            self.examples.append(example)

    def body(self) -> str:
        more = "\n…" if self.items > len(self.examples) else ""
        return "\n".join(self.examples) + more


def _members(members: dict[int, list[int]], team_id: int | None) -> tuple[int, ...]:
    return tuple(members.get(team_id, [])) if team_id is not None else ()


def _director_digests(courts: dict[int, Tally], *, kind: str, today: dt.date, title, link) -> int:
    """One reminder a day per bureau director of what is overdue in the bureau."""
    if not courts:
        return 0
    directors = directors_by_court(courts)
    codes = dict(Court.objects.filter(pk__in=list(courts)).values_list("pk", "code"))
    return send_reminders(
        (
            Reminder(
                recipients=tuple(directors.get(court_id, [])),
                kind=kind,
                ref=str(court_id),
                title=title(tally),
                body=tally.body(),
                link=link(codes.get(court_id, "")),
                level=LATE,
            )
            for court_id, tally in courts.items()
        ),
        today=today,
    )


# --- process nodes ------------------------------------------------------------


def scan_deadlines(today: dt.date | None = None, *, due_within_days: int = 3) -> dict:
    """Open process nodes due within ``due_within_days`` working days, or overdue
    (DOMAIN.md §2 node table; working days by the holiday calendar): one
    reminder per node to each member of the case's team, naming the rule that
    set the deadline; a daily digest of the overdue ones to the bureau director.
    The funds node has its own 20/30-day rule (``remind_funds_undisbursed``)."""
    today = today or timezone.localdate()
    horizon = load_calendar(today.year, today.year + 1).add_working_days(today, due_within_days)
    due = CaseNode.objects.filter(status=NodeStatus.OPEN, due_on__lte=horizon).exclude(
        definition__code=DISBURSEMENT_NODE
    )
    # The teams first (one query), then the nodes streamed: memory holds the
    # members and one chunk of notifications, not the rows.
    teams = set(due.order_by().values_list("case__team_id", flat=True).distinct()) - {None}
    members = team_members(teams)
    rows = (
        due.order_by("due_on", "pk")
        .values_list(
            "pk",
            "case_id",
            "case__team_id",
            "case__court_id",
            "due_on",
            "case__case_number",
            "definition__name",
            "definition__source",
        )
        .iterator(chunk_size=5000)
    )
    courts: dict[int, Tally] = defaultdict(Tally)
    seen = 0

    def reminders():
        nonlocal seen
        for pk, case_id, team_id, court_id, due_on, number, node, source in rows:
            seen += 1
            late = due_on < today
            if late:
                courts[court_id].add(case_id, f"{number} · {node} · {_date(due_on)}")
            if team_id is None:
                continue
            args = {"case": number, "node": node, "date": _date(due_on)}
            yield Reminder(
                recipients=_members(members, team_id),
                kind="node",
                ref=str(pk),
                title=(
                    _("%(case)s · %(node)s: overdue since %(date)s")
                    if late
                    else _("%(case)s · %(node)s: due on %(date)s")
                )
                % args,
                body=_("Deadline set by: %(source)s") % {"source": source} if source else "",
                link=_case_url(case_id, "nodes"),
                level=LATE if late else SOON,
            )

    created = send_reminders(reminders(), today=today)
    created += _director_digests(
        courts,
        kind="bureau-overdue-nodes",
        today=today,
        title=lambda t: (
            _("Overdue in the bureau: %(n)d process nodes in %(cases)d cases")
            % {"n": t.items, "cases": len(t.cases)}
        ),
        link=lambda code: _url("cases:deadline_list", court=code, status="open", overdue="true"),
    )
    return {
        "nodes": seen,
        "teams": len(teams),
        "courts": len(courts),
        "notifications": created,
    }


# --- case funds -------------------------------------------------------------------


def remind_funds_undisbursed(today: dt.date | None = None) -> dict:
    """Case funds not paid out: held ``FUNDS_WARN_AFTER_DAYS`` days (due soon) or
    past the 30-day limit (overdue) — DOMAIN.md §2 "Case funds". One reminder per
    receipt to the case's team; a daily digest of the overdue ones to the
    director."""
    today = today or timezone.localdate()
    warn_from = today - dt.timedelta(days=FUNDS_WARN_AFTER_DAYS)
    rows = list(
        CaseNode.objects.filter(
            definition__code=DISBURSEMENT_NODE, status=NodeStatus.OPEN, triggered_on__lte=warn_from
        )
        .order_by("due_on", "pk")
        .values_list(
            "pk",
            "case_id",
            "case__team_id",
            "case__court_id",
            "triggered_on",
            "due_on",
            "case__case_number",
        )
        .iterator(chunk_size=5000)
    )
    members = team_members({r[2] for r in rows})
    courts: dict[int, Tally] = defaultdict(Tally)
    overdue = 0

    def reminders():
        nonlocal overdue
        for pk, case_id, team_id, court_id, arrived, due_on, number in rows:
            late = due_on < today
            args = {
                "case": number,
                "date": _date(arrived),
                "due": _date(due_on),
                "days": (today - arrived).days,
            }
            if late:
                overdue += 1
                courts[court_id].add(case_id, _("%(case)s: to be paid out by %(due)s") % args)
            if team_id is None:
                continue
            yield Reminder(
                recipients=_members(members, team_id),
                kind="funds",
                ref=str(pk),
                title=(
                    _("%(case)s: case funds received on %(date)s are not paid out after 30 days")
                    if late
                    else _(
                        "%(case)s: case funds received on %(date)s have waited %(days)d days; "
                        "pay them out by %(due)s"
                    )
                )
                % args,
                body=_("Case funds are paid out within 30 days of arrival."),
                link=_case_url(case_id, "funds"),
                level=LATE if late else SOON,
            )

    created = send_reminders(reminders(), today=today)
    created += _director_digests(
        courts,
        kind="bureau-funds-overdue",
        today=today,
        title=lambda t: (
            _("Case funds undisbursed over 30 days in the bureau: %(n)d receipts") % {"n": t.items}
        ),
        link=lambda code: _url("cases:funds_undisbursed", court=code),
    )
    return {
        "receipts": overdue,
        "due_soon": len(rows) - overdue,
        "notifications": created,
    }


# --- measures ---------------------------------------------------------------------


def remind_measures_expiring(today: dt.date | None = None, *, within_days: int = 30) -> dict:
    """Active seizures, detentions, freezes and listings expiring within
    ``within_days`` (renew them before expiry, or they lapse — DOMAIN.md §2
    "Seizure and freeze terms"): a reminder per measure to the case's team. Then
    the measures past their expiry are marked lapsed, and the team and the
    director are told, once."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=within_days)
    fields = (
        "pk",
        "case_id",
        "case__team_id",
        "case__court_id",
        "expires_on",
        "case__case_number",
        "description",
    )
    active = Measure.objects.filter(status=MeasureStatus.ACTIVE).order_by("expires_on", "pk")
    expiring = list(
        active.filter(expires_on__gte=today, expires_on__lte=horizon)
        .values_list(*fields)
        .iterator(chunk_size=5000)
    )
    lapsing = list(active.filter(expires_on__lt=today).values_list(*fields).iterator(2000))
    members = team_members({r[2] for r in expiring + lapsing})
    courts: dict[int, Tally] = defaultdict(Tally)

    def reminders():
        for rows, late in ((expiring, False), (lapsing, True)):
            for pk, case_id, team_id, court_id, expires_on, number, description in rows:
                args = {"case": number, "measure": description[:60], "date": _date(expires_on)}
                if late:
                    courts[court_id].add(case_id, f"{number} · {description[:40]}")
                yield Reminder(
                    recipients=_members(members, team_id),
                    kind="measure",
                    ref=str(pk),
                    title=(
                        _("%(case)s · %(measure)s lapsed on %(date)s without renewal")
                        if late
                        else _("%(case)s · %(measure)s expires on %(date)s: renew it in time")
                    )
                    % args,
                    link=_case_url(case_id, "measures"),
                    level=LATE if late else SOON,
                )

    created = send_reminders(reminders(), today=today)
    with transaction.atomic():
        lapsed = lapse_expired_measures(today)
    created += _director_digests(
        courts,
        kind="bureau-measures-lapsed",
        today=today,
        title=lambda t: _("%(n)d measures of the bureau lapsed without renewal") % {"n": t.items},
        link=lambda code: _url("cases:measure_register", court=code),
    )
    return {"expiring": len(expiring), "lapsed": lapsed, "notifications": created}


def remind_releases_late(today: dt.date | None = None) -> dict:
    """A listing or restriction not released within 3 working days of performance
    (失信名单规定 第十条; DOMAIN.md §2 "an alert fires when either is late"): an
    alert per release to the case's team and to the director of its court, each
    day until it is released.
    (The team also hears of it before the limit, as of any node, from
    ``scan_deadlines``.)"""
    from cases.services.releases import RELEASE_NODE

    today = today or timezone.localdate()
    rows = list(
        CaseNode.objects.filter(
            definition__code=RELEASE_NODE, status=NodeStatus.OPEN, due_on__lt=today
        )
        .order_by("due_on", "pk")
        .values_list(
            "pk", "case_id", "case__team_id", "case__court_id", "due_on", "case__case_number"
        )
        .iterator(chunk_size=5000)
    )
    members = team_members({r[2] for r in rows})
    directors = directors_by_court({r[3] for r in rows}) if rows else {}

    def reminders():
        for pk, case_id, team_id, court_id, due_on, number in rows:
            yield Reminder(
                recipients=_members(members, team_id) + tuple(directors.get(court_id, [])),
                kind="release-late",
                ref=str(pk),
                title=_(
                    "%(case)s: the title is performed, but a listing or restriction was not "
                    "released by %(date)s"
                )
                % {"case": number, "date": _date(due_on)},
                body=_(
                    "After performance the dishonest listing is removed, and the consumption "
                    "restriction lifted, within 3 working days."
                ),
                link=_case_url(case_id, "measures"),
                level=LATE,
            )

    created = send_reminders(reminders(), today=today)
    return {"late": len(rows), "notifications": created}


# --- 终本 re-queries -----------------------------------------------------------------


def remind_requeries_due(today: dt.date | None = None) -> dict:
    """终本 re-query rounds (every 6 months for 5 years after 终本 — DOMAIN.md §2
    "After 终本"). The rounds are run by the nightly schedule; the team hears of
    each round due within ``REQUERY_NOTICE_DAYS`` days either side of today, and of
    the rounds left undone longer as one backlog reminder a day (the item is the
    team's backlog: a late import of old cases must not send hundreds)."""
    today = today or timezone.localdate()
    late_before = today - dt.timedelta(days=REQUERY_NOTICE_DAYS)
    rows = list(
        RequeryRound.objects.filter(
            status__in=[RequeryStatus.DUE, RequeryStatus.QUERYING],
            due_on__lte=today + dt.timedelta(days=REQUERY_NOTICE_DAYS),
        )
        .order_by("due_on", "pk")
        .values_list("pk", "case__team_id", "due_on", "case__case_number", "round_number")
        .iterator(chunk_size=5000)
    )
    members = team_members({r[1] for r in rows})
    backlog: dict[int, Tally] = defaultdict(Tally)

    def reminders():
        for pk, team_id, due_on, number, round_number in rows:
            args = {"case": number, "n": round_number, "date": _date(due_on)}
            if due_on < late_before:
                if team_id is not None:
                    backlog[team_id].add(pk, _("%(case)s: round %(n)d, due %(date)s") % args)
                continue
            yield Reminder(
                recipients=_members(members, team_id),
                kind="requery",
                ref=str(pk),
                title=(
                    _("%(case)s: 终本 re-query round %(n)d was due on %(date)s and is not done")
                    if due_on < today
                    else _("%(case)s: 终本 re-query round %(n)d is due on %(date)s")
                )
                % args,
                link=reverse("command_center:requery_detail", kwargs={"pk": pk}),
                level=LATE if due_on < today else SOON,
            )
        for team_id, tally in backlog.items():
            yield Reminder(
                recipients=_members(members, team_id),
                kind="requery-backlog",
                ref=str(team_id),
                title=_("%(n)d 终本 re-query rounds of your team are more than a week late")
                % {"n": tally.items},
                body=tally.body(),
                link=_url("command_center:requery_list", open="true"),
                level=LATE,
            )

    created = send_reminders(reminders(), today=today)
    return {"rounds": len(rows), "notifications": created}


# --- all of them --------------------------------------------------------------------


def declared_reminder_scans() -> list[str]:
    """Scans other apps declare on their AppConfig (``reminder_scans``: dotted
    paths of functions taking ``today``), so the kernel runs them without
    importing upward."""
    found: list[str] = []
    for config in apps.get_app_configs():
        found += getattr(config, "reminder_scans", [])
    return found


def run_reminder_scan(today: dt.date | None = None) -> dict:
    """Every reminder scan, for ``today`` (hourly by Celery beat, and at start-up).
    Idempotent: a second run the same day adds nothing."""
    today = today or timezone.localdate()
    results: dict[str, object] = {
        "deadlines": scan_deadlines(today),
        "funds": remind_funds_undisbursed(today),
        "measures": remind_measures_expiring(today),
        "releases": remind_releases_late(today),
        "requeries": remind_requeries_due(today),
        "directives": escalate_overdue_directives(today),
    }
    for path in declared_reminder_scans():
        results[path.rsplit(".", 1)[-1]] = import_string(path)(today)
    return results


def escalate_overdue_directives(today: dt.date | None = None) -> dict:
    """Daily: feedback overdue on a directive is escalated to the intermediate
    bureau's director, once per directive and bureau; the district director is
    reminded too.
    Source: DOMAIN.md §5 (unified command: directives with feedback)."""
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
            body=_("Feedback was due on %(date)s.") % {"date": _date(directive.feedback_due_on)},
            link=directive.get_absolute_url(),
            dedup_key=f"directive:{directive.pk}:overdue:{','.join(str(r.pk) for r in rows)}",
            level=NotificationLevel.DANGER,
        )
        for recipient in rows:
            notify(
                district.get(recipient.bureau.court_id, []),
                title=_("Feedback on directive “%(title)s” is overdue (due %(date)s)")
                % {"title": directive.title, "date": _date(directive.feedback_due_on)},
                link=recipient.get_absolute_url(),
                dedup_key=f"directive-recipient:{recipient.pk}:overdue",
                level=NotificationLevel.DANGER,
            )
    DirectiveRecipient.objects.filter(pk__in=[r.pk for r in overdue]).update(
        escalated_at=timezone.now()
    )
    return {"escalated": len(overdue)}
