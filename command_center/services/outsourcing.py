"""Outsourcing auxiliary work to outside institutions under managed rules
(DOMAIN.md §5 "Outside professionals"): the roster, and each task's scope,
deadline, result and rating."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import EnforcementCase
from command_center.choices import OUTSOURCED_TRANSITIONS, OutsourcedStatus
from command_center.models import Institution, InstitutionQualification, OutsourcedTask
from courts.access import VIEW, lock_for, scope_for
from haikou_exec.identifiers import validate_uscc
from haikou_exec.states import move


@transaction.atomic
def admit_institution(
    *,
    user,
    name: str,
    kind: str,
    admitted_on: dt.date,
    credit_code: str = "",
    contact_person: str = "",
    phone: str = "",
    address: str = "",
    qualifications: list[dict] = (),
) -> Institution:
    """Admit an institution to the user's court's roster.
    Source: DOMAIN.md §5 "Outside professionals": the roster."""
    scope = scope_for(user)
    if not scope.court_id and not user.is_superuser:
        raise ValidationError(_("Only an officer of a court keeps a roster."))
    if credit_code:
        credit_code = validate_uscc(credit_code)
    if Institution.objects.filter(name=name.strip()).exists():
        raise ValidationError({"name": [_("This institution is already on a roster.")]})
    from courts.choices import CourtTier
    from courts.models import Court

    court_id = scope.court_id or Court.objects.get(tier=CourtTier.INTERMEDIATE).pk
    institution = Institution.objects.create(
        court_id=court_id,
        name=name.strip(),
        kind=kind,
        credit_code=credit_code,
        contact_person=contact_person.strip(),
        phone=phone.strip(),
        address=address.strip(),
        admitted_on=admitted_on,
    )
    for q in qualifications:
        InstitutionQualification.objects.create(institution=institution, **q)
    return institution


def institutions_for(user):
    """Institutions a user may commission: the city roster (intermediate court)
    and their own court's."""
    from courts.choices import CourtTier

    scope = scope_for(user)
    qs = Institution.objects.filter(is_active=True)
    if user.is_superuser or scope.all_courts:
        return qs
    return qs.filter(court__tier=CourtTier.INTERMEDIATE) | qs.filter(court_id=scope.court_id)


@transaction.atomic
def commission_task(
    *,
    user,
    institution_id: int,
    work: str,
    scope_text: str,
    deadline: dt.date,
    case_id: int | None = None,
    fee: Decimal | None = None,
) -> OutsourcedTask:
    """Commission auxiliary work from an institution on the roster, with its scope and a
    deadline not in the past (DOMAIN.md §5 "Outside professionals")."""
    scope = scope_for(user)
    institution = institutions_for(user).filter(pk=institution_id).first()
    if institution is None:
        raise ValidationError({"institution": [_("Choose an institution on the roster.")]})
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": [_("The deadline cannot be in the past.")]})
    if not scope_text.strip():
        raise ValidationError({"scope": [_("Describe the scope of the work.")]})
    case = None
    if case_id:
        case = EnforcementCase.objects.restrict(user, VIEW).filter(pk=case_id).first()
        if case is None:
            raise ValidationError({"case": [_("No such case in your scope.")]})
    court_id = case.court_id if case else scope.court_id
    if court_id is None:
        raise ValidationError({"case": [_("Name the case the work is for.")]})
    return OutsourcedTask.objects.create(
        court_id=court_id,
        institution=institution,
        case=case,
        work=work,
        scope=scope_text.strip(),
        deadline=deadline,
        fee=fee,
        commissioned_by=user,
    )


@transaction.atomic
def record_delivery(*, user, task_id: int, result: str, delivered_on: dt.date) -> OutsourcedTask:
    """Record the result an institution delivered for its task (DOMAIN.md §5 "Outside
    professionals": scope, deadline, result and rating)."""
    task = lock_for(OutsourcedTask, task_id, user)
    if not result.strip():
        raise ValidationError({"result": [_("Describe the result delivered.")]})
    move(task, OutsourcedStatus.DELIVERED, OUTSOURCED_TRANSITIONS)
    task.result, task.delivered_on = result.strip(), delivered_on
    task.save(update_fields=["status", "result", "delivered_on"])
    return task


@transaction.atomic
def decide_delivery(
    *, user, task_id: int, accept: bool, rating: int | None, note: str = ""
) -> OutsourcedTask:
    """Accept (with a rating of 1–5) or reject the delivered work.
    Source: DOMAIN.md §5 "Outside professionals": result and rating."""
    task = lock_for(OutsourcedTask, task_id, user)
    if accept and rating not in (1, 2, 3, 4, 5):
        raise ValidationError({"rating": [_("Rate the work from 1 to 5.")]})
    move(
        task,
        OutsourcedStatus.ACCEPTED if accept else OutsourcedStatus.REJECTED,
        OUTSOURCED_TRANSITIONS,
    )
    if accept:
        task.rating = rating
    task.rating_note, task.decided_at = note.strip(), timezone.now()
    task.save(update_fields=["status", "rating", "rating_note", "decided_at"])
    return task


@transaction.atomic
def cancel_outsourced(*, user, task_id: int) -> OutsourcedTask:
    """Cancel an outsourced task while it is commissioned or its delivery was rejected
    (DOMAIN.md §5 "Outside professionals"; OUTSOURCED_TRANSITIONS)."""
    task = lock_for(OutsourcedTask, task_id, user)
    move(task, OutsourcedStatus.CANCELLED, OUTSOURCED_TRANSITIONS)
    task.save(update_fields=["status"])
    return task
