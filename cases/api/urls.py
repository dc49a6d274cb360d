from rest_framework.routers import SimpleRouter

from cases.api.commissions import CommissionViewSet
from cases.api.criminal import (
    CommutationReviewViewSet,
    CriminalJudgmentViewSet,
    TransferSuggestionViewSet,
)
from cases.api.disposals import AssetDisposalViewSet
from cases.api.funds import DisbursementRequestViewSet
from cases.api.transfers import TransferRequestViewSet
from cases.api.views import EnforcementCaseViewSet

router = SimpleRouter()
router.register("cases", EnforcementCaseViewSet, basename="case")
router.register(
    "disbursement-requests", DisbursementRequestViewSet, basename="disbursement-request"
)
router.register("transfers", TransferRequestViewSet, basename="transfer")
router.register("transfer-suggestions", TransferSuggestionViewSet, basename="transfer-suggestion")
router.register("criminal-judgments", CriminalJudgmentViewSet, basename="criminal-judgment")
router.register("commutation-reviews", CommutationReviewViewSet, basename="commutation-review")
router.register("commissions", CommissionViewSet, basename="commission")
router.register("disposals", AssetDisposalViewSet, basename="disposal")
urlpatterns = router.urls
