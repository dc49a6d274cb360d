from rest_framework.routers import SimpleRouter

from courts.api.views import BureauViewSet, CourtViewSet

router = SimpleRouter()
router.register("courts", CourtViewSet, basename="court")
router.register("bureaus", BureauViewSet, basename="bureau")
urlpatterns = router.urls
