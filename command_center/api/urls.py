from rest_framework.routers import SimpleRouter

from command_center.api.views import (
    AffairsTaskViewSet,
    AssetQueryViewSet,
    FreezeRequestViewSet,
    NotificationViewSet,
)

router = SimpleRouter()
router.register("tasks", AffairsTaskViewSet, basename="affairs-task")
router.register("asset-queries", AssetQueryViewSet, basename="asset-query")
router.register("freeze-requests", FreezeRequestViewSet, basename="freeze-request")
router.register("notifications", NotificationViewSet, basename="notification")
urlpatterns = router.urls
