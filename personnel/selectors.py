"""Read paths for officers."""

from django.db.models import QuerySet

from personnel.models import Officer


def officer_list(queryset: QuerySet[Officer]) -> QuerySet[Officer]:
    return queryset.select_related("bureau__court", "user")
