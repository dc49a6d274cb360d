"""Read paths for the home pages and jobs."""

from __future__ import annotations

from django.db.models import Count, Q

from courts.access import VIEW, scope_for
from courts.models import Court
from personnel.choices import OfficerRole
from personnel.models import Officer


def job_list(queryset):
    return queryset.select_related("court", "created_by")


def officers_per_court(user) -> list[dict]:
    """Officers in service per court the user can see, for the leadership chart."""
    courts = Court.objects.restrict(user, VIEW).annotate(
        officers=Count("bureaus__officers", filter=Q(bureaus__officers__is_active=True))
    )
    return [
        {"court": c.short_name, "code": c.code, "pk": c.pk, "officers": c.officers} for c in courts
    ]


def home_kind(user) -> str:
    """Which home page a user lands on."""
    scope = scope_for(user)
    if scope.superuser or scope.city_leadership:
        return "leadership"
    if scope.role == OfficerRole.SUPERVISOR:
        return "supervision"
    if scope.role == OfficerRole.CENTER_STAFF:
        return "centre"
    if scope.leads_bureau:
        return "bureau"
    if scope.officer_id:
        return "team"
    return "none"


def my_officer(user) -> Officer | None:
    return Officer.objects.select_related("bureau__court").filter(user=user).first()
