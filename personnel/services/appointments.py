"""District director appointments (DOMAIN.md §1, "Appointing a district director"):
before a district court appoints its bureau director the intermediate court must
agree. The district proposes, the intermediate court consents or refuses with an
opinion, and only then does the appointment take effect."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.access import lock_for, scope_for
from courts.models import Bureau
from haikou_exec.formats import written_date as _day
from haikou_exec.notifications import notify
from haikou_exec.states import move
from personnel.choices import APPOINTMENT_TRANSITIONS, AppointmentStatus, OfficerRole, Post
from personnel.models import DirectorAppointment, Officer, Position
from personnel.services._common import require_city_leadership
from personnel.services.officers import sync_officer_groups


def _city_leaders() -> list[int]:
    from courts.choices import BureauKind, CourtTier

    return list(
        Officer.objects.filter(
            is_active=True,
            role__in=OfficerRole.leadership_roles(),
            bureau__kind=BureauKind.ENFORCEMENT,
            bureau__court__tier=CourtTier.INTERMEDIATE,
        ).values_list("user_id", flat=True)
    )


@transaction.atomic
def propose_appointment(
    *, by, bureau: Bureau, candidate: Officer, effective_on: datetime.date, reason: str
) -> DirectorAppointment:
    """The district court proposes its bureau's director.
    Source: DOMAIN.md §1 "Appointing a district director"."""
    if not bureau.is_district:
        raise ValidationError(
            {
                "bureau": _(
                    "Only a district bureau's director needs the intermediate court's consent."
                )
            }
        )
    scope = scope_for(by)
    if not by.is_superuser and not (
        by.has_perm("personnel.add_directorappointment")
        and scope.leads_bureau
        and scope.court_id == bureau.court_id
    ):
        raise PermissionDenied(_("The district court's own leadership proposes its director."))
    if not candidate.is_active:
        raise ValidationError({"candidate": _("The candidate must be in service.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reasons for the proposal.")})
    if DirectorAppointment.objects.filter(
        bureau=bureau, status__in=[AppointmentStatus.PROPOSED, AppointmentStatus.CONSENTED]
    ).exists():
        raise ValidationError(
            _("This bureau already has an appointment awaiting decision or effect.")
        )
    appointment = DirectorAppointment.objects.create(
        bureau=bureau,
        candidate=candidate,
        effective_on=effective_on,
        reason=reason,
        proposed_by=by,
    )
    notify(
        _city_leaders(),
        title=_("%(court)s proposes %(name)s as enforcement bureau director: consent needed")
        % {"court": bureau.court.short_name, "name": candidate.name},
        dedup_key=f"appointment:{appointment.pk}:proposed",
        link=appointment.get_absolute_url(),
    )
    return appointment


@transaction.atomic
def decide_appointment(
    *, by, appointment: DirectorAppointment, consent: bool, opinion: str
) -> DirectorAppointment:
    """The intermediate court consents or refuses, always with an opinion.
    Source: DOMAIN.md §1 "Appointing a district director"; APPOINTMENT_TRANSITIONS."""
    require_city_leadership(
        by, _("Only the intermediate court consents to a district director appointment.")
    )
    if not opinion.strip():
        raise ValidationError({"opinion": _("Give the intermediate court's opinion.")})
    appointment = lock_for(DirectorAppointment, appointment.pk, by)
    target = AppointmentStatus.CONSENTED if consent else AppointmentStatus.REFUSED
    move(appointment, target, APPOINTMENT_TRANSITIONS)
    appointment.opinion = opinion
    appointment.decided_by = by
    appointment.decided_at = timezone.now()
    appointment.save(update_fields=["status", "opinion", "decided_by", "decided_at"])
    notify(
        [appointment.proposed_by_id],
        title=(
            _("The intermediate court consents to %(name)s as director")
            if consent
            else _("The intermediate court refuses %(name)s as director")
        )
        % {"name": appointment.candidate.name},
        body=opinion,
        dedup_key=f"appointment:{appointment.pk}:{target}",
        link=appointment.get_absolute_url(),
    )
    return appointment


@transaction.atomic
def withdraw_appointment(*, by, appointment: DirectorAppointment) -> DirectorAppointment:
    """The proposing district court withdraws its own proposal (not the
    intermediate court, which refuses instead, with an opinion).
    Source: DOMAIN.md §1 "Appointing a district director"; APPOINTMENT_TRANSITIONS."""
    appointment = lock_for(DirectorAppointment, appointment.pk, by, related=("bureau",))
    if not by.is_superuser and scope_for(by).court_id != appointment.bureau.court_id:
        raise PermissionDenied(_("Only the proposing court withdraws its proposal."))
    move(appointment, AppointmentStatus.WITHDRAWN, APPOINTMENT_TRANSITIONS)
    appointment.save(update_fields=["status"])
    return appointment


@transaction.atomic
def make_appointment_effective(*, by, appointment: DirectorAppointment) -> DirectorAppointment:
    """The appointment takes effect: the director position starts, the candidate's
    previous position ends the day before, and the officer's role and groups become
    the director's.

    Refused unless the intermediate court has consented (DOMAIN.md §1); refused
    while another director still holds the post on that day (end their position,
    e.g. through a rotation plan, first)."""
    appointment = lock_for(DirectorAppointment, appointment.pk, by, related=("candidate", "bureau"))
    if appointment.status != AppointmentStatus.CONSENTED:
        if appointment.status == AppointmentStatus.PROPOSED:
            message = _(
                "The appointment cannot take effect: the intermediate court has not consented "
                "yet. A district director is appointed only after the intermediate court agrees."
            )
        elif appointment.status == AppointmentStatus.REFUSED:
            message = _("The appointment cannot take effect: the intermediate court refused it.")
        else:
            message = _("The appointment cannot take effect from status “%(status)s”.") % {
                "status": appointment.get_status_display()
            }
        raise ValidationError(message, code="consent_required")
    on = appointment.effective_on
    if on > timezone.localdate():
        raise ValidationError(
            _("The appointment takes effect on %(date)s, not before.") % {"date": _day(on)},
            code="not_yet",
        )
    candidate = Officer.objects.select_for_update().get(pk=appointment.candidate_id)
    incumbent = (
        Position.objects.filter(bureau=appointment.bureau, post=Post.DIRECTOR, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .exclude(officer=candidate)
        .select_related("officer")
        .first()
    )
    if incumbent is not None:
        raise ValidationError(
            _(
                "%(name)s is still the director on %(date)s. End that position (for example "
                "with a rotation plan) before the appointment takes effect."
            )
            % {"name": incumbent.officer.name, "date": _day(on)}
        )
    later = Position.objects.filter(officer=candidate, started_on__gte=on).first()
    if later is not None:
        raise ValidationError(
            _("%(name)s has a position starting on or after %(date)s: %(post)s.")
            % {"name": candidate.name, "date": on, "post": later.get_post_display()}
        )
    previous = (
        Position.objects.select_for_update()
        .filter(officer=candidate, started_on__lt=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .first()
    )
    if previous is not None:
        previous.ended_on = on - datetime.timedelta(days=1)
        previous.end_reason = "promotion"
        previous.save(update_fields=["ended_on", "end_reason"])
    position = Position.objects.create(
        officer=candidate,
        bureau=appointment.bureau,
        post=Post.DIRECTOR,
        started_on=on,
        note=str(_("Appointed with the intermediate court's consent")),
    )
    # The role carries the permissions (a director leads the bureau), so the
    # groups follow at once.
    candidate.bureau = appointment.bureau
    candidate.role = OfficerRole.DIRECTOR
    candidate.save(update_fields=["bureau", "role"])
    sync_officer_groups(candidate)
    appointment.status = AppointmentStatus.EFFECTIVE
    appointment.took_effect_at = timezone.now()
    appointment.position = position
    appointment.save(update_fields=["status", "took_effect_at", "position"])
    notify(
        [candidate.user_id, appointment.proposed_by_id],
        title=_("%(name)s is now director of %(bureau)s")
        % {"name": candidate.name, "bureau": appointment.bureau},
        dedup_key=f"appointment:{appointment.pk}:effective",
        link=appointment.get_absolute_url(),
    )
    return appointment
