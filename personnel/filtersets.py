import django_filters
from django.utils.translation import gettext_lazy as _

from personnel.models import Officer, Team


class OfficerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label=_("Name contains")
    )
    court = django_filters.CharFilter(field_name="bureau__court__code", label=_("Court code"))

    class Meta:
        model = Officer
        fields = ["bureau", "role", "is_active"]


class TeamFilterSet(django_filters.FilterSet):
    court = django_filters.CharFilter(field_name="bureau__court__code", label=_("Court code"))

    class Meta:
        model = Team
        fields = ["bureau", "is_active"]
