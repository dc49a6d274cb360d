"""Read paths of transfers and suggestions, each list in a constant number of
queries whatever the page size (criminal judgments' and 刑更 reviews' are in
``cases.selectors.criminal``)."""

from __future__ import annotations

from django.db.models import QuerySet

from cases.models import TransferRequest, TransferSuggestion


def transfer_list(queryset: QuerySet[TransferRequest]) -> QuerySet[TransferRequest]:
    return queryset.select_related(
        "case__court", "target_court", "requested_by", "decided_by", "new_case"
    )


def suggestion_list(queryset: QuerySet[TransferSuggestion]) -> QuerySet[TransferSuggestion]:
    return queryset.select_related("case__court", "decided_by", "transfer_request")
