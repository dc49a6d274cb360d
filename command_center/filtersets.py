import django_filters

from command_center.models import BackgroundJob


class BackgroundJobFilterSet(django_filters.FilterSet):
    class Meta:
        model = BackgroundJob
        fields = ["kind", "status"]
