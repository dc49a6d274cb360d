"""约谈 of a district director (DOMAIN.md §8): the reason, the date, the record of
the talk and its follow-up."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from courts.access import lock_for
from courts.choices import BureauKind
from courts.policy import leads_court
from haikou_exec.formats import written_date
from haikou_exec.notifications import notify
from personnel.choices import OfficerRole
from personnel.models import Officer
from supervision.choices import TALK_TRANSITIONS, TalkStatus
from supervision.models import DirectorTalk
from supervision.services.common import (
    allocate_reference,
    ensure_supervises,
    move,
    require_text,
    today,
)


@transaction.atomic
def schedule_talk(
    *,
    user,
    director_id: int,
    reason: str,
    scheduled_on: dt.date,
    supervision_case_id: int | None = None,
) -> DirectorTalk:
    """The intermediate bureau summons a district bureau's director when work is poor.
    Source: DOMAIN.md §8 "约谈"."""
    ensure_supervises(user)
    director = Officer.objects.select_related("bureau__court").get(pk=director_id)
    if (
        director.role not in (OfficerRole.DIRECTOR, OfficerRole.DEPUTY_DIRECTOR)
        or director.bureau.kind != BureauKind.ENFORCEMENT
        or director.bureau.business_superior_id is None
    ):
        raise ValidationError(
            {"director": [_("A talk is held with a district enforcement bureau's director.")]}
        )
    require_text("reason", reason, _("Give the reason for the talk."))
    talk = DirectorTalk.objects.create(
        reference=allocate_reference("talk", scheduled_on.year),
        court=director.bureau.court,
        director=director,
        reason=reason.strip(),
        scheduled_on=scheduled_on,
        supervision_case_id=supervision_case_id,
        created_by=user,
    )
    transaction.on_commit(
        lambda: notify(
            [director.user_id],
            title=_("You are summoned for a talk (约谈) on %(date)s")
            % {"date": written_date(scheduled_on)},
            dedup_key=f"talk:{talk.pk}:scheduled:{scheduled_on}",
            link=talk.get_absolute_url(),
            level="warning",
        )
    )
    return talk


@transaction.atomic
def record_talk(
    *,
    user,
    talk_id: int,
    held_on: dt.date,
    held_by: str,
    record: str,
    follow_up: str = "",
    follow_up_due: dt.date | None = None,
) -> DirectorTalk:
    """Record a 约谈 once held: who held it, the record and any follow-up due after it
    (DOMAIN.md §8 "约谈"; TALK_TRANSITIONS)."""
    ensure_supervises(user)
    talk = lock_for(DirectorTalk, talk_id, user)
    require_text("record", record, _("Write the record of the talk."))
    require_text("held_by", held_by, _("Name who held the talk."))
    if held_on > today():
        raise ValidationError({"held_on": [_("A talk is recorded once held.")]})
    if follow_up_due and follow_up_due < held_on:
        raise ValidationError({"follow_up_due": [_("The follow-up is due after the talk.")]})
    move(talk, TalkStatus.HELD, TALK_TRANSITIONS)
    talk.held_on, talk.held_by, talk.record = held_on, held_by.strip(), record.strip()
    talk.follow_up, talk.follow_up_due = follow_up.strip(), follow_up_due
    talk.save()
    return talk


@transaction.atomic
def record_follow_up(
    *, user, talk_id: int, result: str, done_on: dt.date | None = None
) -> DirectorTalk:
    """The follow-up: the director reports, or supervision records it; it closes the talk.
    Source: DOMAIN.md §8 "约谈"; TALK_TRANSITIONS."""
    talk = lock_for(DirectorTalk, talk_id, user)
    from courts.policy import supervises

    if not (supervises(user) or leads_court(user, talk.court_id)):
        raise PermissionDenied(_("The court's bureau leadership or supervision records this."))
    require_text("result", result, _("Describe the follow-up."))
    move(talk, TalkStatus.CLOSED, TALK_TRANSITIONS)
    talk.follow_up_result, talk.follow_up_done_on = result.strip(), done_on or today()
    talk.save(update_fields=["status", "follow_up_result", "follow_up_done_on"])
    return talk


@transaction.atomic
def cancel_talk(*, user, talk_id: int, reason: str) -> DirectorTalk:
    """Cancel a planned 约谈, with the reason (DOMAIN.md §8 "约谈"; TALK_TRANSITIONS)."""
    ensure_supervises(user)
    talk = lock_for(DirectorTalk, talk_id, user)
    require_text("reason", reason, _("Say why the talk is cancelled."))
    move(talk, TalkStatus.CANCELLED, TALK_TRANSITIONS)
    talk.record = _("Cancelled: %(reason)s") % {"reason": reason.strip()}
    talk.save(update_fields=["status", "record"])
    return talk
