"""Supervision cases (执监) and supervision orders (督办) — DOMAIN.md §8.

A supervision case concerns one court, usually one enforcement case. An order
instructs a court and carries a response deadline (督办 "carry a response
deadline"); the court's bureau leadership responds, the supervising side
accepts the response or returns it with remarks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cases.choices import CaseType
from cases.models import EnforcementCase
from courts.access import lock_for
from courts.choices import CourtTier
from courts.models import Court
from courts.policy import leads_court
from haikou_exec.formats import written_date
from supervision.choices import (
    ORDER_TRANSITIONS,
    SUPERVISION_TRANSITIONS,
    OrderStatus,
    SupervisionOutcome,
    SupervisionSource,
    SupervisionStatus,
    SupervisionTrigger,
)
from supervision.models import OrderResponse, SupervisionCase, SupervisionOrder
from supervision.services.common import (
    allocate_reference,
    ensure_supervises,
    move,
    require_text,
    today,
)


def _filing(filing_id: int | None, court_id: int) -> EnforcementCase | None:
    if not filing_id:
        return None
    filing = EnforcementCase.objects.filter(pk=filing_id).first()
    if filing is None or filing.case_type != CaseType.SUPERVISION:
        raise ValidationError({"filing": [_("Link a case filed under the type code 执监.")]})
    return filing


def _file_supervision(
    court: Court, supervised: EnforcementCase | None, title: str, opened_on: dt.date
) -> EnforcementCase:
    """File the 执监 case at the intermediate court (DOMAIN.md §2: 执监 over a
    district case is filed by the intermediate court), so the supervision carries a
    lawful number from the gap-free sequence of 执监 cases, e.g. （2026）琼01执监12号.
    Its "title" and origin are the supervised case (or, for a court's work, the
    title is the subject and there is no origin)."""
    from cases.choices import CompletionEvent
    from cases.services.filing import FilingData, file_case
    from cases.services.nodes import complete_nodes

    intermediate = Court.objects.filter(tier=CourtTier.INTERMEDIATE).order_by("sort_order").first()
    filing = file_case(
        user=None,
        data=FilingData(
            case_type=CaseType.SUPERVISION,
            court_id=intermediate.pk,
            title_issuer=court.name,
            title_document_number=supervised.case_number if supervised else title[:60],
            title_effective_on=min(supervised.filed_on, opened_on) if supervised else opened_on,
            amount_claimed=Decimal(0),
            filed_on=opened_on,
            cause=(_("Enforcement supervision: %(subject)s") % {"subject": title})[:100],
            # The supervised case is the 执监 case's origin (the case it reviews).
            origin_case_id=supervised.pk if supervised else None,
        ),
        today=max(opened_on, today()),
    )
    # Its handler is the named supervisor (专人监管, DOMAIN.md §8): the filing's
    # 7-day assignment node is met on the day it is filed.
    complete_nodes(filing, CompletionEvent.ASSIGNED, opened_on)
    return filing


@transaction.atomic
def open_supervision_case(
    *,
    user,
    title: str,
    trigger: str,
    source: str,
    description: str,
    court_id: int | None = None,
    supervised_case_id: int | None = None,
    filing_id: int | None = None,
    handler_id: int | None = None,
    opened_on: dt.date | None = None,
) -> SupervisionCase:
    """Open a supervision (执监) of a court's enforcement work — DOMAIN.md §8 "Means".
    The court is the supervised case's court when a case is named. Unless an 执监
    case filed for it is linked, one is filed: its number is the reference."""
    ensure_supervises(user)
    require_text("title", title, _("Name what is supervised."))
    require_text("description", description, _("Describe the facts and leads."))
    if trigger not in SupervisionTrigger.values:
        raise ValidationError({"trigger": [_("Choose a trigger.")]})
    if source not in SupervisionSource.values:
        raise ValidationError({"source": [_("Choose a source.")]})
    supervised = None
    if supervised_case_id:
        supervised = EnforcementCase.objects.select_related("court").get(pk=supervised_case_id)
        if court_id and court_id != supervised.court_id:
            raise ValidationError({"court": [_("The supervised case belongs to another court.")]})
        court_id = supervised.court_id
    if not court_id:
        raise ValidationError({"court": [_("Name the supervised court or case.")]})
    court = Court.objects.get(pk=court_id)
    opened_on = opened_on or today()
    filing = _filing(filing_id, court_id) or _file_supervision(
        court, supervised, title.strip(), opened_on
    )
    return SupervisionCase.objects.create(
        # The 执监 case number is the supervision's reference (issue 17 finding 11).
        reference=filing.case_number,
        court=court,
        title=title.strip(),
        trigger=trigger,
        source=source,
        description=description.strip(),
        supervised_case=supervised,
        filing=filing,
        handler_id=handler_id or getattr(getattr(user, "officer", None), "pk", None),
        opened_on=opened_on,
        opened_by=user,
    )


@transaction.atomic
def link_filing(*, user, case_id: int, filing_id: int) -> SupervisionCase:
    """Link the 执监 case filed for a supervision opened before supervisions filed
    their own: its number becomes the reference. One that has its 执监 case keeps it.
    Source: DOMAIN.md §8 "Means" (执监)."""
    ensure_supervises(user)
    case = lock_for(SupervisionCase, case_id, user)
    if case.filing_id:
        raise ValidationError(
            {
                "filing": [
                    _("This supervision has its 执监 case already: %(number)s.")
                    % {"number": case.filing.case_number}
                ]
            }
        )
    case.filing = _filing(filing_id, case.court_id)
    case.reference = case.filing.case_number
    case.save(update_fields=["filing", "reference"])
    return case


@transaction.atomic
def start_investigation(*, user, case_id: int) -> SupervisionCase:
    """The intermediate bureau's supervisors start investigating a supervision case
    (DOMAIN.md §8 "Means"; SUPERVISION_TRANSITIONS)."""
    ensure_supervises(user)
    case = lock_for(SupervisionCase, case_id, user)
    move(case, SupervisionStatus.INVESTIGATING, SUPERVISION_TRANSITIONS)
    case.save(update_fields=["status"])
    return case


@transaction.atomic
def conclude_supervision_case(
    *, user, case_id: int, outcome: str, conclusion: str, concluded_on: dt.date | None = None
) -> SupervisionCase:
    """Conclude with an outcome and the measures taken; an established problem
    counts against the court in the assessment (DOMAIN.md §9)."""
    ensure_supervises(user)
    case = lock_for(SupervisionCase, case_id, user)
    if outcome not in SupervisionOutcome.values:
        raise ValidationError({"outcome": [_("Choose an outcome.")]})
    require_text("conclusion", conclusion, _("Write the conclusion and the measures taken."))
    concluded_on = concluded_on or today()
    if concluded_on < case.opened_on:
        raise ValidationError({"concluded_on": [_("A case is concluded after it was opened.")]})
    move(case, SupervisionStatus.CONCLUDED, SUPERVISION_TRANSITIONS)
    case.outcome, case.conclusion, case.concluded_on = outcome, conclusion.strip(), concluded_on
    case.save(update_fields=["status", "outcome", "conclusion", "concluded_on"])
    return case


@transaction.atomic
def issue_order(
    *,
    user,
    subject: str,
    instructions: str,
    respond_by: dt.date,
    court_id: int | None = None,
    supervision_case_id: int | None = None,
    case_id: int | None = None,
    issued_on: dt.date | None = None,
) -> SupervisionOrder:
    """督办: an instruction with a response deadline (DOMAIN.md §8 "Alerts")."""
    from haikou_exec.notifications import notify
    from personnel.recipients import directors_by_court

    ensure_supervises(user)
    require_text("subject", subject, _("Name the subject of the order."))
    require_text("instructions", instructions, _("Write the instructions."))
    issued_on = issued_on or today()
    if respond_by < issued_on:
        raise ValidationError({"respond_by": [_("The deadline cannot be before the order.")]})
    supervision = None
    if supervision_case_id:
        supervision = SupervisionCase.objects.get(pk=supervision_case_id)
        court_id = court_id or supervision.court_id
        case_id = case_id or supervision.supervised_case_id
    case = EnforcementCase.objects.get(pk=case_id) if case_id else None
    if case is not None:
        if court_id and court_id != case.court_id:
            raise ValidationError({"court": [_("The case belongs to another court.")]})
        court_id = case.court_id
    if not court_id:
        raise ValidationError({"court": [_("Name the court instructed.")]})
    order = SupervisionOrder.objects.create(
        reference=allocate_reference("order", issued_on.year),
        court_id=court_id,
        supervision_case=supervision,
        case=case,
        subject=subject.strip(),
        instructions=instructions.strip(),
        issued_on=issued_on,
        respond_by=respond_by,
        issued_by=user,
    )
    recipients = directors_by_court([court_id]).get(court_id, [])
    transaction.on_commit(
        lambda: notify(
            recipients,
            title=_("Supervision order %(ref)s: respond by %(date)s")
            % {"ref": order.reference, "date": written_date(respond_by)},
            dedup_key=f"supervision-order:{order.pk}:issued",
            link=order.get_absolute_url(),
            level="warning",
        )
    )
    return order


@transaction.atomic
def respond_to_order(
    *, user, order_id: int, text: str, responded_on: dt.date | None = None
) -> OrderResponse:
    """The instructed court's bureau leadership responds; a response after the
    deadline is recorded as late.
    Source: DOMAIN.md §8 "Alerts" (督办 carry a response deadline); ORDER_TRANSITIONS."""
    order = lock_for(SupervisionOrder, order_id, user)
    if not (user.is_superuser or leads_court(user, order.court_id)):
        raise PermissionDenied(_("The instructed court's bureau leadership responds."))
    require_text("text", text, pgettext("supervision", "Write the response."))
    responded_on = responded_on or today()
    if responded_on < order.issued_on or responded_on > today():
        raise ValidationError(
            {"responded_on": [_("The date must be between the order and today.")]}
        )
    move(order, OrderStatus.RESPONDED, ORDER_TRANSITIONS)
    late = responded_on > order.respond_by
    if order.first_responded_on is None:
        order.first_responded_on = responded_on
        order.responded_late = late
    order.save(update_fields=["status", "first_responded_on", "responded_late"])
    return OrderResponse.objects.create(
        order=order, text=text.strip(), responded_by=user, responded_on=responded_on, late=late
    )


@transaction.atomic
def review_order_response(
    *,
    user,
    order_id: int,
    accept: bool,
    remarks: str = "",
    new_respond_by: dt.date | None = None,
) -> SupervisionOrder:
    """Accept the response, or return it with remarks (and, if given, a new deadline).
    Source: DOMAIN.md §8; ORDER_TRANSITIONS."""
    ensure_supervises(user)
    order = lock_for(SupervisionOrder, order_id, user)
    if not accept:
        require_text("remarks", remarks, _("Say what the response lacks."))
    move(order, OrderStatus.ACCEPTED if accept else OrderStatus.RETURNED, ORDER_TRANSITIONS)
    if not accept and new_respond_by:
        if new_respond_by < today():
            raise ValidationError({"new_respond_by": [_("A new deadline lies in the future.")]})
        order.respond_by = new_respond_by
    order.review_remarks = remarks.strip()
    order.reviewed_by, order.reviewed_at = user, timezone.now()
    order.save()
    return order
