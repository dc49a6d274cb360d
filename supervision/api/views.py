"""REST resource ``/api/v1/supervision-cases/`` (DESIGN.md "API resources")."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from cases.models import EnforcementCase
from cases.numbers import normalise_parentheses
from courts.models import Court
from haikou_exec.api import RestrictedViewSetMixin
from supervision import selectors
from supervision.api.serializers import SupervisionCaseCreateSerializer, SupervisionCaseSerializer
from supervision.filtersets import SupervisionCaseFilterSet
from supervision.models import SupervisionCase
from supervision.services.cases import open_supervision_case


class SupervisionCaseViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Supervision cases in the caller's scope; POST opens one (supervision only)."""

    description_in_words = pgettext_lazy(
        "API description", "Supervision cases in your scope; POST opens one (supervision only)."
    )

    queryset = SupervisionCase.objects.all()
    serializer_class = SupervisionCaseSerializer
    filterset_class = SupervisionCaseFilterSet

    def select_queryset(self, queryset):
        return selectors.case_list(queryset).select_related("filing", "alert")

    def _case_id(self, number: str, field: str) -> int | None:
        if not number:
            return None
        number = normalise_parentheses(number).strip()
        case = (
            EnforcementCase.objects.restrict(self.request.user).filter(case_number=number).first()
        )
        if case is None:
            raise ValidationError({field: ["No case with this number in your scope."]})
        return case.pk

    @extend_schema(
        request=SupervisionCaseCreateSerializer, responses={201: SupervisionCaseSerializer}
    )
    def create(self, request, *args, **kwargs):
        serializer = SupervisionCaseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        court_id = None
        if d.get("court"):
            court = Court.objects.filter(code=d["court"]).first()
            if court is None:
                raise ValidationError({"court": ["Unknown court code."]})
            court_id = court.pk
        case = open_supervision_case(
            user=request.user,
            court_id=court_id,
            supervised_case_id=self._case_id(d.get("supervised_case", ""), "supervised_case"),
            filing_id=self._case_id(d.get("filing", ""), "filing"),
            title=d["title"],
            trigger=d["trigger"],
            source=d["source"],
            description=d["description"],
        )
        case = self.select_queryset(SupervisionCase.objects.filter(pk=case.pk)).get()
        return Response(SupervisionCaseSerializer(case).data, status=status.HTTP_201_CREATED)
