from rest_framework.routers import SimpleRouter

from equipment.api import views

router = SimpleRouter()
router.register("equipment", views.EquipmentItemViewSet, basename="equipment-item")
router.register(
    "equipment-assignments", views.EquipmentAssignmentViewSet, basename="equipment-assignment"
)
router.register(
    "equipment-standards", views.EquipmentStandardViewSet, basename="equipment-standard"
)
router.register(
    "equipment-inspections", views.EquipmentInspectionViewSet, basename="equipment-inspection"
)
router.register(
    "equipment-compliance", views.ComplianceScoreViewSet, basename="equipment-compliance"
)
urlpatterns = router.urls
