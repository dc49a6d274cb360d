"""Command (统一指挥、协同执行): directives with feedback, coordinated operations,
video consultations, field execution records and the dispatch log
(DOMAIN.md §1 "the intermediate bureau leads, coordinates, commands"; §5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import EnforcementCase
from cases.services.common import ensure_can_change
from cases.services.dossier import UPLOADS as DOSSIER_UPLOADS
from command_center.choices import (
    DIRECTIVE_TRANSITIONS,
    DISPATCH_TRANSITIONS,
    FEEDBACK_TRANSITIONS,
    OPERATION_TRANSITIONS,
    DirectiveStatus,
    DispatchStatus,
    FeedbackStatus,
    OperationStatus,
)
from command_center.models import (
    Directive,
    DirectiveRecipient,
    DispatchLogEntry,
    FieldRecord,
    FieldRecordAttachment,
    Operation,
    OperationAssignment,
    OperationParticipant,
    VideoConsultation,
)
from courts.access import VIEW, lock_for, scope_for
from courts.choices import BureauKind
from courts.models import Bureau, Court
from courts.policy import is_centre_staff, is_city_leadership
from haikou_exec.choices import NotificationLevel
from haikou_exec.formats import written_date
from haikou_exec.notifications import notify
from haikou_exec.states import move
from haikou_exec.uploads import store_upload
from personnel.recipients import directors_by_court


def _ensure_city_leadership(user) -> None:
    if not is_city_leadership(user):
        raise PermissionDenied(
            _(
                "Only the intermediate bureau's leadership issues directives and organises operations."
            )
        )


def _leader_court(user) -> Court:
    scope = scope_for(user)
    if scope.court_id:
        return Court.objects.get(pk=scope.court_id)
    from courts.choices import CourtTier

    return Court.objects.get(tier=CourtTier.INTERMEDIATE)


# --- directives ---------------------------------------------------------------


@transaction.atomic
def issue_directive(
    *,
    user,
    title: str,
    body: str,
    required_feedback: str,
    feedback_due_on: dt.date,
    bureau_ids: list[int],
    case_id: int | None = None,
) -> Directive:
    """The intermediate bureau directs one or more district bureaus; each must
    acknowledge and report back by the deadline (DOMAIN.md §1: districts obey the
    intermediate bureau's direction, dispatch, command and decisions)."""
    _ensure_city_leadership(user)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the directive a title.")]
    if not required_feedback.strip():
        errors["required_feedback"] = [_("Say what feedback is required.")]
    if feedback_due_on < timezone.localdate():
        errors["feedback_due_on"] = [_("The feedback deadline cannot be in the past.")]
    bureaus = list(
        Bureau.objects.filter(pk__in=bureau_ids, kind=BureauKind.ENFORCEMENT).select_related(
            "court"
        )
    )
    if not bureaus:
        errors["bureaus"] = [_("Choose at least one bureau.")]
    if errors:
        raise ValidationError(errors)
    case = None
    if case_id:
        case = EnforcementCase.objects.restrict(user, VIEW).filter(pk=case_id).first()
        if case is None:
            raise ValidationError({"case": [_("No such case in your scope.")]})
    directive = Directive.objects.create(
        court=_leader_court(user),
        title=title.strip(),
        body=body.strip(),
        required_feedback=required_feedback.strip(),
        feedback_due_on=feedback_due_on,
        case=case,
        issued_by=user,
    )
    DirectiveRecipient.objects.bulk_create(
        [DirectiveRecipient(directive=directive, bureau=b) for b in bureaus]
    )
    leaders = directors_by_court({b.court_id for b in bureaus})
    recipients = list(
        DirectiveRecipient.objects.filter(directive=directive).select_related("bureau")
    )

    def _tell():
        for r in recipients:
            notify(
                leaders.get(r.bureau.court_id, []),
                title=_("Directive: %(title)s (feedback due %(date)s)")
                % {
                    "title": directive.title,
                    "date": written_date(directive.feedback_due_on),
                },
                link=r.get_absolute_url(),
                dedup_key=f"directive-recipient:{r.pk}:issued",
                level=NotificationLevel.WARNING,
            )

    transaction.on_commit(_tell)
    return directive


@transaction.atomic
def acknowledge_directive(*, user, recipient_id: int) -> DirectiveRecipient:
    """A receiving bureau acknowledges a directive: a district obeys the intermediate
    bureau's direction (DOMAIN.md §1 "Dual leadership"; FEEDBACK_TRANSITIONS)."""
    recipient = lock_for(DirectiveRecipient, recipient_id, user)
    move(recipient, FeedbackStatus.ACKNOWLEDGED, FEEDBACK_TRANSITIONS)
    recipient.acknowledged_at, recipient.acknowledged_by = timezone.now(), user
    recipient.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
    return recipient


@transaction.atomic
def report_feedback(*, user, recipient_id: int, feedback: str) -> DirectiveRecipient:
    """The bureau reports back (acknowledging it too, if not done yet).
    Source: DOMAIN.md §1 "Dual leadership"."""
    recipient = lock_for(DirectiveRecipient, recipient_id, user)
    if not feedback.strip():
        raise ValidationError({"feedback": [_("Write the feedback.")]})
    now = timezone.now()
    if recipient.acknowledged_at is None:
        recipient.acknowledged_at, recipient.acknowledged_by = now, user
    move(recipient, FeedbackStatus.REPORTED, FEEDBACK_TRANSITIONS)
    recipient.feedback, recipient.reported_at, recipient.reported_by = feedback.strip(), now, user
    recipient.save()
    directive = recipient.directive
    transaction.on_commit(
        lambda: notify(
            [directive.issued_by_id],
            title=_("Feedback received on “%(title)s” from %(bureau)s")
            % {"title": directive.title, "bureau": recipient.bureau},
            link=directive.get_absolute_url(),
            dedup_key=f"directive-recipient:{recipient.pk}:reported",
        )
    )
    return recipient


@transaction.atomic
def close_directive(*, user, directive_id: int) -> Directive:
    """The intermediate bureau's leadership closes its directive (DOMAIN.md §1 "Roles of
    the tiers"; DIRECTIVE_TRANSITIONS)."""
    _ensure_city_leadership(user)
    directive = lock_for(Directive, directive_id, user)
    move(directive, DirectiveStatus.CLOSED, DIRECTIVE_TRANSITIONS)
    directive.closed_at = timezone.now()
    directive.save(update_fields=["status", "closed_at"])
    return directive


# --- coordinated operations -----------------------------------------------------


@transaction.atomic
def plan_operation(
    *,
    user,
    name: str,
    plan: str,
    starts_on: dt.date,
    ends_on: dt.date,
    bureau_tasks: dict[int, str],
) -> Operation:
    """A city-wide operation (e.g. a concentrated enforcement action) with the
    part each bureau plays.
    Source: DOMAIN.md §1: the intermediate bureau commands; districts join coordinated execution."""
    _ensure_city_leadership(user)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": [_("The operation cannot end before it starts.")]})
    if not bureau_tasks:
        raise ValidationError({"bureaus": [_("Choose the bureaus taking part.")]})
    operation = Operation.objects.create(
        court=_leader_court(user),
        name=name.strip(),
        plan=plan.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=user,
    )
    bureaus = Bureau.objects.filter(pk__in=list(bureau_tasks)).select_related("court")
    OperationParticipant.objects.bulk_create(
        [
            OperationParticipant(
                operation=operation, bureau=b, task=bureau_tasks[b.pk] or plan[:200]
            )
            for b in bureaus
        ]
    )
    leaders = directors_by_court({b.court_id for b in bureaus})
    parts = list(operation.participants.select_related("bureau"))

    def _tell():
        for part in parts:
            notify(
                leaders.get(part.bureau.court_id, []),
                title=_("Operation “%(name)s” (%(start)s–%(end)s): assign officers and equipment")
                % {
                    "name": operation.name,
                    "start": written_date(starts_on),
                    "end": written_date(ends_on),
                },
                link=part.get_absolute_url(),
                dedup_key=f"operation-participant:{part.pk}:planned",
                level=NotificationLevel.WARNING,
            )

    transaction.on_commit(_tell)
    return operation


@transaction.atomic
def add_participant(*, user, operation_id: int, bureau_id: int, task: str) -> OperationParticipant:
    """The intermediate bureau's leadership adds a bureau, once, to a coordinated
    operation not yet over (DOMAIN.md §1: districts take part in coordinated
    execution)."""
    _ensure_city_leadership(user)
    operation = lock_for(Operation, operation_id, user)
    if operation.status not in (OperationStatus.PLANNED, OperationStatus.UNDER_WAY):
        raise ValidationError(_("The operation is over."))
    try:
        with transaction.atomic():
            return OperationParticipant.objects.create(
                operation=operation, bureau_id=bureau_id, task=task.strip()
            )
    except IntegrityError:
        raise ValidationError({"bureau": [_("This bureau already takes part.")]}) from None


@transaction.atomic
def set_operation_status(*, user, operation_id: int, status: str) -> Operation:
    """The intermediate bureau's leadership moves a coordinated operation along
    OPERATION_TRANSITIONS (DOMAIN.md §1 "Roles of the tiers", §5 unified
    command)."""
    _ensure_city_leadership(user)
    operation = lock_for(Operation, operation_id, user)
    move(operation, status, OPERATION_TRANSITIONS)
    operation.save(update_fields=["status"])
    return operation


@transaction.atomic
def assign_to_operation(
    *,
    user,
    participant_id: int,
    officer_id: int | None = None,
    equipment_id: int | None = None,
    duty: str = "",
) -> OperationAssignment:
    """A bureau assigns its own officers, vehicles and equipment to its part.
    Source: DOMAIN.md §5 command affairs."""
    from equipment.models import EquipmentItem
    from personnel.models import Officer

    participant = lock_for(OperationParticipant, participant_id, user)
    if participant.operation.status in (OperationStatus.CONCLUDED, OperationStatus.CANCELLED):
        raise ValidationError(_("The operation is over."))
    if not officer_id and not equipment_id:
        raise ValidationError(_("Choose an officer or a piece of equipment."))
    court_id = participant.bureau.court_id
    if (
        officer_id
        and not Officer.objects.filter(
            pk=officer_id, bureau__court_id=court_id, is_active=True
        ).exists()
    ):
        raise ValidationError({"officer": [_("The officer must serve in this bureau's court.")]})
    if (
        equipment_id
        and not EquipmentItem.objects.filter(pk=equipment_id, court_id=court_id).exists()
    ):
        raise ValidationError(
            {"equipment": [_("The equipment must belong to this bureau's court.")]}
        )
    try:
        with transaction.atomic():
            return OperationAssignment.objects.create(
                participant=participant,
                officer_id=officer_id or None,
                equipment_id=equipment_id or None,
                duty=duty.strip(),
            )
    except IntegrityError:
        raise ValidationError(_("Already assigned to this operation.")) from None


@transaction.atomic
def report_operation_results(
    *,
    user,
    participant_id: int,
    cases_targeted: int,
    cases_concluded: int,
    amount_recovered: Decimal,
    detentions: int,
    properties_controlled: int,
    note: str = "",
) -> OperationParticipant:
    """A bureau reports its results; the operation's tally is their sum.
    Source: DOMAIN.md §1 coordinated execution."""
    participant = lock_for(OperationParticipant, participant_id, user)
    if participant.operation.status == OperationStatus.CANCELLED:
        raise ValidationError(_("The operation was cancelled."))
    if cases_concluded > cases_targeted:
        raise ValidationError({"cases_concluded": [_("More cases concluded than targeted.")]})
    if amount_recovered < 0:
        raise ValidationError({"amount_recovered": [_("The amount cannot be negative.")]})
    participant.cases_targeted, participant.cases_concluded = cases_targeted, cases_concluded
    participant.amount_recovered, participant.detentions = amount_recovered, detentions
    participant.properties_controlled, participant.results_note = (
        properties_controlled,
        note.strip(),
    )
    participant.results_reported_at, participant.results_reported_by = timezone.now(), user
    participant.save()
    return participant


def operation_tally(operation: Operation) -> dict:
    """The results tally: the sum of what each bureau reported."""
    from django.db.models import Count, Q, Sum

    return operation.participants.aggregate(
        bureaus=Count("id"),
        reported=Count("id", filter=Q(results_reported_at__isnull=False)),
        cases_targeted=Sum("cases_targeted"),
        cases_concluded=Sum("cases_concluded"),
        amount_recovered=Sum("amount_recovered"),
        detentions=Sum("detentions"),
        properties_controlled=Sum("properties_controlled"),
    )


# --- video consultations ----------------------------------------------------------


@transaction.atomic
def record_consultation(
    *,
    user,
    subject: str,
    held_at: dt.datetime,
    minutes: str,
    participant_ids: list[int],
    other_participants: str = "",
    case_id: int | None = None,
) -> VideoConsultation:
    """A video consultation (视频会商) with its participants and minutes.
    Source: DOMAIN.md §5 command affairs."""
    from personnel.models import Officer

    scope = scope_for(user)
    if not (user.is_superuser or scope.officer_id):
        raise PermissionDenied
    if not minutes.strip():
        raise ValidationError({"minutes": [_("Write the minutes.")]})
    case = None
    if case_id:
        case = EnforcementCase.objects.restrict(user, VIEW).filter(pk=case_id).first()
        if case is None:
            raise ValidationError({"case": [_("No such case in your scope.")]})
    court = (
        Court.objects.get(pk=scope.court_id)
        if scope.court_id
        else (case.court if case else _leader_court(user))
    )
    consultation = VideoConsultation.objects.create(
        court=court,
        subject=subject.strip(),
        case=case,
        held_at=held_at,
        minutes=minutes.strip(),
        other_participants=other_participants.strip(),
        recorded_by=user,
    )
    consultation.participants.set(Officer.objects.filter(pk__in=participant_ids))
    return consultation


# --- field execution records --------------------------------------------------------


@transaction.atomic
def record_field_execution(
    *,
    user,
    case_id: int,
    started_at: dt.datetime,
    place: str,
    activity: str,
    account: str,
    officer_ids: list[int],
    equipment_ids: list[int] = (),
    ended_at: dt.datetime | None = None,
) -> FieldRecord:
    """执行过程记录: who went where, when, with what, and what happened.
    Source: DOMAIN.md §5 command affairs."""
    from equipment.models import EquipmentItem
    from personnel.models import Officer

    case = EnforcementCase.objects.get(pk=case_id)
    if not (user.is_superuser or is_centre_staff(scope_for(user))):
        ensure_can_change(user, case)
    elif not EnforcementCase.objects.restrict(user, VIEW).filter(pk=case_id).exists():
        raise ValidationError({"case": [_("No such case in your scope.")]})
    if ended_at and ended_at < started_at:
        raise ValidationError({"ended_at": [_("The end is before the start.")]})
    if not officer_ids:
        raise ValidationError({"officers": [_("Name the officers present.")]})
    record = FieldRecord.objects.create(
        court_id=case.court_id,
        case=case,
        started_at=started_at,
        ended_at=ended_at,
        place=place.strip(),
        activity=activity.strip(),
        account=account.strip(),
        recorded_by=user,
    )
    record.officers.set(Officer.objects.filter(pk__in=officer_ids))
    if equipment_ids:
        record.equipment.set(EquipmentItem.objects.filter(pk__in=equipment_ids))
    return record


@transaction.atomic
def attach_to_field_record(
    *, user, record_id: int, upload, title: str = ""
) -> tuple[FieldRecordAttachment, bool]:
    """Footage, photos or documents, checked by content (not by name) and kept
    under their SHA-256; the same content twice is kept once.
    Source: DOMAIN.md §5 command affairs."""
    record = lock_for(FieldRecord, record_id, user)
    # The dossier's rule: what may be kept with a case may be kept with its outing.
    return store_upload(
        upload,
        DOSSIER_UPLOADS,
        model=FieldRecordAttachment,
        owner={"record": record},
        uploaded_by=user,
        title=title,
    )


# --- dispatch log -------------------------------------------------------------------


@transaction.atomic
def log_dispatch(
    *,
    user,
    occurred_at: dt.datetime,
    severity: str,
    location: str,
    situation: str,
    reported_by: str,
    dispatched: str,
    case_id: int | None = None,
) -> DispatchLogEntry:
    """An emergency call and what was sent (应急指挥调度).
    Source: DOMAIN.md §5: the command centres are integrated."""
    scope = scope_for(user)
    court_id = scope.court_id or _leader_court(user).pk
    case = None
    if case_id:
        case = EnforcementCase.objects.restrict(user, VIEW).filter(pk=case_id).first()
        if case is None:
            raise ValidationError({"case": [_("No such case in your scope.")]})
    if occurred_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"occurred_at": [_("The time is in the future.")]})
    return DispatchLogEntry.objects.create(
        court_id=court_id,
        occurred_at=occurred_at,
        severity=severity,
        location=location.strip(),
        situation=situation.strip(),
        reported_by=reported_by.strip(),
        dispatched=dispatched.strip(),
        case=case,
        logged_by=user,
    )


@transaction.atomic
def update_dispatch(*, user, entry_id: int, status: str, action_taken: str) -> DispatchLogEntry:
    """Move a dispatch log entry along DISPATCH_TRANSITIONS, stamping when it was
    handled and closed (DOMAIN.md §5: the command centres' unified dispatch)."""
    entry = lock_for(DispatchLogEntry, entry_id, user)
    move(entry, status, DISPATCH_TRANSITIONS)
    if action_taken.strip():
        entry.action_taken = action_taken.strip()
    now = timezone.now()
    if status == DispatchStatus.HANDLED:
        entry.handled_at = now
    if status == DispatchStatus.CLOSED:
        entry.closed_at = now
        entry.handled_at = entry.handled_at or now
    entry.save()
    return entry
