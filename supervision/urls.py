from django.urls import path

from supervision.views import alerts, cases, inspections, joint, talks

app_name = "supervision"
urlpatterns = [
    path("", alerts.DashboardView.as_view(), name="dashboard"),
    # alerts and rules
    path("alerts/", alerts.AlertListView.as_view(), name="alert_list"),
    path("alerts/<int:pk>/", alerts.AlertDetailView.as_view(), name="alert_detail"),
    path("alerts/<int:pk>/dismiss/", alerts.AlertDismissView.as_view(), name="alert_dismiss"),
    path("alerts/<int:pk>/supervise/", alerts.AlertSuperviseView.as_view(), name="alert_supervise"),
    path("rules/", alerts.RuleListView.as_view(), name="rule_list"),
    path("rules/<int:pk>/edit/", alerts.RuleEditView.as_view(), name="rule_edit"),
    path("rules/<int:pk>/run/", alerts.RuleRunView.as_view(), name="rule_run"),
    # supervision cases
    path("cases/", cases.CaseListView.as_view(), name="case_list"),
    path("cases/new/", cases.CaseCreateView.as_view(), name="case_create"),
    path("cases/<int:pk>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path(
        "cases/<int:pk>/investigate/", cases.CaseInvestigateView.as_view(), name="case_investigate"
    ),
    path("cases/<int:pk>/conclude/", cases.CaseConcludeView.as_view(), name="case_conclude"),
    path("cases/<int:pk>/filing/", cases.CaseLinkFilingView.as_view(), name="case_link_filing"),
    # orders
    path("orders/", cases.OrderListView.as_view(), name="order_list"),
    path("orders/new/", cases.OrderCreateView.as_view(), name="order_create"),
    path("orders/<int:pk>/", cases.OrderDetailView.as_view(), name="order_detail"),
    path("orders/<int:pk>/respond/", cases.OrderRespondView.as_view(), name="order_respond"),
    path("orders/<int:pk>/review/", cases.OrderReviewView.as_view(), name="order_review"),
    # inspections, findings, reviews
    path("inspections/", inspections.InspectionListView.as_view(), name="inspection_list"),
    path("inspections/new/", inspections.InspectionCreateView.as_view(), name="inspection_create"),
    path(
        "inspections/<int:pk>/",
        inspections.InspectionDetailView.as_view(),
        name="inspection_detail",
    ),
    path(
        "inspections/<int:pk>/start/",
        inspections.InspectionStartView.as_view(),
        name="inspection_start",
    ),
    path(
        "inspections/<int:pk>/conclude/",
        inspections.InspectionConcludeView.as_view(),
        name="inspection_conclude",
    ),
    path(
        "inspections/<int:pk>/findings/new/",
        inspections.FindingCreateView.as_view(),
        name="finding_create",
    ),
    path("findings/", inspections.FindingListView.as_view(), name="finding_list"),
    path("findings/<int:pk>/", inspections.FindingDetailView.as_view(), name="finding_detail"),
    path(
        "findings/<int:pk>/rectify/",
        inspections.FindingRectifyView.as_view(),
        name="finding_rectify",
    ),
    path(
        "findings/<int:pk>/review/", inspections.FindingReviewView.as_view(), name="finding_review"
    ),
    path("reviews/", inspections.ReviewListView.as_view(), name="review_list"),
    path("reviews/new/", inspections.ReviewCreateView.as_view(), name="review_create"),
    path("reviews/<int:pk>/", inspections.ReviewDetailView.as_view(), name="review_detail"),
    path("reviews/<int:pk>/score/", inspections.ReviewScoreView.as_view(), name="review_score"),
    # 一案双查
    path("joint/", joint.JointListView.as_view(), name="joint_list"),
    path("joint/new/", joint.JointCreateView.as_view(), name="joint_create"),
    path("joint/<int:pk>/", joint.JointDetailView.as_view(), name="joint_detail"),
    path(
        "joint/<int:pk>/case-findings/",
        joint.CaseFindingsView.as_view(),
        name="joint_case_findings",
    ),
    path("joint/<int:pk>/conduct/", joint.ConductFindingView.as_view(), name="joint_conduct"),
    path("joint/<int:pk>/conclude/", joint.JointConcludeView.as_view(), name="joint_conclude"),
    path("joint/<int:pk>/share/", joint.JointShareView.as_view(), name="joint_share"),
    path("joint/<int:pk>/export/<str:fmt>/", joint.JointExportView.as_view(), name="joint_export"),
    # 约谈
    path("talks/", talks.TalkListView.as_view(), name="talk_list"),
    path("talks/new/", talks.TalkCreateView.as_view(), name="talk_create"),
    path("talks/<int:pk>/", talks.TalkDetailView.as_view(), name="talk_detail"),
    path("talks/<int:pk>/record/", talks.TalkRecordView.as_view(), name="talk_record"),
    path("talks/<int:pk>/follow-up/", talks.TalkFollowUpView.as_view(), name="talk_follow_up"),
    path("talks/<int:pk>/cancel/", talks.TalkCancelView.as_view(), name="talk_cancel"),
]
