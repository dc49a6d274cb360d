from rest_framework.routers import SimpleRouter

from assessment.api.views import BureauAssessmentResultViewSet, MonthlyReportViewSet

router = SimpleRouter()
router.register("assessments", BureauAssessmentResultViewSet, basename="assessment")
router.register("reports", MonthlyReportViewSet, basename="report")
urlpatterns = router.urls
