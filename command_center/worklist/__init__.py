"""Read paths of the personal worklist on the home page (issue 16): for each role,
what must be done now, each item linking to the page where it is done.

Every read goes through ``Model.objects.restrict(user, VIEW)`` (courts/access.py)
and loads its relations in the same query, so a section costs one or two queries
whatever its length. Sections of apps above this one (supervision) are declared on
their AppConfig (``home_sections``) and collected here without importing upward.

The sections, one module per concern:

- ``items``: the items and sections, their count, links and badges, shared by
  every section (and by the sections of apps above this one: ``LIMIT``,
  ``Section``, ``WorkItem`` and ``total`` are named here for them);
- ``team``: judges', assistants' and clerks' sections, their team's work;
- ``leadership``: the bureau leadership's approvals and releases;
- here: the unread notifications every home page ends with, and the sections of
  each home page (``worklist_for``)."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from command_center.worklist.items import LIMIT, Section, WorkItem, my_team_ids, total
from command_center.worklist.leadership import approvals_section, releases_section
from command_center.worklist.team import (
    deadline_section,
    documents_to_serve_section,
    dossier_section,
    funds_section,
    intake_section,
    my_requests_section,
    open_cases_section,
    requery_section,
    returned_tasks_section,
)
from courts.access import VIEW, scope_for
from haikou_exec.formats import written_date as _date
from haikou_exec.models import Notification

__all__ = [
    "LIMIT",
    "Section",
    "WorkItem",
    "declared_sections",
    "notifications_section",
    "total",
    "worklist_for",
]


# --- every home page: the unread notifications --------------------------------------


def notifications_section(user) -> Section:
    notes = Notification.objects.restrict(user, VIEW).filter(
        recipient_id=user.pk, read_at__isnull=True
    )
    rows = list(notes.order_by("-created_at", "-id")[:LIMIT])
    levels = {"danger": "danger", "warning": "warning"}
    return Section(
        key="notifications",
        title=_("Unread notifications"),
        items=[
            WorkItem(
                title=n.title,
                link=n.link or reverse("command_center:notification_list"),
                detail=_date(timezone.localtime(n.created_at).date()),
                level=levels.get(n.level, ""),
                badge=n.get_level_display() if n.level in levels else "",
            )
            for n in rows
        ],
        count=total(notes, rows),
        more=reverse("command_center:notification_list"),
        empty=_("No unread notification."),
    )


# --- by home page -----------------------------------------------------------------


def declared_sections(kind: str) -> list[str]:
    found: list[str] = []
    for config in apps.get_app_configs():
        found += getattr(config, "home_sections", {}).get(kind, [])
    return found


def worklist_for(user, kind: str, today: dt.date | None = None) -> list[Section]:
    """The sections of a home page: ``kind`` is ``selectors.home_kind``."""
    today = today or timezone.localdate()
    scope = scope_for(user)
    sections: list[Section] = []
    if kind == "team" and scope.role in ("president", "vice_president"):
        # The court's president decides extensions of the closing term (DOMAIN.md
        # §2 "Who approves"): the approvals, not a team's cases.
        sections = [approvals_section(user, today)]
    elif kind == "team":
        teams = my_team_ids(user)
        if scope.role == "clerk":
            sections = [
                intake_section(user, today),
                documents_to_serve_section(user, teams, today),
                dossier_section(user, teams, today),
                returned_tasks_section(user, teams, today),
            ]
        else:
            sections = [
                deadline_section(user, teams, today),
                open_cases_section(user, teams, today),
                funds_section(user, teams, today),
                requery_section(user, teams, today),
                returned_tasks_section(user, teams, today),
                my_requests_section(user, today),
            ]
    elif kind in ("bureau", "leadership"):
        sections = [approvals_section(user, today), releases_section(user, today)]
    for path in declared_sections(kind):
        sections += import_string(path)(user, today)
    if kind != "none":
        sections.append(notifications_section(user))
    return sections
