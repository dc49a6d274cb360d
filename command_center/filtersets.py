import django_filters
from django.utils.translation import gettext_lazy as _

from command_center.models import BackgroundJob, Notification


class BackgroundJobFilterSet(django_filters.FilterSet):
    class Meta:
        model = BackgroundJob
        fields = ["kind", "status"]


class NotificationFilterSet(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label=_("Unread only")
    )

    class Meta:
        model = Notification
        fields = ["level"]
