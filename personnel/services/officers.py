"""Writes on officers. Each service is one transaction."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from courts.models import Bureau
from haikou_exec.celery import task
from haikou_exec.choices import JobKind
from haikou_exec.jobs import create_job
from haikou_exec.models import BackgroundJob
from personnel.choices import OfficerRole
from personnel.models import Officer
from personnel.roles import group_name


def sync_officer_groups(officer: Officer) -> None:
    """The user's role group follows the officer's role (groups carry permissions).
    Source: DESIGN.md "Cross-cutting rules", Access (permissions follow the role)."""
    role_groups = Group.objects.filter(name__in=[group_name(r) for r in OfficerRole.values])
    officer.user.groups.remove(*role_groups)
    officer.user.groups.add(Group.objects.get(name=group_name(officer.role)))


@transaction.atomic
def create_officer(
    *,
    username: str,
    password: str | None,
    name: str,
    bureau: Bureau,
    role: str,
    badge_number: str,
    phone: str = "",
) -> Officer:
    """Create an officer with a login, in the role groups that follow from the officer's
    role (DOMAIN.md §5 teams, §6 people)."""
    user = get_user_model().objects.create_user(username=username, password=password)
    user.first_name = name
    user.save(update_fields=["first_name"])
    officer = Officer.objects.create(
        user=user, name=name, bureau=bureau, role=role, badge_number=badge_number, phone=phone
    )
    sync_officer_groups(officer)
    return officer


@transaction.atomic
def deactivate_officers(officer_ids: list[int]) -> int:
    """Take officers out of service and block their logins. One bulk UPDATE each;
    the audit triggers record every row.
    Source: DOMAIN.md §6 "People"; DESIGN.md "Background work" (a job with progress)."""
    updated = Officer.objects.filter(pk__in=officer_ids, is_active=True).update(is_active=False)
    get_user_model().objects.filter(officer__id__in=officer_ids).update(is_active=False)
    return updated


def request_officer_deactivation(*, user, officer_ids: list[int]) -> BackgroundJob:
    """Queue a deactivation as a background job (the admin action uses this)."""
    court = user.officer.bureau.court if hasattr(user, "officer") else Bureau.objects.first().court
    job = create_job(
        kind=JobKind.OFFICER_DEACTIVATION,
        user=user,
        court=court,
        parameters={"officer_ids": officer_ids},
        total=len(officer_ids),
    )
    task("personnel.tasks.deactivate_officers_task").delay_on_commit(job.pk)
    return job


@transaction.atomic
def update_officer_profile(
    *,
    by,
    officer: Officer,
    birth_date=None,
    education: str = "",
    legal_qualification: str = "",
    rank: str = "",
) -> Officer:
    """Record an officer's profile (DOMAIN.md §6: age and knowledge structure).

    Only the bureau's leadership (or the city-wide leadership) keeps profiles; an
    officer may change their own phone number but not their rank. Without a birth
    date the one in the resident ID number is taken."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    from courts.access import lock_for, scope_for
    from personnel.models import birth_date_from_resident_id

    officer = lock_for(Officer, officer.pk, by)
    scope = scope_for(by)
    if not (by.is_superuser or scope.leads_bureau):
        raise PermissionDenied(_("Only the bureau's leadership keeps officers' profiles."))
    officer.birth_date = birth_date or birth_date_from_resident_id(officer.id_number)
    officer.education = education
    officer.legal_qualification = legal_qualification
    officer.rank = rank
    officer.full_clean()
    officer.save(update_fields=["birth_date", "education", "legal_qualification", "rank"])
    return officer
