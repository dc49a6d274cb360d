from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from cases.choices import CASE_CLASS, CASE_TRANSITIONS, CaseClass
from cases.models import EnforcementCase
from courts.access import CHANGE, VIEW, lock_for
from haikou_exec.formats import written_date as _day
from haikou_exec.states import move
from personnel.choices import OfficerRole, TeamRole


class StaleEditError(ValidationError):
    """Raised when a form was based on an older version of the case."""


def lock_case(case_id: int) -> EnforcementCase:
    """The case row, locked for a write (``courts.access.lock_for``; 404 if missing).
    Who may write is checked next, by ``ensure_can_change``."""
    return lock_for(EnforcementCase, case_id, None)


def ensure_can_change(user, case: EnforcementCase) -> None:
    """Write paths re-check the object against the change scope (never trusting a
    read-scoped queryset), with the one failure contract of ``lock_for``: a case
    outside the user's scope answers 404, like reads; a case they see but may not
    change (another team's, or a read-only role's) 403 with a message."""
    if user is None:  # system jobs
        return
    if EnforcementCase.objects.restrict(user, CHANGE).filter(pk=case.pk).exists():
        return
    if EnforcementCase.objects.restrict(user, VIEW).filter(pk=case.pk).exists():
        raise PermissionDenied(
            _(
                "Case %(case)s is handled by its team and the bureau's leadership; "
                "you may see it but not change it."
            )
            % {"case": case.case_number}
        )
    raise Http404


def ensure_open(case: EnforcementCase) -> None:
    """A closed case changes no more (DOMAIN.md §2 "Closing types")."""
    if case.is_closed:
        raise ValidationError(
            _("Case %(case)s is closed; nothing can be changed.") % {"case": case.case_number}
        )


def is_implementation(case: EnforcementCase) -> bool:
    """执, 执恢, 执保: the cases in which the court enforces (执行实施类)."""
    return CASE_CLASS.get(case.case_type) == CaseClass.IMPLEMENTATION


def ensure_implementation(case: EnforcementCase) -> None:
    """Measures, property investigation, online queries and case funds belong to
    the case that enforces the title (执行实施类). A review case (执异, 执复, 执监,
    执协, 执他) examines an objection or a request about that enforcement and closes
    by its own outcome (DOMAIN.md §2 "Review cases close as reviews"); what it
    decides is carried out in the implementation case."""
    if not is_implementation(case):
        raise ValidationError(
            _(
                "%(case)s is a review case (%(type)s): measures, property investigation, "
                "online queries and case funds are recorded in the implementation case it "
                "concerns."
            )
            % {"case": case.case_number, "type": case.get_case_type_display()}
        )


def ensure_event_date(case: EnforcementCase, day, field: str, today=None) -> None:
    """No event before the case's filing nor after today (DOMAIN.md §2 "The filing
    date is the day of filing"; issue 17): receipts, steps, measures, stays and
    closings are recorded as they happen."""
    from django.utils import timezone

    today = today or timezone.localdate()
    if day < case.filed_on or day > today:
        raise ValidationError(
            {
                field: [
                    _(
                        "The date %(date)s is outside the case's life: it must be between "
                        "the filing (%(filed)s) and today (%(today)s)."
                    )
                    % {"date": _day(day), "filed": _day(case.filed_on), "today": _day(today)}
                ]
            },
            code="event_date",
        )


def may_decide(user, case: EnforcementCase) -> bool:
    """Acts that carry the court's statistics or its liability (closing, the
    release of a listing) are done by the handling judge
    (the judge of the case's team) or the bureau's leadership, never by a judge
    assistant or a clerk (DOMAIN.md §2 "Who files what, and what each closing
    needs"). System jobs (``user is None``) close on a recorded decision."""
    if user is None or user.is_superuser:
        return True
    officer = getattr(user, "officer", None)
    if officer is None:
        return False
    if officer.role in OfficerRole.leadership_roles():
        return True
    if officer.role != OfficerRole.JUDGE or case.team_id is None:
        return False
    return case.team.memberships.filter(
        officer=officer, role=TeamRole.JUDGE, ended_on__isnull=True
    ).exists()


def check_version(case: EnforcementCase, expected_version: int | None) -> None:
    """Optimistic locking: refuse a change made from a stale form."""
    if expected_version is not None and int(expected_version) != case.version:
        raise StaleEditError(
            _(
                "Case %(case)s was changed by someone else after you opened it (version %(old)s, now %(new)s). "
                "Reload the page and make your change again."
            )
            % {"case": case.case_number, "old": expected_version, "new": case.version},
            code="stale",
        )


def move_status(case: EnforcementCase, to: str) -> None:
    """Change a case's status only along CASE_TRANSITIONS (cases/choices/case.py;
    DOMAIN.md §2 "Closing types"); the caller saves."""
    move(case, to, CASE_TRANSITIONS, message=_("A case cannot go from “%(from)s” to “%(to)s”."))


def bump_version(case: EnforcementCase) -> None:
    """Count a change of the case, so a form sent for an older version is refused as stale
    (DESIGN.md "Bad input": loses nothing already saved); the caller saves."""
    case.version += 1


__all__ = [
    "PermissionDenied",
    "StaleEditError",
    "bump_version",
    "check_version",
    "ensure_can_change",
    "ensure_event_date",
    "ensure_open",
    "lock_case",
    "may_decide",
    "move_status",
]
