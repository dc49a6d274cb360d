"""Read paths for courts and bureaus."""

from django.db.models import Count, Q, QuerySet

from courts.models import Bureau, Court


def court_list(queryset: QuerySet[Court]) -> QuerySet[Court]:
    return (
        queryset.select_related("parent")
        .annotate(
            officer_count=Count("bureaus__officers", filter=Q(bureaus__officers__is_active=True))
        )
        .order_by("sort_order", "code")
    )


def bureau_list(queryset: QuerySet[Bureau]) -> QuerySet[Bureau]:
    return (
        queryset.select_related("court", "business_superior", "management_court")
        .annotate(officer_count=Count("officers", filter=Q(officers__is_active=True)))
        .order_by("court__sort_order", "kind")
    )
