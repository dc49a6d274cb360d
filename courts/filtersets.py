import django_filters
from django.utils.translation import gettext_lazy as _

from courts.models import Bureau, Court


class CourtFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label=_("Name contains")
    )

    class Meta:
        model = Court
        fields = ["tier", "code"]


class BureauFilterSet(django_filters.FilterSet):
    class Meta:
        model = Bureau
        fields = ["court", "kind"]
