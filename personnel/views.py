from django.utils.translation import gettext_lazy as _

from haikou_exec.views import RestrictedDetailView, RestrictedListView
from personnel import selectors
from personnel.filtersets import OfficerFilterSet
from personnel.models import Officer
from personnel.tables import OfficerTable


class OfficerListView(RestrictedListView):
    model = Officer
    table_class = OfficerTable
    filterset_class = OfficerFilterSet
    title = _("Officers")

    def select_queryset(self, queryset):
        return selectors.officer_list(queryset)


class OfficerDetailView(RestrictedDetailView):
    model = Officer
    detail_fields = ["name", "badge_number", "role", "bureau", "phone", "is_active"]

    def select_queryset(self, queryset):
        return selectors.officer_list(queryset)
