"""Handover checklists (DOMAIN.md §6): a leaving officer's open items are listed by
every registered provider (``personnel.handover``) and moved, all in one
transaction, to the successors named for them."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.access import lock_for
from courts.models import Bureau
from haikou_exec.states import move
from personnel.choices import HANDOVER_TRANSITIONS, HandoverStatus
from personnel.handover import handover_provider, handover_providers
from personnel.models import Handover, HandoverItem, Officer, RotationPlanItem
from personnel.services._common import require_court_right


def collect_items(handover: Handover) -> int:
    """Add the officer's open items not yet on the checklist; returns how many.
    Source: DOMAIN.md §6 (a leaving officer's open items are handed over)."""
    existing = set(handover.items.values_list("provider", "ref"))
    rows = []
    for provider in handover_providers():
        for item in provider.open_items(handover.officer):
            if (provider.key, item.ref) in existing:
                continue
            rows.append(
                HandoverItem(
                    handover=handover,
                    provider=provider.key,
                    ref=item.ref[:64],
                    label=item.label[:200],
                    due_on=item.due_on,
                )
            )
    HandoverItem.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def open_handover(
    *,
    by,
    officer: Officer,
    handover_on: datetime.date,
    reason: str = "",
    rotation_item: RotationPlanItem | None = None,
    bureau: Bureau | None = None,
) -> Handover:
    """Open the checklist for a leaving officer (one open checklist per officer;
    opening again returns it, refreshed).
    Source: DOMAIN.md §6 (a leaving officer's open items are handed over)."""
    bureau = bureau or officer.bureau
    require_court_right(by, Handover, "add", bureau.court_id)
    handover = Handover.objects.filter(officer=officer, status=HandoverStatus.OPEN).first()
    if handover is None:
        handover = Handover.objects.create(
            officer=officer,
            bureau=bureau,
            handover_on=handover_on,
            reason=reason,
            rotation_item=rotation_item,
            created_by=by,
        )
    collect_items(handover)
    return handover


@transaction.atomic
def refresh_handover(*, by, handover: Handover) -> int:
    """List the leaving officer's open items again from every provider while the
    handover is open (DOMAIN.md §6; personnel.handover)."""
    handover = lock_for(Handover, handover.pk, by)
    if handover.status != HandoverStatus.OPEN:
        raise ValidationError(_("This handover is closed."))
    return collect_items(handover)


@transaction.atomic
def assign_successor(*, by, item: HandoverItem, successor: Officer) -> HandoverItem:
    """Name an officer in service, not the leaving one, as an item's successor, as its
    provider allows (DOMAIN.md §6)."""
    lock_for(Handover, item.handover_id, by)
    item = (
        HandoverItem.objects.select_for_update().select_related("handover__officer").get(pk=item.pk)
    )
    if item.handover.status != HandoverStatus.OPEN:
        raise ValidationError(_("This handover is closed."))
    if successor.pk == item.handover.officer_id:
        raise ValidationError({"successor": _("The successor cannot be the leaving officer.")})
    if not successor.is_active:
        raise ValidationError({"successor": _("The successor must be in service.")})
    provider = handover_provider(item.provider)
    if provider is not None:
        try:
            provider.check_successor(item.ref, item.handover.officer, successor)
        except ValidationError as exc:
            raise ValidationError({"successor": exc.messages}) from exc
    item.successor = successor
    item.save(update_fields=["successor"])
    return item


@transaction.atomic
def assign_successor_to_all(*, by, handover: Handover, successor: Officer) -> int:
    """Name one successor for every item that has none yet.
    Source: DOMAIN.md §6 (a leaving officer's open items are handed over)."""
    count = 0
    for item in handover.items.filter(successor__isnull=True, moved_at__isnull=True):
        assign_successor(by=by, item=item, successor=successor)
        count += 1
    return count


@transaction.atomic
def complete_handover(*, by, handover: Handover) -> Handover:
    """Move every item to its successor. Refused while an item has no successor
    or its kind of item is no longer registered; nothing moves unless all do.
    Source: DOMAIN.md §6; HANDOVER_TRANSITIONS."""
    handover = lock_for(Handover, handover.pk, by, related=("officer",))
    # Refused first if the handover is not open; the items' checks below roll
    # the whole change back (nothing moves unless all do).
    move(handover, HandoverStatus.COMPLETED, HANDOVER_TRANSITIONS)
    collect_items(handover)
    items = list(handover.items.select_related("successor").filter(moved_at__isnull=True))
    missing = [i.label for i in items if i.successor_id is None]
    if missing:
        raise ValidationError(
            _("Name a successor for every open item first: %(items)s.")
            % {"items": "、".join(missing[:10]) + ("…" if len(missing) > 10 else "")}
        )
    now = timezone.now()
    for item in items:
        provider = handover_provider(item.provider)
        if provider is None:
            raise ValidationError(
                _("Items of kind “%(kind)s” cannot be moved: no such handover provider.")
                % {"kind": item.provider}
            )
        provider.transfer(item.ref, handover.officer, item.successor, handover.handover_on)
        item.moved_at = now
    HandoverItem.objects.bulk_update(items, ["moved_at"])
    handover.completed_at = now
    handover.save(update_fields=["status", "completed_at"])
    return handover


@transaction.atomic
def cancel_handover(*, by, handover: Handover) -> Handover:
    """Cancel an open handover (DOMAIN.md §6; HANDOVER_TRANSITIONS)."""
    handover = lock_for(Handover, handover.pk, by)
    move(handover, HandoverStatus.CANCELLED, HANDOVER_TRANSITIONS)
    handover.save(update_fields=["status"])
    return handover
