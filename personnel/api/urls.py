from rest_framework.routers import SimpleRouter

from personnel.api.views import OfficerViewSet, TeamViewSet

router = SimpleRouter()
router.register("officers", OfficerViewSet, basename="officer")
router.register("teams", TeamViewSet, basename="team")
urlpatterns = router.urls
