"""Read paths for officers."""

from django.db.models import QuerySet

from personnel.models import Officer


def officer_list(queryset: QuerySet[Officer]) -> QuerySet[Officer]:
    return queryset.select_related("bureau__court", "user")


def team_list(queryset):
    from django.db.models import Prefetch

    from personnel.models import TeamMembership

    current = TeamMembership.objects.filter(ended_on__isnull=True).select_related("officer")
    return queryset.select_related("bureau__court").prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    )
