from rest_framework.routers import SimpleRouter

from personnel.api import views

router = SimpleRouter()
router.register("officers", views.OfficerViewSet, basename="officer")
router.register("teams", views.TeamViewSet, basename="team")
router.register("positions", views.PositionViewSet, basename="position")
router.register("rotation-watch", views.RotationWatchViewSet, basename="rotation-watch")
router.register("staffing-quotas", views.StaffingQuotaViewSet, basename="staffing-quota")
router.register("rotation-plans", views.RotationPlanViewSet, basename="rotation-plan")
router.register("trial-exchanges", views.TrialExchangeViewSet, basename="trial-exchange")
router.register("handovers", views.HandoverViewSet, basename="handover")
router.register(
    "director-appointments", views.DirectorAppointmentViewSet, basename="director-appointment"
)
router.register("talent-pool", views.TalentPoolViewSet, basename="talent-pool-member")
router.register("seminars", views.SeminarViewSet, basename="seminar")
router.register("research-outputs", views.ResearchOutputViewSet, basename="research-output")
router.register("secondments", views.SecondmentViewSet, basename="secondment")
router.register("trainings", views.TrainingViewSet, basename="training")
router.register("duty-reports", views.DutyReportViewSet, basename="duty-report")
urlpatterns = router.urls
