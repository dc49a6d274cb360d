"""REST resources of cases (DESIGN.md "API resources")."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases import selectors
from cases.api.representation import case_representations
from cases.api.serializers import (
    CaseNodeSerializer,
    EnforcementCaseSerializer,
    FilingSerializer,
    LedgerEntrySerializer,
)
from cases.filtersets import EnforcementCaseFilterSet
from cases.models import EnforcementCase, LedgerEntry
from cases.numbers import normalise_parentheses
from cases.services.agents import AgentData
from cases.services.filing import FilingData, file_case
from cases.services.ledger import DuplicateEntryConflict, record_receipt
from cases.services.nodes import live_nodes
from cases.services.parties import PartyData
from courts.models import Court
from haikou_exec.api import RestrictedViewSetMixin


def filing_data(user, d: dict) -> FilingData:
    """The filing request (``FilingSerializer``'s validated data) as the service's
    input: the court and the origin case named by their codes and numbers, looked
    up in the caller's scope (validated by the service, never rewritten)."""
    court_id = None
    if d.get("court"):
        court = Court.objects.filter(code=d["court"]).first()
        if court is None:
            raise ValidationError({"court": [_("Unknown court code.")]})
        court_id = court.pk
    origin_case_id = None
    if d.get("origin_case"):
        origin = (
            EnforcementCase.objects.restrict(user)
            .filter(case_number=normalise_parentheses(d["origin_case"]))
            .first()
        )
        if origin is None:
            raise ValidationError({"origin_case": [_("Unknown case number.")]})
        origin_case_id = origin.pk
    return FilingData(
        case_type=d["case_type"],
        origin=d["origin"],
        title_issuer=d["title_issuer"],
        title_document_number=d["title_document_number"],
        title_effective_on=d["title_effective_on"],
        amount_claimed=d["amount_claimed"],
        filed_on=d["filed_on"],
        cause=d["cause"],
        court_id=court_id,
        origin_case_id=origin_case_id,
        late_registration_reason=d["late_registration_reason"],
        parties=[PartyData(**{k: v for k, v in p.items() if k != "agents"}) for p in d["parties"]],
        agents=[
            (index, AgentData(**agent))
            for index, p in enumerate(d["parties"])
            for agent in p.get("agents", [])
        ],
    )


class EnforcementCaseViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Cases in the caller's scope; POST files a new case (number allocated by the court)."""

    description_in_words = pgettext_lazy(
        "API description",
        "Cases in your scope; POST files a new case (its number is allocated by the court).",
    )

    queryset = EnforcementCase.objects.all()
    serializer_class = EnforcementCaseSerializer
    filterset_class = EnforcementCaseFilterSet

    def get_queryset(self):
        if self.action in ("nodes", "ledger"):
            # Reading a case's nodes or ledger needs only read access to the case;
            # posting to the ledger is checked again by the service.
            model = EnforcementCase
            return model.objects.restrict(self.request.user, "view")
        return super().get_queryset()

    def select_queryset(self, queryset):
        if self.action == "list":
            return queryset  # written by PostgreSQL (list, below)
        # The representation names the origin case's number (执恢, 执复, 执监).
        return selectors.case_list(queryset, with_agents=True).select_related("origin_case")

    def list(self, request, *args, **kwargs):
        """The page's cases as PostgreSQL writes them (cases/api/representation.py
        says why): filtered, ordered and counted as DRF does, then one statement
        for the rows, their parties and agents."""
        queryset = self.filter_queryset(self.get_queryset())
        rows = case_representations(queryset)
        page = self.paginate_queryset(rows)
        if page is None:  # no pagination asked for (as ListModelMixin)
            return Response(list(rows))
        return self.get_paginated_response(page)

    @extend_schema(request=FilingSerializer, responses={201: EnforcementCaseSerializer})
    def create(self, request, *args, **kwargs):
        serializer = FilingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        case = file_case(user=request.user, data=filing_data(request.user, d))
        case = self.select_queryset(EnforcementCase.objects.filter(pk=case.pk)).get()
        return Response(EnforcementCaseSerializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=CaseNodeSerializer(many=True))
    @action(
        name=pgettext_lazy("API action", "nodes"),
        detail=True,
        methods=["get"],
        pagination_class=None,
        filterset_class=None,
    )
    def nodes(self, request, pk=None):
        case = self.get_object()
        nodes = list(
            case.nodes.select_related("definition", "case__court").order_by("due_on", "id")
        )
        # Due dates as of today: a stopped clock stays stopped on every read (§2).
        live_nodes(case, nodes, list(case.pauses.order_by("started_on")), timezone.localdate())
        return Response(CaseNodeSerializer(nodes, many=True).data)

    @extend_schema(request=LedgerEntrySerializer, responses=LedgerEntrySerializer(many=True))
    @action(
        description_in_words=pgettext_lazy(
            "API description",
            "The case's funds ledger; POST records a receipt (the same idempotency key twice records it once).",
        ),
        name=pgettext_lazy("API action", "ledger"),
        detail=True,
        methods=["get", "post"],
        pagination_class=None,
        filterset_class=None,
    )
    def ledger(self, request, pk=None):
        """GET the entries; POST a receipt with an ``idempotency_key`` (the same
        key twice records once and answers 200 with the first entry)."""
        case = self.get_object()
        if request.method == "POST":
            serializer = LedgerEntrySerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            d = serializer.validated_data
            try:
                entry, created = record_receipt(
                    user=request.user,
                    case_id=case.pk,
                    amount=d["amount"],
                    counterparty=d["counterparty"],
                    occurred_on=d["occurred_on"],
                    idempotency_key=d["idempotency_key"],
                    bank_reference=d.get("bank_reference", ""),
                    note=d.get("note", ""),
                )
            except DuplicateEntryConflict as exc:
                return Response(exc.message_dict, status=status.HTTP_409_CONFLICT)
            entry = LedgerEntry.objects.select_related("account__case__court").get(pk=entry.pk)
            return Response(
                LedgerEntrySerializer(entry).data,
                status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            )
        entries = (
            LedgerEntry.objects.filter(account__case=case)
            .select_related("account__case__court")
            .order_by("recorded_at", "id")
        )
        return Response(LedgerEntrySerializer(entries, many=True).data)
