from courts import selectors
from courts.api.serializers import BureauSerializer, CourtSerializer
from courts.filtersets import BureauFilterSet, CourtFilterSet
from courts.models import Bureau, Court
from haikou_exec.api import RestrictedReadOnlyViewSet


class CourtViewSet(RestrictedReadOnlyViewSet):
    queryset = Court.objects.all()
    serializer_class = CourtSerializer
    filterset_class = CourtFilterSet

    def select_queryset(self, queryset):
        return selectors.court_list(queryset)


class BureauViewSet(RestrictedReadOnlyViewSet):
    queryset = Bureau.objects.all()
    serializer_class = BureauSerializer
    filterset_class = BureauFilterSet

    def select_queryset(self, queryset):
        return selectors.bureau_list(queryset)
