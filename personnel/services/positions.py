"""Writes on positions and staffing (DOMAIN.md §6). One transaction each."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.access import lock_for
from courts.models import Bureau
from haikou_exec.formats import written_date as _day
from personnel.choices import OfficerRole, Post
from personnel.models import Officer, Position, PostQuota, StaffingQuota
from personnel.services._common import require_court_right
from personnel.services.officers import sync_officer_groups


def overlapping_positions(
    officer: Officer,
    started_on: datetime.date,
    ended_on: datetime.date | None,
    exclude_pk: int | None = None,
):
    """The officer's positions that share at least one day with [started_on, ended_on]."""
    qs = Position.objects.filter(officer=officer).exclude(ended_on__lt=started_on)
    if ended_on is not None:
        qs = qs.filter(started_on__lte=ended_on)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.select_related("bureau")


def _refuse_overlap(officer, started_on, ended_on, exclude_pk=None) -> None:
    clash = overlapping_positions(officer, started_on, ended_on, exclude_pk).first()
    if clash is not None:
        raise ValidationError(
            {
                "started_on": _(
                    "%(name)s already holds a position in this period: %(post)s, %(bureau)s, "
                    "%(start)s – %(end)s. One officer holds one position at a time; end that "
                    "position first."
                )
                % {
                    "name": officer.name,
                    "post": clash.get_post_display(),
                    "bureau": clash.bureau,
                    "start": _day(clash.started_on),
                    "end": _day(clash.ended_on) or _("now"),
                }
            },
            code="overlap",
        )


def apply_current_position(officer: Officer, position: Position) -> None:
    """A position held today sets the officer's bureau and role (the role group
    carries the permissions, so the groups follow), and puts an officer who had
    left (e.g. to a trial department) back in service.
    Source: DOMAIN.md §6 "Staffing"."""
    if not position.is_current(timezone.localdate()):
        return
    fields = []
    if not officer.is_active:
        officer.is_active = True
        fields.append("is_active")
        type(officer.user).objects.filter(pk=officer.user_id).update(is_active=True)
    if officer.bureau_id != position.bureau_id:
        officer.bureau_id = position.bureau_id
        fields.append("bureau")
    if position.post in OfficerRole.values and officer.role != position.post:
        officer.role = position.post
        fields.append("role")
    if fields:
        officer.save(update_fields=fields)
        sync_officer_groups(officer)


def create_position(
    *,
    officer: Officer,
    bureau: Bureau,
    post: str,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    is_acting: bool = False,
    note: str = "",
) -> Position:
    """Insert a position after the overlap check (callers hold the transaction).
    Source: DOMAIN.md §6 "Staffing" (no overlapping positions)."""
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": _("A position cannot end before it starts.")})
    # Lock the officer so that two concurrent writes cannot both pass the check;
    # the exclusion constraint is the last line of defence.
    officer = Officer.objects.select_for_update().select_related("user").get(pk=officer.pk)
    _refuse_overlap(officer, started_on, ended_on)
    position = Position.objects.create(
        officer=officer,
        bureau=bureau,
        post=post,
        started_on=started_on,
        ended_on=ended_on,
        is_acting=is_acting,
        note=note,
    )
    apply_current_position(officer, position)
    return position


@transaction.atomic
def record_position(
    *,
    by,
    officer: Officer,
    bureau: Bureau,
    post: str,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    is_acting: bool = False,
    note: str = "",
) -> Position:
    """Record a position in the officer's history.

    - Overlapping positions for one officer are refused (DOMAIN.md §6: tenure is
      computed from an unambiguous history).
    - A district bureau's director post cannot be entered here unless it is a
      past, closed record: a district director is appointed only with the
      intermediate court's consent (DOMAIN.md §1), through a director appointment.
    """
    require_court_right(by, Position, "add", bureau.court_id)
    if officer.user_id == by.pk and not by.is_superuser:
        # A position sets the officer's bureau and role: no one records their own.
        raise PermissionDenied(_("You may not record a position for yourself."))
    still_held = ended_on is None or ended_on >= timezone.localdate()
    if bureau.is_district and post == Post.DIRECTOR and not is_acting and still_held:
        raise ValidationError(
            {
                "post": _(
                    "A district bureau's director is appointed only after the intermediate "
                    "court consents: use a director appointment."
                )
            },
            code="appointment_required",
        )
    return create_position(
        officer=officer,
        bureau=bureau,
        post=post,
        started_on=started_on,
        ended_on=ended_on,
        is_acting=is_acting,
        note=note,
    )


@transaction.atomic
def end_position(
    *, by, position: Position, ended_on: datetime.date, end_reason: str = ""
) -> Position:
    """Close a position; the end date must not precede its start.
    Source: DOMAIN.md §6 "Staffing"."""
    position = lock_for(Position, position.pk, by)
    if ended_on < position.started_on:
        raise ValidationError({"ended_on": _("A position cannot end before it starts.")})
    _refuse_overlap(position.officer, position.started_on, ended_on, exclude_pk=position.pk)
    position.ended_on = ended_on
    position.end_reason = end_reason
    position.save(update_fields=["ended_on", "end_reason"])
    return position


@transaction.atomic
def set_staffing(
    *, by, bureau: Bureau, headcount: int, basis: str = "", post_quotas: dict[str, int]
) -> StaffingQuota:
    """Set a bureau's approved headcount (编制) and post quotas (职数).

    They are kept as required (DOMAIN.md §6); only the city-wide leadership sets
    them, as the intermediate court manages the people of both tiers (§5)."""
    from personnel.services._common import require_city_leadership

    require_city_leadership(
        by, _("Headcount and post quotas are set by the intermediate court's leadership.")
    )
    quota, _created = StaffingQuota.objects.update_or_create(
        bureau=bureau,
        defaults={"headcount": headcount, "basis": basis, "updated_on": timezone.localdate()},
    )
    leadership = sum(post_quotas.get(p, 0) for p in Post.leadership_posts())
    if leadership > headcount:
        raise ValidationError(
            {"headcount": _("The headcount is smaller than the leadership post quotas.")}
        )
    for post, value in post_quotas.items():
        if value is None:
            PostQuota.objects.filter(bureau=bureau, post=post).delete()
        else:
            PostQuota.objects.update_or_create(bureau=bureau, post=post, defaults={"quota": value})
    return quota
