"""Read paths of transfers, suggestions, criminal judgments and 刑更 reviews, each
list in a constant number of queries whatever the page size."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from cases.models import (
    CommutationReview,
    CriminalJudgment,
    CriminalJudgmentItem,
    EnforcementCase,
    TransferRequest,
    TransferSuggestion,
)


def transfer_list(queryset: QuerySet[TransferRequest]) -> QuerySet[TransferRequest]:
    return queryset.select_related(
        "case__court", "target_court", "requested_by", "decided_by", "new_case"
    )


def suggestion_list(queryset: QuerySet[TransferSuggestion]) -> QuerySet[TransferSuggestion]:
    return queryset.select_related("case__court", "decided_by", "transfer_request")


def criminal_judgment_list(queryset: QuerySet[CriminalJudgment]) -> QuerySet[CriminalJudgment]:
    return queryset.select_related("court", "judging_court", "case").prefetch_related(
        Prefetch("items", queryset=CriminalJudgmentItem.objects.order_by("id"))
    )


def commutation_list(queryset: QuerySet[CommutationReview]) -> QuerySet[CommutationReview]:
    return queryset.select_related("case__court").annotate(link_count=Count("links"))


def transfer_chain(case: EnforcementCase) -> list[EnforcementCase]:
    """The case and the cases it continues, oldest first (a case moved twice)."""
    chain, seen = [case], {case.pk}
    current = case
    while current.origin_case_id and current.origin_case_id not in seen:
        current = EnforcementCase.objects.select_related("court").get(pk=current.origin_case_id)
        chain.append(current)
        seen.add(current.pk)
    return list(reversed(chain))
