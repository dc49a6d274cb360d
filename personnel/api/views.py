from rest_framework import mixins, viewsets

from haikou_exec.api import RestrictedReadOnlyViewSet, RestrictedViewSetMixin
from personnel import selectors
from personnel.api.serializers import OfficerSerializer, TeamSerializer
from personnel.filtersets import OfficerFilterSet, TeamFilterSet
from personnel.models import Officer, Team


class OfficerViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Officers; an officer or their bureau's leadership may update the phone number."""

    queryset = Officer.objects.all()
    serializer_class = OfficerSerializer
    filterset_class = OfficerFilterSet

    def select_queryset(self, queryset):
        return selectors.officer_list(queryset)


class TeamViewSet(RestrictedReadOnlyViewSet):
    queryset = Team.objects.all()
    serializer_class = TeamSerializer
    filterset_class = TeamFilterSet

    def select_queryset(self, queryset):
        return selectors.team_list(queryset)
