from django.urls import path

from assessment.views import bureau, indicators, officers, reports

app_name = "assessment"
urlpatterns = [
    # indicators
    path("", indicators.DashboardView.as_view(), name="dashboard"),
    path("figures/", indicators.FiguresView.as_view(), name="figures"),
    path("drilldown/", indicators.DrilldownView.as_view(), name="drilldown"),
    path("indicators/", indicators.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/<int:pk>/", indicators.IndicatorDetailView.as_view(), name="indicator_detail"),
    path(
        "indicators/<int:pk>/revise/",
        indicators.IndicatorReviseView.as_view(),
        name="indicator_revise",
    ),
    path("snapshots/", indicators.SnapshotListView.as_view(), name="snapshot_list"),
    path("snapshots/<int:pk>/", indicators.SnapshotDetailView.as_view(), name="snapshot_detail"),
    path(
        "snapshots/<int:pk>/verify/",
        indicators.SnapshotVerifyView.as_view(),
        name="snapshot_verify",
    ),
    # annual bureau assessment
    path("schemes/", bureau.SchemeListView.as_view(), name="scheme_list"),
    path("schemes/new/", bureau.SchemeEditView.as_view(), name="scheme_create"),
    path("schemes/<int:pk>/", bureau.SchemeDetailView.as_view(), name="scheme_detail"),
    path("schemes/<int:pk>/edit/", bureau.SchemeEditView.as_view(), name="scheme_edit"),
    path("schemes/<int:pk>/copy/", bureau.SchemeCopyView.as_view(), name="scheme_copy"),
    path("assessments/", bureau.AssessmentListView.as_view(), name="assessment_list"),
    path("assessments/new/", bureau.AssessmentCreateView.as_view(), name="assessment_create"),
    path("assessments/<int:pk>/", bureau.AssessmentDetailView.as_view(), name="assessment_detail"),
    path(
        "assessments/<int:pk>/recompute/",
        bureau.AssessmentRecomputeView.as_view(),
        name="assessment_recompute",
    ),
    path(
        "assessments/<int:pk>/publish/",
        bureau.AssessmentPublishView.as_view(),
        name="assessment_publish",
    ),
    path(
        "assessments/<int:pk>/report.pdf", bureau.AssessmentPdfView.as_view(), name="assessment_pdf"
    ),
    path("results/", bureau.ResultListView.as_view(), name="result_list"),
    path("results/<int:pk>/", bureau.ResultDetailView.as_view(), name="result_detail"),
    path("praise/", bureau.PraiseView.as_view(), name="praise"),
    # officer performance
    path("officers/", officers.OfficerSchemeListView.as_view(), name="officer_scheme_list"),
    path("officers/new/", officers.OfficerSchemeEditView.as_view(), name="officer_scheme_create"),
    path(
        "officers/<int:pk>/",
        officers.OfficerSchemeDetailView.as_view(),
        name="officer_scheme_detail",
    ),
    path(
        "officers/<int:pk>/edit/",
        officers.OfficerSchemeEditView.as_view(),
        name="officer_scheme_edit",
    ),
    path("officers/<int:pk>/run/", officers.OfficerRunView.as_view(), name="officer_run"),
    path(
        "officers/items/<int:pk>/scores/",
        officers.ManualScoresView.as_view(),
        name="officer_manual_scores",
    ),
    path(
        "officers/runs/<int:pk>/",
        officers.OfficerRunDetailView.as_view(),
        name="officer_run_detail",
    ),
    path(
        "officers/results/<int:pk>/",
        officers.OfficerResultDetailView.as_view(),
        name="officer_result_detail",
    ),
    # monthly district reports
    path("reports/", reports.ReportListView.as_view(), name="report_list"),
    path("reports/prepare/", reports.PrepareMonthView.as_view(), name="report_prepare"),
    path("reports/<int:pk>/", reports.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/edit/", reports.ReportEditView.as_view(), name="report_edit"),
    path("reports/<int:pk>/submit/", reports.ReportSubmitView.as_view(), name="report_submit"),
    path("reports/<int:pk>/refresh/", reports.ReportRefreshView.as_view(), name="report_refresh"),
    path("reports/<int:pk>/review/", reports.ReportReviewView.as_view(), name="report_review"),
    path(
        "reports/<int:pk>/export/<str:fmt>/",
        reports.ReportExportView.as_view(),
        name="report_export",
    ),
]
