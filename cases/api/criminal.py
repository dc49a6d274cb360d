"""REST resources for the rest of DOMAIN.md §3–§4, next to ``/api/v1/transfers/``:

- ``/api/v1/transfer-suggestions/`` — the system's candidates with their reasons;
  ``POST {id}/accept/`` raises the transfer request, ``POST {id}/dismiss/`` keeps
  the dismissal with its reason (the same services as the pages);
- ``/api/v1/criminal-judgments/`` — criminal property judgments with the 7-day
  filing limit and each item's amount and payment, in the legal order;
- ``/api/v1/commutation-reviews/`` — 刑更 reviews with the linked enforcement
  cases, the "able but not paying" facts and the certificate's 7-day limit.

Every row carries ``court``; ID numbers are masked.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.choices import CriminalItemKind
from cases.filtersets.transfers import (
    CommutationReviewFilterSet,
    CriminalJudgmentFilterSet,
    TransferSuggestionFilterSet,
)
from cases.models import (
    AbilityToPayFact,
    CommutationLink,
    CommutationReview,
    CriminalJudgment,
    TransferSuggestion,
)
from cases.selectors import criminal as criminal_selectors
from cases.selectors import transfers as transfer_selectors
from cases.services import suggestions as suggestion_services
from cases.services.criminal import filing_due_on
from courts.access import VIEW
from courts.models import Court
from haikou_exec.api import RestrictedReadOnlyViewSet

# Suggestions --------------------------------------------------------------------


class TransferSuggestionSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="case.court.code", read_only=True)
    case = serializers.CharField(source="case.case_number", read_only=True)
    reasons = serializers.ListField(
        source="reason_labels", child=serializers.CharField(), read_only=True
    )
    reason_codes = serializers.ListField(child=serializers.CharField(), read_only=True)
    decided_by = serializers.CharField(
        source="decided_by.username", read_only=True, default=None, allow_null=True
    )
    transfer_request = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = TransferSuggestion
        fields = [
            "id",
            "court",
            "case",
            "kind",
            "reasons",
            "reason_codes",
            "status",
            "created_at",
            "refreshed_at",
            "decided_by",
            "decided_at",
            "decision_reason",
            "transfer_request",
        ]
        read_only_fields = fields


class SuggestionAcceptSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    target_court = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Court code of the receiving district court (cross execution).",
    )


class SuggestionDismissSerializer(serializers.Serializer):
    reason = serializers.CharField()


class TransferSuggestionViewSet(RestrictedReadOnlyViewSet):
    """Candidates for elevated or cross execution and why. Leadership accepts one
    (``POST {id}/accept/`` raises the transfer request) or dismisses it with a
    reason (``POST {id}/dismiss/``); the decision is kept, and a second decision
    answers 409."""

    description_in_words = pgettext_lazy(
        "API description",
        "Candidates for elevated or cross execution and why; leadership accepts one (raising the transfer request) or dismisses it with a reason.",
    )

    queryset = TransferSuggestion.objects.all()
    serializer_class = TransferSuggestionSerializer
    filterset_class = TransferSuggestionFilterSet

    def get_queryset(self):
        if self.action in {"accept", "dismiss"}:
            # Who may decide is the service's rule; reading the suggestion is enough here.
            return self.select_queryset(
                TransferSuggestion.objects.restrict(self.request.user, VIEW)
            )
        return super().get_queryset()

    def select_queryset(self, queryset):
        return transfer_selectors.suggestion_list(queryset).order_by("-created_at", "-id")

    def _reply(self, pk: int) -> Response:
        instance = self.select_queryset(TransferSuggestion.objects.filter(pk=pk)).get()
        return Response(TransferSuggestionSerializer(instance).data)

    @extend_schema(request=SuggestionAcceptSerializer, responses=TransferSuggestionSerializer)
    @action(
        name=pgettext_lazy("API action", "accept suggestion"),
        detail=True,
        methods=["post"],
        filterset_class=None,
    )
    def accept(self, request, pk=None):
        obj = self.get_object()
        serializer = SuggestionAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        target_id = None
        if d["target_court"]:
            target = Court.objects.filter(code=d["target_court"]).first()
            if target is None:
                raise ValidationError({"target_court": ["Unknown court code."]})
            target_id = target.pk
        suggestion_services.accept_suggestion(
            user=request.user,
            suggestion_id=obj.pk,
            reason=d["reason"],
            target_court_id=target_id,
        )
        return self._reply(obj.pk)

    @extend_schema(request=SuggestionDismissSerializer, responses=TransferSuggestionSerializer)
    @action(
        name=pgettext_lazy("API action", "dismiss suggestion"),
        detail=True,
        methods=["post"],
        filterset_class=None,
    )
    def dismiss(self, request, pk=None):
        obj = self.get_object()
        serializer = SuggestionDismissSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        suggestion_services.dismiss_suggestion(
            user=request.user, suggestion_id=obj.pk, reason=serializer.validated_data["reason"]
        )
        return self._reply(obj.pk)


# Criminal property judgments ------------------------------------------------------


# The legal order of payment; illicit money and goods come last (outside it).
ITEM_ORDER = [*CriminalItemKind.payment_order(), CriminalItemKind.ILLICIT_PROPERTY]


def _item_rank(kind: str) -> int:
    return ITEM_ORDER.index(kind) if kind in ITEM_ORDER else len(ITEM_ORDER)


class CriminalItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    rank = serializers.SerializerMethodField()
    beneficiary_name = serializers.CharField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    paid = serializers.DecimalField(max_digits=16, decimal_places=2)

    def get_rank(self, item) -> int | None:
        """Place in the legal order of payment (1 = paid first; null outside it)."""
        order = CriminalItemKind.payment_order()
        return order.index(item.kind) + 1 if item.kind in order else None


class CriminalJudgmentSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="court.code", read_only=True)
    judging_court = serializers.CharField(source="judging_court.code", read_only=True)
    convict_id_number = serializers.CharField(source="masked_convict_id", read_only=True)
    filing_due_on = serializers.SerializerMethodField()
    case = serializers.CharField(
        source="case.case_number", read_only=True, default=None, allow_null=True
    )
    items = serializers.SerializerMethodField()

    class Meta:
        model = CriminalJudgment
        fields = [
            "id",
            "court",
            "judging_court",
            "judgment_number",
            "judgment_effective_on",
            "form_number",
            "convict_name",
            "convict_id_number",
            "convict_prison",
            "crime",
            "received_on",
            "filing_due_on",
            "status",
            "case",
            "items",
        ]
        read_only_fields = fields

    def get_filing_due_on(self, obj) -> str:
        return filing_due_on(obj).isoformat()

    def get_items(self, obj) -> list[dict]:
        items = sorted(obj.items.all(), key=lambda i: (_item_rank(i.kind), i.pk))
        return CriminalItemSerializer(items, many=True).data


class CriminalJudgmentViewSet(RestrictedReadOnlyViewSet):
    """Criminal property judgments (移送执行表), all enforced by the criminal
    enforcement bureau; each with its 7-day filing limit and items in the legal
    order of payment (medical costs → victims → other civil debts → fines →
    confiscation)."""

    description_in_words = pgettext_lazy(
        "API description",
        "Criminal property judgments (移送执行表), enforced by the criminal enforcement bureau: each with its 7-day filing limit and its items in the legal order of payment.",
    )

    queryset = CriminalJudgment.objects.all()
    serializer_class = CriminalJudgmentSerializer
    filterset_class = CriminalJudgmentFilterSet

    def select_queryset(self, queryset):
        return criminal_selectors.criminal_judgment_list(queryset).order_by("-received_on", "-id")


# 刑更 reviews -------------------------------------------------------------------


class AbilityFactSerializer(serializers.ModelSerializer):
    class Meta:
        model = AbilityToPayFact
        fields = ["kind", "description", "evidence", "amount", "found_on"]
        read_only_fields = fields


class CommutationReviewSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="case.court.code", read_only=True)
    case = serializers.CharField(source="case.case_number", read_only=True)
    convict_id_number = serializers.CharField(source="masked_convict_id", read_only=True)
    linked_cases = serializers.SerializerMethodField()
    facts = AbilityFactSerializer(many=True, read_only=True)

    class Meta:
        model = CommutationReview
        fields = [
            "id",
            "court",
            "case",
            "kind",
            "convict_name",
            "convict_id_number",
            "prison",
            "request_document_number",
            "requested_on",
            "certificate_due_on",
            "certificate_issued_on",
            "linked_cases",
            "facts",
        ]
        read_only_fields = fields

    def get_linked_cases(self, obj) -> list[str]:
        return [link.case.case_number for link in obj.links.all()]


class CommutationReviewViewSet(RestrictedReadOnlyViewSet):
    """刑更 reviews linked to the convict's enforcement cases, with the "able but
    not paying" facts and the certificate due 7 days after the prison's request."""

    description_in_words = pgettext_lazy(
        "API description",
        "刑更 reviews with the convict's enforcement cases, the facts of ability to pay, and the certificate due 7 days after the prison's request.",
    )

    queryset = CommutationReview.objects.all()
    serializer_class = CommutationReviewSerializer
    filterset_class = CommutationReviewFilterSet

    def select_queryset(self, queryset):
        return (
            queryset.select_related("case__court")
            .prefetch_related(
                Prefetch(
                    "links",
                    queryset=CommutationLink.objects.select_related("case").order_by("id"),
                ),
                Prefetch("facts", queryset=AbilityToPayFact.objects.order_by("found_on", "id")),
            )
            .order_by("-requested_on", "-id")
        )


__all__ = ["CommutationReviewViewSet", "CriminalJudgmentViewSet", "TransferSuggestionViewSet"]
