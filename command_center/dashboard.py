"""Leadership dashboards (DOMAIN.md §5 "decision analysis"; DESIGN.md "Every figure
on a dashboard links to the list of cases behind it").

Per court the user sees (all five for the city leadership, their own court for a
district): new, closed and pending cases, cases with overdue nodes, 终本 cases
due for re-query, cases with funds undisbursed over 30 days, and the headline
indicators 首执执行完毕率 and 执行到位率. Every figure carries the URL of the list
that shows exactly the rows it counts, with the same filter.

Speed (design scale 500k cases): each figure reads only its own rows from an
index that holds the columns it needs (index-only); overdue and funds figures
take their set of cases from the partial index of open nodes first, re-query
rounds carry their case's court. The result is cached in Redis under a key that
includes the audit trail's high-water marks of cases, nodes and re-query
rounds: every insert, update or delete — bulk ones too, the trail is written by
triggers — moves a mark, so a cached figure is never stale (correct
invalidation, no TTL guesswork).

During a working day the marks move with every receipt, measure and filing, so
that key alone is cold at almost every visit (at the design scale under `make
load` the city-wide figures were computed afresh for nearly every leader's page:
p50 310 ms). The pages therefore read them through ``recent_figures``: the figures
of a scope (its courts, the year, the day) as known at most
``DASHBOARD_FRESH_SECONDS`` (60 s) ago, with the time they were known shown on the
page and a link that computes them now (``?refresh=1``). The same holds for a
district's team table (``recent_team_figures``). ``dashboard_figures`` itself stays
exact (the tests read it; the nightly warm-up computes ``figures_for_courts``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from cases.choices import CaseStatus, CaseType, ClosingType, NodeStatus
from cases.models import CaseNode, EnforcementCase
from command_center.choices import RequeryStatus
from command_center.models import RequeryRound
from courts.models import Court
from haikou_exec.expressions import InArray
from haikou_exec.natural import natural_order

DISBURSEMENT_NODE = "funds_disbursement"
# The case-list filters the drill-down needs were added to cases/filtersets.py;
# their labels are translated in this app's catalogue.
DRILL_DOWN_FILTER_LABELS = (
    gettext_lazy("Open (not closed)"),
    gettext_lazy("Closed from"),
    gettext_lazy("Closed until"),
)
_WATERMARK_MODELS = [
    ("cases", "EnforcementCaseEvent"),
    ("cases", "CaseNodeEvent"),
    ("command_center", "RequeryRoundEvent"),
]


def _url(name: str, **params) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return reverse(name) + ("?" + urlencode(clean) if clean else "")


def watermark() -> str:
    """The newest audit event id of each source table (an index lookup each)."""
    marks = []
    for app_label, model_name in _WATERMARK_MODELS:
        model = apps.get_model(app_label, model_name)
        marks.append(str(model.objects.aggregate(m=Max("pgh_id"))["m"] or 0))
    return "-".join(marks)


def _rate(part, whole) -> float | None:
    if not whole:
        return None
    return round(float(part) * 100 / float(whole), 2)


def _case_links(code: str, start: dt.date, end: dt.date) -> dict[str, str]:
    period_closed = {"status": CaseStatus.CLOSED, "closed_from": start, "closed_to": end}
    return {
        "new": _url("cases:case_list", court=code, filed_from=start, filed_to=end),
        "closed": _url("cases:case_list", court=code, **period_closed),
        "pending": _url("cases:case_list", court=code, is_open="true"),
        "overdue": _url("cases:case_list", court=code, overdue="true"),
        "first_closed": _url(
            "cases:case_list", court=code, case_type=CaseType.FIRST, **period_closed
        ),
        "first_fully": _url(
            "cases:case_list",
            court=code,
            case_type=CaseType.FIRST,
            closing_type=ClosingType.FULLY_EXECUTED,
            **period_closed,
        ),
        "terminated": _url(
            "cases:case_list",
            court=code,
            closing_type=ClosingType.TERMINATED_PROCEDURE,
            **period_closed,
        ),
        "funds": _url("cases:funds_accounts", court=code, overdue="true"),
        "requery": _url("command_center:requery_list", court=code, open="true"),
    }


def compute_figures(court_ids: list[int], year: int, today: dt.date) -> dict:
    """The figures, uncached (see ``dashboard_figures``)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    courts = list(
        Court.objects.filter(pk__in=court_ids)
        .order_by("sort_order")
        .values("pk", "code", "short_name")
    )
    cases = EnforcementCase.objects.filter(court_id__in=court_ids).order_by()
    by_court = cases.values("court_id")
    # Each figure reads only its own rows, each from an index that holds the
    # columns it needs (cases/models/case.py; index-only once vacuumed). One pass
    # over all 500k cases with conditional counts was 160 ms of a 600 ms cold page.
    new = dict(
        by_court.filter(filed_on__gte=start, filed_on__lte=end)
        .annotate(n=Count("*"))
        .values_list("court_id", "n")
    )
    pending = dict(
        by_court.exclude(status=CaseStatus.CLOSED)
        .annotate(n=Count("*"))
        .values_list("court_id", "n")
    )
    first = Q(case_type=CaseType.FIRST)
    case_rows = {
        r["court_id"]: r
        for r in by_court.filter(
            status=CaseStatus.CLOSED, closed_on__gte=start, closed_on__lte=end
        ).annotate(
            # Counted over a column the index holds (case_type, never null): index-only.
            closed=Count("*"),
            first_closed=Count("case_type", filter=first),
            first_fully=Count(
                "case_type", filter=first & Q(closing_type=ClosingType.FULLY_EXECUTED)
            ),
            terminated=Count("case_type", filter=Q(closing_type=ClosingType.TERMINATED_PROCEDURE)),
            claimed=Sum("amount_claimed"),
            recovered=Sum("amount_recovered"),
        )
    }
    for court_id in court_ids:
        row = case_rows.setdefault(court_id, {})
        row["new"] = new.get(court_id, 0)
        row["pending"] = pending.get(court_id, 0)
    # Cases (each once) with an open node past its due date, and with an open
    # disbursement past its due date: the set of cases from the partial index of
    # open nodes first, then the cases by primary key (InArray says why).
    open_overdue = CaseNode.objects.filter(status=NodeStatus.OPEN, due_on__lt=today)
    overdue = _count_by_court(by_court, open_overdue.values("case_id"))
    funds = _count_by_court(
        by_court, open_overdue.filter(definition__code=DISBURSEMENT_NODE).values("case_id")
    )
    # Rounds carry their case's court (RequeryRound.court): no join to the cases.
    requery = dict(
        RequeryRound.objects.filter(
            court_id__in=court_ids, status__in=[RequeryStatus.DUE, RequeryStatus.QUERYING]
        )
        .order_by()
        .values("court_id")
        .annotate(n=Count("*"))
        .values_list("court_id", "n")
    )
    rows = []
    keys = ["new", "closed", "pending", "first_closed", "first_fully", "terminated"]
    total = {k: 0 for k in [*keys, "overdue", "funds", "requery"]}
    total["claimed"] = total["recovered"] = Decimal("0")
    for court in courts:
        data = case_rows.get(court["pk"], {})
        row = {
            "court": court["short_name"],
            "code": court["code"],
            **{k: data.get(k, 0) for k in keys},
            "claimed": data.get("claimed") or Decimal("0"),
            "recovered": data.get("recovered") or Decimal("0"),
            "overdue": overdue.get(court["pk"], 0),
            "funds": funds.get(court["pk"], 0),
            "requery": requery.get(court["pk"], 0),
            "links": _case_links(court["code"], start, end),
        }
        row["fully_rate"] = _rate(row["first_fully"], row["first_closed"])
        row["recovery_rate"] = _rate(row["recovered"], row["claimed"])
        for k in total:
            total[k] += row[k]
        rows.append(row)
    total["fully_rate"] = _rate(total["first_fully"], total["first_closed"])
    total["recovery_rate"] = _rate(total["recovered"], total["claimed"])
    total["links"] = _case_links(
        "" if len(courts) > 1 else courts[0]["code"] if courts else "", start, end
    )
    return {
        "year": year,
        "today": today.isoformat(),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "rows": rows,
        "total": total,
        "computed_at": timezone.now().isoformat(),
    }


def _count_by_court(by_court, case_ids) -> dict[int, int]:
    return dict(
        by_court.filter(InArray("pk", case_ids)).annotate(n=Count("*")).values_list("court_id", "n")
    )


def visible_court_ids(user) -> list[int]:
    return list(Court.objects.restrict(user).order_by("sort_order").values_list("pk", flat=True))


def cache_key(court_ids: list[int], year: int, today: dt.date) -> str:
    return "dashboard:v1:{courts}:{year}:{today}:{mark}".format(
        courts=",".join(map(str, court_ids)), year=year, today=today, mark=watermark()
    )


def figures_for_courts(
    court_ids: list[int], year: int | None = None, *, refresh: bool = False
) -> dict:
    """The figures of these courts, from the cache when nothing has changed since
    they were computed."""
    today = timezone.localdate()
    year = year or today.year
    key = cache_key(court_ids, year, today)
    if not refresh:
        cached = cache.get(key)
        if cached is not None:
            return cached
    figures = compute_figures(court_ids, year, today)
    cache.set(key, figures, timeout=int(getattr(settings, "DASHBOARD_CACHE_SECONDS", 24 * 3600)))
    return figures


def dashboard_figures(user, year: int | None = None, *, refresh: bool = False) -> dict:
    """The figures for the courts the user sees (the city for its leadership, the
    own court for a district)."""
    return figures_for_courts(visible_court_ids(user), year, refresh=refresh)


def fresh_seconds() -> int:
    return int(getattr(settings, "DASHBOARD_FRESH_SECONDS", 0))


def _recent(key: str, compute, *, refresh: bool) -> tuple[object, dt.datetime]:
    """``(value, as_of)``: the value another request of the same scope computed or
    checked at most ``fresh_seconds()`` ago, else ``compute()`` now (and kept for
    the others). ``as_of`` is when the value was known to be current."""
    seconds = fresh_seconds()
    if seconds > 0 and not refresh:
        kept = cache.get(key)
        if kept is not None:
            return kept["value"], dt.datetime.fromisoformat(kept["as_of"])
    as_of = timezone.now()
    value = compute()
    if seconds > 0:
        cache.set(key, {"value": value, "as_of": as_of.isoformat()}, timeout=seconds)
    return value, as_of


def recent_figures(
    user, year: int | None = None, *, refresh: bool = False
) -> tuple[dict, dt.datetime]:
    """``dashboard_figures`` as known at most ``DASHBOARD_FRESH_SECONDS`` ago, and
    when (see the module's docstring). Per scope: the same courts, year and day
    share the figures, whoever asks."""
    court_ids = visible_court_ids(user)
    today = timezone.localdate()
    year = year or today.year
    return _recent(
        recent_key(court_ids, year, today),
        lambda: figures_for_courts(court_ids, year, refresh=refresh),
        refresh=refresh,
    )


def recent_key(court_ids: list[int], year: int, today: dt.date) -> str:
    return "dashboard:recent:v1:{courts}:{year}:{today}".format(
        courts=",".join(map(str, court_ids)), year=year, today=today
    )


def recent_team_key(court_id: int, today: dt.date) -> str:
    return f"dashboard:teams:v1:{court_id}:{today}"


def recent_team_figures(user, *, refresh: bool = False) -> list[dict]:
    """``team_figures`` of the user's court, as known at most
    ``DASHBOARD_FRESH_SECONDS`` ago (the same moment as ``recent_figures``)."""
    from courts.access import scope_for

    scope = scope_for(user)
    if scope.all_courts or not scope.court_id:
        return []
    key = recent_team_key(scope.court_id, timezone.localdate())
    return _recent(key, lambda: team_figures(user), refresh=refresh)[0]


def team_figures(user) -> list[dict]:
    """For a district dashboard: open cases and cases with overdue nodes per team
    of the user's court (each linking to the case list)."""
    from courts.access import scope_for
    from personnel.models import Team

    scope = scope_for(user)
    if scope.all_courts or not scope.court_id:
        return []
    today = timezone.localdate()
    teams = list(
        Team.objects.filter(bureau__court_id=scope.court_id, is_active=True).order_by(
            *natural_order()  # 执行2组 before 执行10组 (issue 16)
        )
    )
    court_cases = EnforcementCase.objects.filter(team__in=[t.pk for t in teams])
    # Counted per team from the court's cases, not by joining every team to its
    # cases with COUNT(DISTINCT …): at 500k cases that sorted 90k rows per request
    # (1.1 s for a district director's home page, `make load` at the design scale).
    open_by_team = dict(
        court_cases.exclude(status=CaseStatus.CLOSED)
        .order_by()
        .values_list("team_id")
        .annotate(n=Count("pk"))
    )
    overdue_by_team = dict(
        court_cases.filter(
            pk__in=CaseNode.objects.filter(status=NodeStatus.OPEN, due_on__lt=today).values(
                "case_id"
            )
        )
        .order_by()
        .values_list("team_id")
        .annotate(n=Count("pk"))
    )
    return [
        {
            "team": t.name,
            "open_cases": open_by_team.get(t.pk, 0),
            "overdue_cases": overdue_by_team.get(t.pk, 0),
            "open_link": _url("cases:case_list", team=t.pk, is_open="true"),
            "overdue_link": _url("cases:case_list", team=t.pk, overdue="true"),
        }
        for t in teams
    ]
