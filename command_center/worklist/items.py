"""What the worklist's sections share (``command_center.worklist``): the items and
sections a home page shows, their count in one statement, the links, due badges
and ages they carry, the user's teams, and a section of open case nodes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, Subquery, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from haikou_exec.formats import written_date as _date

LIMIT = 8
DUE_WITHIN_DAYS = 7
FUNDS_LIMIT_DAYS = 30


@dataclass
class WorkItem:
    title: str
    link: str
    detail: str = ""
    level: str = ""  # danger (overdue), warning (due soon), secondary
    badge: str = ""


@dataclass
class Section:
    key: str
    title: str
    items: list[WorkItem] = field(default_factory=list)
    count: int = 0
    more: str = ""
    empty: str = ""

    @property
    def urgent(self) -> bool:
        return any(i.level == "danger" for i in self.items)


def total(queryset, rows: list) -> int:
    """The section's count: the rows shown, or the whole set when the list was cut
    at LIMIT (one COUNT only then)."""
    return queryset.count() if len(rows) == LIMIT else len(rows)


def rows_and_total(queryset, limit: int = LIMIT) -> tuple[list, int]:
    """The first ``limit`` rows and the size of the whole set, in one statement:
    ``COUNT(*) OVER ()`` is computed over every row before the LIMIT. For a team's
    or a court's open steps and due re-queries: the ordered list reads every
    matching row anyway, and a second statement for the count repeated that work
    (the join of the team's 2,000 cases to their nodes, twice per section at the
    design scale). ``total`` is for sets an index counts without the rows."""
    rows = list(queryset.annotate(set_total=Window(Count("*")))[:limit])
    return rows, rows[0].set_total if rows else 0


def definition_is(code: str):
    """``definition_id = (SELECT id … WHERE code = …)``: the planner then reads the
    open nodes of that definition from their partial index (cases/0016) in due
    order. Joined by code instead, it estimated a nineteenth of the 31,000 open
    nodes and walked all of them (the releases section: 106 ms a director's home
    at the design scale)."""
    from cases.models import NodeDefinition

    return Q(definition_id=Subquery(NodeDefinition.objects.filter(code=code).values("pk")[:1]))


def _url(name: str, *, kwargs=None, **params) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return reverse(name, kwargs=kwargs) + ("?" + urlencode(clean) if clean else "")


def _case_url(case_id: int, anchor: str = "") -> str:
    return reverse("cases:case_detail", kwargs={"pk": case_id}) + (f"#{anchor}" if anchor else "")


def _due_badge(due_on: dt.date, today: dt.date) -> tuple[str, str]:
    days = (due_on - today).days
    if days < 0:
        return "danger", _("overdue %(n)d days") % {"n": -days}
    if days == 0:
        return "danger", _("due today")
    return "warning", _("%(n)d days left") % {"n": days}


def _age(moment, today: dt.date) -> int:
    day = timezone.localtime(moment).date() if isinstance(moment, dt.datetime) else moment
    return max((today - day).days, 0)


def my_team_ids(user) -> list[int]:
    from personnel.models import TeamMembership

    return list(
        TeamMembership.objects.filter(officer__user=user, ended_on__isnull=True).values_list(
            "team_id", flat=True
        )
    )


def _node_section(nodes, today: dt.date, *, key, title, empty, anchor, detail, level) -> Section:
    """Open case nodes, due first, as a section: each item names its case, links to
    the case page's ``anchor``, says ``detail`` (``%(date)s`` the day the node
    started, ``%(due)s`` its due day) and shows its due badge in the colour
    ``level(node, the badge's level)``."""
    rows, count = rows_and_total(
        nodes.select_related("case")
        .only("due_on", "triggered_on", "case__case_number")
        .order_by("due_on", "id")
    )
    items = []
    for node in rows:
        due_level, badge = _due_badge(node.due_on, today)
        items.append(
            WorkItem(
                title=node.case.case_number,
                link=_case_url(node.case_id, anchor),
                detail=detail % {"date": _date(node.triggered_on), "due": _date(node.due_on)},
                level=level(node, due_level),
                badge=badge,
            )
        )
    return Section(key=key, title=title, items=items, count=count, empty=empty)
