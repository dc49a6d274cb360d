from django.utils.translation import gettext_lazy as _

from haikou_exec.views import RestrictedDetailView, RestrictedListView
from personnel import selectors
from personnel.filtersets import OfficerFilterSet, TeamFilterSet
from personnel.models import Officer, Team
from personnel.tables import OfficerTable, TeamTable


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


class TeamListView(RestrictedListView):
    model = Team
    table_class = TeamTable
    filterset_class = TeamFilterSet
    title = _("Case teams")

    def select_queryset(self, queryset):
        return selectors.team_list(queryset)


class TeamDetailView(RestrictedDetailView):
    model = Team
    detail_fields = ["name", "bureau", "is_active"]
    template_name = "personnel/team_detail.html"

    def select_queryset(self, queryset):
        return selectors.team_list(queryset)
