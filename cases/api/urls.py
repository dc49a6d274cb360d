from rest_framework.routers import SimpleRouter

from cases.api.views import EnforcementCaseViewSet

router = SimpleRouter()
router.register("cases", EnforcementCaseViewSet, basename="case")
urlpatterns = router.urls
