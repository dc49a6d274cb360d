from django.urls import path

from personnel.views import appointments as ap
from personnel.views import duty_reports as dr
from personnel.views import officers as of
from personnel.views import rotation as ro
from personnel.views import talent as ta

app_name = "personnel"
urlpatterns = [
    path("", of.PeopleHomeView.as_view(), name="home"),
    # officers, profile, positions and tenure
    path("officers/", of.OfficerListView.as_view(), name="officer_list"),
    path("officers/<int:pk>/", of.OfficerDetailView.as_view(), name="officer_detail"),
    path("officers/<int:pk>/profile/", of.OfficerProfileView.as_view(), name="officer_profile"),
    path(
        "officers/<int:pk>/positions/new/",
        of.PositionCreateView.as_view(),
        name="position_create",
    ),
    path("positions/", of.PositionListView.as_view(), name="position_list"),
    path("positions/<int:pk>/", of.PositionDetailView.as_view(), name="position_detail"),
    path("positions/<int:pk>/end/", of.EndPositionView.as_view(), name="position_end"),
    path("teams/", of.TeamListView.as_view(), name="team_list"),
    path("teams/<int:pk>/", of.TeamDetailView.as_view(), name="team_detail"),
    # headcount, quotas and structure
    path("staffing/", of.StaffingListView.as_view(), name="staffing"),
    path("staffing/<int:pk>/edit/", of.StaffingEditView.as_view(), name="staffing_edit"),
    path("structure/", of.StructureView.as_view(), name="structure"),
    # rotation
    path("rotation/", ro.RotationWatchView.as_view(), name="rotation_watch"),
    path("rotation-plans/", ro.RotationPlanListView.as_view(), name="rotationplan_list"),
    path("rotation-plans/new/", ro.RotationPlanCreateView.as_view(), name="rotationplan_create"),
    path(
        "rotation-plans/<int:pk>/",
        ro.RotationPlanDetailView.as_view(),
        name="rotationplan_detail",
    ),
    path(
        "rotation-plans/<int:pk>/items/new/",
        ro.RotationItemAddView.as_view(),
        name="rotationplan_add_item",
    ),
    path(
        "rotation-plans/<int:pk>/items/<int:item_pk>/remove/",
        ro.RotationItemRemoveView.as_view(),
        name="rotationplan_remove_item",
    ),
    path(
        "rotation-plans/<int:pk>/submit/",
        ro.RotationPlanSubmitView.as_view(),
        name="rotationplan_submit",
    ),
    path(
        "rotation-plans/<int:pk>/decide/",
        ro.RotationPlanDecideView.as_view(),
        name="rotationplan_decide",
    ),
    path(
        "rotation-plans/<int:pk>/withdraw/",
        ro.RotationPlanWithdrawView.as_view(),
        name="rotationplan_withdraw",
    ),
    path(
        "rotation-plans/<int:pk>/carry-out/",
        ro.RotationPlanCarryOutView.as_view(),
        name="rotationplan_carry_out",
    ),
    path("exchanges/", ro.TrialExchangeListView.as_view(), name="trialexchange_list"),
    path("exchanges/new/", ro.TrialExchangeCreateView.as_view(), name="trialexchange_create"),
    path("exchanges/<int:pk>/", ro.TrialExchangeDetailView.as_view(), name="trialexchange_detail"),
    path("handovers/", ro.HandoverListView.as_view(), name="handover_list"),
    path("handovers/new/", ro.HandoverCreateView.as_view(), name="handover_create"),
    path("handovers/<int:pk>/", ro.HandoverDetailView.as_view(), name="handover_detail"),
    path(
        "handovers/<int:pk>/successor/",
        ro.HandoverSuccessorView.as_view(),
        name="handover_successor_all",
    ),
    path(
        "handovers/<int:pk>/items/<int:item_pk>/successor/",
        ro.HandoverSuccessorView.as_view(),
        name="handover_successor",
    ),
    path("handovers/<int:pk>/refresh/", ro.HandoverRefreshView.as_view(), name="handover_refresh"),
    path(
        "handovers/<int:pk>/complete/", ro.HandoverCompleteView.as_view(), name="handover_complete"
    ),
    path("handovers/<int:pk>/cancel/", ro.HandoverCancelView.as_view(), name="handover_cancel"),
    # district director appointments
    path("appointments/", ap.AppointmentListView.as_view(), name="appointment_list"),
    path("appointments/new/", ap.AppointmentCreateView.as_view(), name="appointment_create"),
    path("appointments/<int:pk>/", ap.AppointmentDetailView.as_view(), name="appointment_detail"),
    path(
        "appointments/<int:pk>/decide/",
        ap.AppointmentDecideView.as_view(),
        name="appointment_decide",
    ),
    path(
        "appointments/<int:pk>/take-effect/",
        ap.AppointmentTakeEffectView.as_view(),
        name="appointment_take_effect",
    ),
    path(
        "appointments/<int:pk>/withdraw/",
        ap.AppointmentWithdrawView.as_view(),
        name="appointment_withdraw",
    ),
    # talent pool
    path("talent/", ta.TalentPoolListView.as_view(), name="talent_list"),
    path("talent/new/", ta.TalentPoolCreateView.as_view(), name="talent_create"),
    path("talent/<int:pk>/", ta.TalentPoolDetailView.as_view(), name="talent_detail"),
    path("talent/<int:pk>/leave/", ta.TalentPoolLeaveView.as_view(), name="talent_leave"),
    path("seminars/", ta.SeminarListView.as_view(), name="seminar_list"),
    path("seminars/new/", ta.SeminarCreateView.as_view(), name="seminar_create"),
    path("seminars/<int:pk>/", ta.SeminarDetailView.as_view(), name="seminar_detail"),
    path("research/", ta.ResearchOutputListView.as_view(), name="research_list"),
    path("research/new/", ta.ResearchOutputCreateView.as_view(), name="research_create"),
    path("research/<int:pk>/", ta.ResearchOutputDetailView.as_view(), name="research_detail"),
    path("secondments/", ta.SecondmentListView.as_view(), name="secondment_list"),
    path("secondments/new/", ta.SecondmentCreateView.as_view(), name="secondment_create"),
    path("secondments/<int:pk>/", ta.SecondmentDetailView.as_view(), name="secondment_detail"),
    path("trainings/", ta.TrainingListView.as_view(), name="training_list"),
    path("trainings/new/", ta.TrainingCreateView.as_view(), name="training_create"),
    path("trainings/<int:pk>/", ta.TrainingDetailView.as_view(), name="training_detail"),
    # annual reports of duties (述职)
    path("duty-reports/", dr.DutyReportListView.as_view(), name="dutyreport_list"),
    path("duty-reports/new/", dr.DutyReportCreateView.as_view(), name="dutyreport_create"),
    path("duty-reports/<int:pk>/", dr.DutyReportDetailView.as_view(), name="dutyreport_detail"),
    path(
        "duty-reports/<int:pk>/submit/",
        dr.DutyReportSubmitView.as_view(),
        name="dutyreport_submit",
    ),
    path(
        "duty-reports/<int:pk>/attachments/new/",
        dr.DutyReportAttachView.as_view(),
        name="dutyreport_attach",
    ),
    path("duty-reports/<int:pk>/score/", dr.DutyReportScoreView.as_view(), name="dutyreport_score"),
    path(
        "duty-reports/attachments/<int:pk>/",
        dr.DutyReportAttachmentDownloadView.as_view(),
        name="dutyreport_attachment",
    ),
]
