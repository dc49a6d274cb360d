"""Read paths of commissions (委托执行) and disposals after auctions (变卖 /
以物抵债): a constant number of queries whatever the list's length."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from cases.models import AssetDisposal, Commission, DossierFile


def commission_list(queryset: QuerySet[Commission]) -> QuerySet[Commission]:
    return queryset.select_related("case__court", "recorded_by").prefetch_related(
        Prefetch("documents", queryset=DossierFile.objects.only("pk").order_by("pk"))
    )


def disposal_list(queryset: QuerySet[AssetDisposal]) -> QuerySet[AssetDisposal]:
    return queryset.select_related("measure__case__court", "recorded_by")
