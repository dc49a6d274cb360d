"""The public-opinion log (舆情监测, DOMAIN.md §5)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import EnforcementCase
from command_center.choices import OPINION_TRANSITIONS, OpinionStatus, Sentiment
from command_center.models import PublicOpinionItem
from courts.access import VIEW, lock_for
from courts.models import Court
from haikou_exec.choices import NotificationLevel
from haikou_exec.notifications import notify
from haikou_exec.states import move
from personnel.recipients import directors_by_court


@transaction.atomic
def log_opinion_item(
    *,
    user,
    court_id: int,
    source: str,
    title: str,
    summary: str,
    sentiment: str,
    discovered_at: dt.datetime,
    link: str = "",
    case_id: int | None = None,
) -> PublicOpinionItem:
    """Record an item; a negative one is reported to the court's bureau director
    at once.
    Source: DOMAIN.md §5 舆情监测."""
    if not Court.objects.restrict(user, VIEW).filter(pk=court_id).exists():
        raise ValidationError({"court": [_("Choose a court in your scope.")]})
    case = None
    if case_id:
        case = EnforcementCase.objects.restrict(user, VIEW).filter(pk=case_id).first()
        if case is None:
            raise ValidationError({"case": [_("No such case in your scope.")]})
        if case.court_id != court_id:
            raise ValidationError({"case": [_("The case belongs to another court.")]})
    if discovered_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"discovered_at": [_("The time is in the future.")]})
    item = PublicOpinionItem.objects.create(
        court_id=court_id,
        source=source,
        link=link.strip(),
        title=title.strip(),
        summary=summary.strip(),
        sentiment=sentiment,
        case=case,
        discovered_at=discovered_at,
        recorded_by=user,
    )
    if sentiment == Sentiment.NEGATIVE:
        leaders = directors_by_court([court_id]).get(court_id, [])
        transaction.on_commit(
            lambda: notify(
                leaders,
                title=_("Negative public opinion: %(title)s") % {"title": item.title},
                body=item.summary[:300],
                link=item.get_absolute_url(),
                dedup_key=f"opinion:{item.pk}:negative",
                level=NotificationLevel.DANGER,
            )
        )
    return item


@transaction.atomic
def handle_opinion_item(
    *, user, item_id: int, status: str, response: str = ""
) -> PublicOpinionItem:
    """Move a public-opinion item along OPINION_TRANSITIONS; a response is written
    before it counts as responded (DOMAIN.md §5 舆情监测)."""
    item = lock_for(PublicOpinionItem, item_id, user)
    if status == OpinionStatus.RESPONDED and not response.strip():
        raise ValidationError({"response": [_("Write the response.")]})
    move(item, status, OPINION_TRANSITIONS)
    if response.strip():
        item.response = response.strip()
        item.responded_at, item.responded_by = timezone.now(), user
    item.save()
    return item
