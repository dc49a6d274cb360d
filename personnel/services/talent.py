"""The talent pool (海口法院执行人才库, DOMAIN.md §6): membership and specialties,
seminars on hard questions, research, two-way secondments and short-term training."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from courts.access import lock_for
from courts.choices import CourtTier
from courts.models import Bureau, Court
from haikou_exec.formats import written_date as _day
from personnel.models import (
    Officer,
    ResearchOutput,
    Secondment,
    Seminar,
    TalentPoolMember,
    Training,
)
from personnel.services._common import require_court_right


@transaction.atomic
def add_talent_member(
    *, by, officer: Officer, specialties, joined_on: datetime.date, note: str = ""
) -> TalentPoolMember:
    """Admit an officer, once, to the talent pool with at least one specialty (DOMAIN.md
    §6 "Talent pool")."""
    require_court_right(by, TalentPoolMember, "add", officer.bureau.court_id)
    if TalentPoolMember.objects.filter(officer=officer, left_on__isnull=True).exists():
        raise ValidationError({"officer": _("This officer is already in the talent pool.")})
    if not specialties:
        raise ValidationError({"specialties": _("Name at least one specialty.")})
    member = TalentPoolMember.objects.create(officer=officer, joined_on=joined_on, note=note)
    member.specialties.set(specialties)
    return member


@transaction.atomic
def end_talent_membership(*, by, member: TalentPoolMember, left_on: datetime.date):
    """End a membership of the talent pool, not before it began (DOMAIN.md §6 "Talent
    pool")."""
    member = lock_for(TalentPoolMember, member.pk, by)
    if left_on < member.joined_on:
        raise ValidationError({"left_on": _("Leaving cannot precede joining.")})
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    return member


def _check_same_court(court: Court, officers, label: str) -> None:
    """Participants of a district's own event come from that court; the
    intermediate court's events gather officers of the whole city."""
    if court.tier == CourtTier.INTERMEDIATE:
        return
    strangers = [o.name for o in officers if o.bureau.court_id != court.pk]
    if strangers:
        raise ValidationError(
            {
                label: _("Only officers of %(court)s can be recorded here: %(names)s.")
                % {"court": court.short_name, "names": "、".join(strangers)}
            }
        )


@transaction.atomic
def record_seminar(
    *,
    by,
    court: Court,
    topic: str,
    held_on: datetime.date,
    participants,
    question: str = "",
    outcome: str = "",
) -> Seminar:
    """A seminar on a hard enforcement question: topic, date, participants, outcome.
    Source: DOMAIN.md §6 "Talent pool"."""
    require_court_right(by, Seminar, "add", court.pk)
    participants = list(participants)
    if not participants:
        raise ValidationError({"participants": _("A seminar has participants.")})
    _check_same_court(court, participants, "participants")
    seminar = Seminar.objects.create(
        court=court, topic=topic, held_on=held_on, question=question, outcome=outcome
    )
    seminar.participants.set(participants)
    return seminar


@transaction.atomic
def record_seminar_outcome(*, by, seminar: Seminar, outcome: str) -> Seminar:
    """Record what a seminar on hard enforcement questions concluded (DOMAIN.md §6
    "Talent pool")."""
    seminar = lock_for(Seminar, seminar.pk, by)
    seminar.outcome = outcome
    seminar.save(update_fields=["outcome"])
    return seminar


@transaction.atomic
def record_research_output(
    *,
    by,
    court: Court,
    title: str,
    kind: str,
    authors,
    completed_on: datetime.date,
    venue: str = "",
    summary: str = "",
    seminar: Seminar | None = None,
) -> ResearchOutput:
    """Record research by at least one author of the court (DOMAIN.md §6 "Talent pool")."""
    require_court_right(by, ResearchOutput, "add", court.pk)
    authors = list(authors)
    if not authors:
        raise ValidationError({"authors": _("Name at least one author.")})
    _check_same_court(court, authors, "authors")
    output = ResearchOutput.objects.create(
        court=court,
        title=title,
        kind=kind,
        completed_on=completed_on,
        venue=venue,
        summary=summary,
        seminar=seminar,
    )
    output.authors.set(authors)
    return output


@transaction.atomic
def record_secondment(
    *,
    by,
    officer: Officer,
    host_bureau: Bureau,
    post: str,
    started_on: datetime.date,
    ended_on: datetime.date,
    note: str = "",
) -> Secondment:
    """A two-way secondment (挂职) between the intermediate court and a district
    court (DOMAIN.md §6): one side is the intermediate court, the other a district
    court; an officer is seconded to one place at a time."""
    home = officer.bureau
    require_court_right(by, Secondment, "add", home.court_id)
    tiers = {home.court.tier, host_bureau.court.tier}
    if tiers != {CourtTier.INTERMEDIATE, CourtTier.DISTRICT}:
        raise ValidationError(
            {
                "host_bureau": _(
                    "Secondments run between the intermediate court and a district court: "
                    "%(home)s cannot second to %(host)s."
                )
                % {"home": home.court.short_name, "host": host_bureau.court.short_name}
            }
        )
    if ended_on < started_on:
        raise ValidationError({"ended_on": _("The end cannot precede the start.")})
    clash = (
        Secondment.objects.filter(officer=officer, started_on__lte=ended_on)
        .exclude(ended_on__lt=started_on)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "started_on": _("%(name)s is already seconded to %(host)s from %(s)s to %(e)s.")
                % {
                    "name": officer.name,
                    "host": clash.host_bureau,
                    "s": _day(clash.started_on),
                    "e": _day(clash.ended_on),
                }
            }
        )
    return Secondment.objects.create(
        officer=officer,
        home_bureau=home,
        host_bureau=host_bureau,
        post=post,
        started_on=started_on,
        ended_on=ended_on,
        note=note,
    )


@transaction.atomic
def record_training(
    *,
    by,
    court: Court,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    hours: Decimal,
    participants,
    organiser: str = "",
    location: str = "",
) -> Training:
    """A short-term training course and its participants.
    Source: DOMAIN.md §6 "Talent pool"."""
    require_court_right(by, Training, "add", court.pk)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end cannot precede the start.")})
    participants = list(participants)
    if not participants:
        raise ValidationError({"participants": _("Name the participants.")})
    _check_same_court(court, participants, "participants")
    training = Training.objects.create(
        court=court,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        hours=hours,
        organiser=organiser,
        location=location,
    )
    training.participants.set(participants)
    return training
