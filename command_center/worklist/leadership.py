"""The worklist of a bureau's leadership (``command_center.worklist``): the
approvals waiting for them, and the listings and restrictions to release after
performance."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from cases.choices import ApprovalStatus, CaseStatus, NodeStatus, TransferStatus
from cases.models import (
    ApplicantInterview,
    CaseNode,
    DeadlineExtension,
    DisbursementRequest,
    TransferRequest,
)
from command_center.worklist.items import (
    Section,
    WorkItem,
    _age,
    _case_url,
    _node_section,
    _url,
    definition_is,
    rows_and_total,
)
from courts.access import VIEW, scope_for

# --- bureau leadership: approvals waiting ------------------------------------------


def approvals_section(user, today: dt.date) -> Section:
    """Approvals waiting for the bureau's leadership (or, at the intermediate
    court, decisions city-wide): deadline extensions, disbursements, 终本
    reviewed by the collegial panel and waiting for the president, transfers.
    One line per kind with the count and the age of the oldest."""
    scope = scope_for(user)
    own = {"case__court_id": scope.court_id} if scope.court_id else {}
    kinds = [
        (
            _("Deadline extensions"),
            DeadlineExtension.objects.restrict(user, VIEW).filter(
                status=ApprovalStatus.PENDING,
                **{f"node__{k}": v for k, v in own.items()},
            ),
            "requested_on",
            lambda e: _case_url(e.node.case_id, "nodes"),
            ("node__case",),
            lambda e: e.node.case,
        ),
        (
            _("Disbursements to approve"),
            DisbursementRequest.objects.restrict(user, VIEW).filter(
                status=ApprovalStatus.PENDING, **own
            ),
            "requested_at",
            lambda d: _url("cases:funds_disbursements", status=ApprovalStatus.PENDING),
            ("case",),
            lambda row: row.case,
        ),
        (
            _("终本 awaiting the president's approval"),
            ApplicantInterview.objects.restrict(user, VIEW)
            .filter(
                collegial_review=True,
                decided_at__isnull=True,
                applicant_confirmed=False,
                **own,
            )
            .exclude(case__status=CaseStatus.CLOSED),
            "held_on",
            lambda i: _case_url(i.case_id),
            ("case",),
            lambda row: row.case,
        ),
        (
            _("Transfers (elevated, cross, designated)"),
            TransferRequest.objects.restrict(user, VIEW).filter(status=TransferStatus.PENDING),
            "requested_at",
            lambda t: t.get_absolute_url(),
            ("case",),
            lambda row: row.case,
        ),
    ]
    items = []
    total = 0
    for label, queryset, date_field, link, related, case_of in kinds:
        # The oldest and the count in one statement (pending approvals are few).
        rows, count = rows_and_total(
            queryset.select_related(*related).order_by(date_field, "id"), limit=1
        )
        if not rows:
            continue
        oldest = rows[0]
        total += count
        age = _age(getattr(oldest, date_field), today)
        items.append(
            WorkItem(
                title=label,
                link=link(oldest),
                detail=_("Oldest: %(case)s, waiting %(n)d days")
                % {"case": case_of(oldest).case_number, "n": age},
                level="danger" if age > 5 else "warning",
                badge=str(count),
            )
        )
    return Section(
        key="approvals",
        title=_("Approvals waiting"),
        items=items,
        count=total,
        empty=_("Nothing waiting for approval."),
    )


def releases_section(user, today: dt.date) -> Section:
    """Listings and restrictions to release after performance, of the bureau's
    court (city-wide at the intermediate court): the late ones first, in red —
    the 3 working days of 失信名单规定 第十条 (DOMAIN.md §2 "Releases")."""
    from cases.services.releases import RELEASE_NODE

    scope = scope_for(user)
    nodes = CaseNode.objects.restrict(user, VIEW).filter(
        definition_is(RELEASE_NODE), status=NodeStatus.OPEN
    )
    if scope.court_id:
        nodes = nodes.filter(case__court_id=scope.court_id)
    return _node_section(
        nodes,
        today,
        key="releases",
        title=_("Listings and restrictions to release after performance"),
        empty=_("Nothing to release."),
        anchor="measures",
        detail=_("Performed %(date)s; release by %(due)s"),
        level=lambda node, level: level if node.due_on < today else "warning",
    )
