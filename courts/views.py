from django.utils.translation import gettext_lazy as _

from courts import selectors
from courts.filtersets import BureauFilterSet, CourtFilterSet
from courts.models import Bureau, Court
from courts.tables import BureauTable, CourtTable
from haikou_exec.views import RestrictedDetailView, RestrictedListView


class CourtListView(RestrictedListView):
    model = Court
    table_class = CourtTable
    filterset_class = CourtFilterSet
    title = _("Courts")

    def select_queryset(self, queryset):
        return selectors.court_list(queryset)


class CourtDetailView(RestrictedDetailView):
    model = Court
    detail_fields = ["name", "short_name", "code", "tier", "parent"]

    def select_queryset(self, queryset):
        return queryset.select_related("parent")


class BureauListView(RestrictedListView):
    model = Bureau
    table_class = BureauTable
    filterset_class = BureauFilterSet
    title = _("Bureaus")

    def select_queryset(self, queryset):
        return selectors.bureau_list(queryset)


class BureauDetailView(RestrictedDetailView):
    model = Bureau
    detail_fields = ["name", "court", "kind", "business_superior", "management_court"]

    def select_queryset(self, queryset):
        return queryset.select_related("court", "business_superior", "management_court")
