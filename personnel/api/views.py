from rest_framework import mixins, viewsets

from haikou_exec.api import RestrictedViewSetMixin
from personnel import selectors
from personnel.api.serializers import OfficerSerializer
from personnel.filtersets import OfficerFilterSet
from personnel.models import Officer


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
