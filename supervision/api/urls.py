from rest_framework.routers import SimpleRouter

from supervision.api.views import SupervisionCaseViewSet

router = SimpleRouter()
router.register("supervision-cases", SupervisionCaseViewSet, basename="supervision-case")
urlpatterns = router.urls
